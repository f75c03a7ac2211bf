/** What the registry (`environment-variables.ts`) says about each environment variable. */

/** A program that reads a variable. */
export type VariableReader =
  | 'gateway'
  | 'home-activities'
  | 'notifications'
  | 'inspector'
  | 'frontend'
  | 'npm start'
  | 'nx serve'
  | 'npm run trace'
  | 'npm run bench:inspector'
  | 'docker compose';

/** The section a variable is listed under. */
export type VariableGroup =
  | 'OpenTelemetry'
  | 'Services'
  | 'Logging'
  | 'CloudWatch Logs'
  | 'AWS'
  | 'X-Ray'
  | 'Rollbar'
  | 'Front end'
  | 'Telemetry relay'
  | 'Inspector'
  | 'Tools';

/**
 * Where the read happens, which is what the drift spec checks:
 * - `code`: our sources read it through its declaration (`read(env, Variables.X)`);
 * - `script`: a plain Node script that runs before the libraries are built reads it by name;
 * - `compose`: only `docker-compose.yml` interpolates it;
 * - `{ package }`: a library reads it; its installed files contain `token` (the name, unless set).
 */
export type VariableSource = 'code' | 'script' | 'compose' | { package: string; token?: string };

/** One environment variable. */
export interface EnvironmentVariable {
  readonly name: string;
  readonly group: VariableGroup;
  /** What it does, in one line. */
  readonly meaning: string;
  /** The value used when it is unset or blank, as text. @default undefined - unset means off/none */
  readonly default?: string;
  readonly readBy: readonly VariableReader[];
  /** Its value must never be written into a file, a log, a span or an error. */
  readonly secret: boolean;
  readonly source: VariableSource;
}
