/** Deeper than this, an item is not walked further (Rollbar's own items are a few levels deep). */
const MAX_DEPTH = 32;

/**
 * Rewrites, in place, every string of a Rollbar item with `redactText`. Rollbar scrubs values by
 * their names (the secret policy's names, see rollbar.constants.ts); this catches what names
 * cannot - a Bearer token, an AWS key or this process's own secret values in an error message,
 * a stack frame or a custom field.
 */
export function redactItemStrings(
  item: Record<string, unknown>,
  redactText: (text: string) => string,
): void {
  walk(item, redactText, new WeakSet<object>(), 0);
}

function walk(
  value: Record<string, unknown> | unknown[],
  redactText: (text: string) => string,
  seen: WeakSet<object>,
  depth: number,
): void {
  if (seen.has(value) || depth > MAX_DEPTH) return;
  seen.add(value);
  const entries = value as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    const item = entries[key];
    if (typeof item === 'string') {
      const redacted = redactText(item);
      if (redacted !== item) entries[key] = redacted;
    } else if (item && typeof item === 'object') {
      walk(item as Record<string, unknown>, redactText, seen, depth + 1);
    }
  }
}
