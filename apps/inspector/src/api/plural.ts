/**
 * `1 span`, `2 spans`, `0 spans`: a count with its noun, plural unless the count is exactly one.
 * `many` names an irregular plural (`1 reply` / `2 replies`).
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
