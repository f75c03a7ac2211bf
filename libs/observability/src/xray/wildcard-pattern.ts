/** An X-Ray wildcard pattern (`*` any run of characters, `?` one character) as a case-insensitive RegExp. */
export function wildcardPattern(pattern: string): RegExp {
  const source = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 'is');
}
