/**
 * Typed reads of environment variables: the parsers behind every declared variable (see
 * `variable-declaration.ts`), so a wrong value fails at start-up with the variable's name and what
 * was expected, never later in a request.
 */
export type Environment = Record<string, string | undefined>;

/** Thrown when a variable is set to something the service cannot use. */
export class ConfigurationError extends Error {
  constructor(variable: string, expected: string, actual: string) {
    super(`${variable} must be ${expected}, got ${JSON.stringify(actual)}`);
    this.name = 'ConfigurationError';
  }
}

function present(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** A string variable, or `fallback` when unset or blank. */
export function readString<F extends string | undefined>(
  env: Environment,
  name: string,
  fallback: F,
): string | F;
export function readString(env: Environment, name: string): string | undefined;
export function readString(env: Environment, name: string, fallback?: string): string | undefined {
  return present(env, name) ?? fallback;
}

/** A TCP port (0-65535; 0 asks the OS for a free one). */
export function readPort<F extends number | undefined>(
  env: Environment,
  name: string,
  fallback: F,
): number | F {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigurationError(name, 'a port number between 0 and 65535', raw);
  }
  return port;
}

/** A whole number of at least `min` (durations in milliseconds, sizes in bytes). */
export function readInteger<F extends number | undefined>(
  env: Environment,
  name: string,
  fallback: F,
  min = 0,
): number | F {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min) {
    throw new ConfigurationError(name, `a whole number of at least ${min}`, raw);
  }
  return value;
}

/** `true`/`false` (also 1/0, yes/no, on/off, any case). */
export function readBoolean<F extends boolean | undefined>(
  env: Environment,
  name: string,
  fallback: F,
): boolean | F {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigurationError(name, 'true or false', raw);
}

/** One of a fixed set of values. */
export function readChoice<T extends string, F extends T | undefined>(
  env: Environment,
  name: string,
  choices: readonly T[],
  fallback: F,
): T | F {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigurationError(name, `one of ${choices.join(', ')}`, raw);
  }
  return raw as T;
}
