import { readBoolean, readChoice, readInteger, readPort, readString } from './env-reader';
import type { Environment } from './env-reader';
import type { EnvironmentVariable, VariableSource } from './environment-variable';

/** A variable the mesh's own code reads: its documentation plus how to read it. */
export interface CodeVariable<T> extends EnvironmentVariable {
  readonly source: 'code' | 'script';
  /** The value when unset or blank; `undefined` when that means off/none or is computed by the reader. */
  readonly fallback: T;
  /** Reads the variable from `env` (a wrong value throws a ConfigurationError naming it). */
  readonly parse: (env: Environment, fallback: T) => T;
}

/** A variable the mesh only documents: a library (OTel, AWS SDK) or docker compose reads it. */
export type DocumentedVariable = EnvironmentVariable;

/** What a declaration says besides its name, which is its key in `declareVariables`. */
type Doc = Omit<EnvironmentVariable, 'name' | 'default' | 'source'> & {
  /**
   * The default as the docs show it, when it is not simply the fallback written out (a computed
   * default: "the service's own name"). @default String(fallback), or unset without a fallback
   */
  readonly defaultText?: string;
  /**
   * `script`: read by a plain Node script that runs before the libraries are built, so it cannot
   * import this declaration. @default 'code'
   */
  readonly source?: 'code' | 'script';
};

/** A declaration before `declareVariables` names it: its parser is handed the name it gets. */
type Named<T> = Omit<CodeVariable<T>, 'name' | 'parse'> & {
  readonly parseNamed: (env: Environment, name: string, fallback: T) => T;
};

function named<T>(
  doc: Doc,
  fallback: T,
  parseNamed: (env: Environment, name: string, fallback: T) => T,
): Named<T> {
  const { defaultText, source, ...rest } = doc;
  const shown = defaultText ?? (fallback === undefined ? undefined : String(fallback));
  return {
    ...rest,
    ...(shown === undefined ? {} : { default: shown }),
    source: source ?? 'code',
    fallback,
    parseNamed,
  };
}

/** Text, trimmed; blank is unset. */
export function text(doc: Doc & { fallback: string }): Named<string>;
export function text(doc: Doc): Named<string | undefined>;
export function text(doc: Doc & { fallback?: string }): Named<string> | Named<string | undefined> {
  const { fallback, ...rest } = doc;
  return named<string | undefined>(rest, fallback, (env, name, value) =>
    readString(env, name, value),
  );
}

/** A whole number of at least `min` (@default 0). */
export function integer(
  doc: Doc & { fallback: number; min?: number },
): Named<number> & { readonly min: number };
export function integer(
  doc: Doc & { min?: number },
): Named<number | undefined> & { readonly min: number };
export function integer(
  doc: Doc & { fallback?: number; min?: number },
): (Named<number> | Named<number | undefined>) & { readonly min: number } {
  const { fallback, min = 0, ...rest } = doc;
  return {
    ...named<number | undefined>(rest, fallback, (env, name, value) =>
      readInteger(env, name, value, min),
    ),
    min,
  };
}

/** A TCP port, 0-65535. */
export function port(doc: Doc & { fallback: number }): Named<number> {
  const { fallback, ...rest } = doc;
  return named<number>(rest, fallback, (env, name, value) => readPort(env, name, value));
}

/** `true`/`false` (also 1/0, yes/no, on/off). */
export function flag(doc: Doc & { fallback: boolean }): Named<boolean> {
  const { fallback, ...rest } = doc;
  return named<boolean>(rest, fallback, (env, name, value) => readBoolean(env, name, value));
}

/** One of `choices`. */
export function choice<const C extends readonly string[]>(
  doc: Doc & { choices: C; fallback: C[number] },
): Named<C[number]> & { readonly choices: C };
export function choice<const C extends readonly string[]>(
  doc: Doc & { choices: C },
): Named<C[number] | undefined> & { readonly choices: C };
export function choice<const C extends readonly string[]>(
  doc: Doc & { choices: C; fallback?: C[number] },
): Named<C[number] | undefined> & { readonly choices: C } {
  const { fallback, choices, ...rest } = doc;
  return {
    ...named<C[number] | undefined>(rest, fallback, (env, name, value) =>
      readChoice(env, name, choices, value),
    ),
    choices,
  };
}

/** A variable only documented here: a library (`{ package }`) or docker compose reads it. */
export function documented(
  doc: Omit<EnvironmentVariable, 'name' | 'source'> & {
    source: Exclude<VariableSource, 'code' | 'script'>;
  },
): Omit<DocumentedVariable, 'name'> {
  return doc;
}

type Declaration = Named<unknown> | Omit<DocumentedVariable, 'name'>;

/** The declarations with their names filled in from their keys. */
export type DeclaredVariables<M extends Record<string, Declaration>> = {
  readonly [K in keyof M]: M[K] extends Named<infer T>
    ? CodeVariable<T> & Omit<M[K], keyof Named<T>> & { readonly name: K }
    : DocumentedVariable & { readonly name: K };
};

/** Names each declaration after its key: `{ LOG_LEVEL: choice({...}) }` declares LOG_LEVEL. */
export function declareVariables<const M extends Record<string, Declaration>>(
  declarations: M,
): DeclaredVariables<M> {
  const entries = Object.entries(declarations).map(([name, declaration]) => {
    if (!('parseNamed' in declaration)) return [name, { name, ...declaration }];
    const { parseNamed, ...rest } = declaration;
    const parse = (env: Environment, fallback: unknown) => parseNamed(env, name, fallback);
    return [name, { name, ...rest, parse }];
  });
  return Object.fromEntries(entries) as DeclaredVariables<M>;
}

/**
 * The value of `variable` in `env`: parsed, or its declared default when unset or blank - or
 * `fallback` where the default is computed by the caller (OTEL_SERVICE_NAME: the service's name).
 */
export function read<T>(env: Environment, variable: CodeVariable<T>): T;
export function read<T>(
  env: Environment,
  variable: CodeVariable<T>,
  fallback: NonNullable<T>,
): NonNullable<T>;
export function read<T>(env: Environment, variable: CodeVariable<T>, ...fallback: [T?]): T {
  return variable.parse(env, fallback.length > 0 ? (fallback[0] as T) : variable.fallback);
}
