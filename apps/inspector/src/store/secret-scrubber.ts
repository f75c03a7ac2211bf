import { isSecretName } from '@cruddur/contracts';

/** What a scrubbed value is replaced with. */
export const SCRUBBED = '[scrubbed]';

/**
 * A copy of `value` with the value of every credential-named key replaced by {@link SCRUBBED}, at
 * any depth (to 32 levels; deeper values are dropped rather than copied unchecked). Credential
 * names are the mesh's one secret policy (`isSecretName`), the one the services redact by: the
 * inspector shows what services send, and that must not leak a token into a screenshot or a bug
 * report.
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
    copy[key] = isSecretName(key) ? SCRUBBED : scrub(nested, depth - 1);
  }
  return copy;
}
