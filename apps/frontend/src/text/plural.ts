/** `count` and the noun for it: "1 reply", "0 replies", "2 replies". */
export function counted(count: number, one: string, many: string): string {
  return `${count} ${plural(count, one, many)}`;
}

/** `one` for a count of 1, else `many`. */
export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
