/**
 * Keys whose values are credentials: the inspector shows what services send, and what services
 * send must not leak a token into a screenshot or a bug report.
 */
const SECRET_KEY =
  /authorization|cookie|password|passwd|secret|token|api[-_.]?key|access[-_.]?key|x-honeycomb-team|session/i;

/** What a scrubbed value is replaced with. */
export const SCRUBBED = '[scrubbed]';

/** Whether a key (an attribute name, a header, a JSON field) names a credential. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A copy of `value` with the value of every credential-named key replaced by {@link SCRUBBED}, at
 * any depth (to 32 levels; deeper values are dropped rather than copied unchecked).
 */
export function scrubSecrets<T>(value: T, depth = 32): T {
  return scrub(value, depth) as T;
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth <= 0) return SCRUBBED;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth - 1));
  const copy: Record<string, unknown> = {};
  for (const [key, nested] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? SCRUBBED : scrub(nested, depth - 1);
  }
  return copy;
}
