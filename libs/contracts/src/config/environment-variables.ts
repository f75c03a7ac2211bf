/**
 * The single source of configuration: every environment variable the mesh reads, ours and the
 * standard OTEL_* / AWS_* ones the SDKs read for us. `.env.example` and the README's configuration
 * tables are generated from this list (`npm run config:docs`), and a spec fails when the code
 * reads a variable that is missing here, or this lists one that nothing reads.
 */

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
 * - `code`: our sources name it (a `read*(env, 'X')`, `process.env.X`, a variable map...);
 * - `compose`: only `docker-compose.yml` interpolates it;
 * - `{ package }`: a library reads it; its installed files contain `token` (the name, unless set).
 */
export type VariableSource = 'code' | 'compose' | { package: string; token?: string };

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

const BACKENDS: readonly VariableReader[] = ['gateway', 'home-activities', 'notifications'];
const OTEL_SDK = { package: '@opentelemetry/sdk-node' } as const;

/** Every variable, in the order the generated docs list them. */
export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  // OpenTelemetry
  {
    name: 'OTEL_SDK_DISABLED',
    group: 'OpenTelemetry',
    meaning: '`true` turns all tracing off (and the browser relay)',
    default: 'false',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_SERVICE_NAME',
    group: 'OpenTelemetry',
    meaning:
      'overrides `service.name` (also the log field and CloudWatch stream); set it per service, never shared',
    default: "the service's own name",
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    group: 'OpenTelemetry',
    meaning:
      'OTLP/HTTP base URL (`/v1/traces` is appended); `https://api.honeycomb.io` for Honeycomb',
    default: 'http://localhost:4318',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    group: 'OpenTelemetry',
    meaning: 'full traces URL; wins over `OTEL_EXPORTER_OTLP_ENDPOINT`',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    group: 'OpenTelemetry',
    meaning: 'export headers, `key=value,...`, e.g. `x-honeycomb-team=<key>`',
    readBy: BACKENDS,
    secret: true,
    source: 'code',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
    group: 'OpenTelemetry',
    meaning: 'headers for trace exports only, merged over `OTEL_EXPORTER_OTLP_HEADERS`',
    readBy: BACKENDS,
    secret: true,
    source: 'code',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
    group: 'OpenTelemetry',
    meaning: '`http/protobuf` or `http/json`',
    default: 'http/protobuf',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
    group: 'OpenTelemetry',
    meaning: 'the same, for traces only',
    default: '`OTEL_EXPORTER_OTLP_PROTOCOL`',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TIMEOUT',
    group: 'OpenTelemetry',
    meaning: 'milliseconds one export may take',
    default: '10000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
    group: 'OpenTelemetry',
    meaning: 'the same, for traces only',
    default: '`OTEL_EXPORTER_OTLP_TIMEOUT`',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_TRACES_SAMPLER',
    group: 'OpenTelemetry',
    meaning: 'sampler, e.g. `parentbased_traceidratio`',
    default: 'parentbased_always_on',
    readBy: BACKENDS,
    secret: false,
    source: OTEL_SDK,
  },
  {
    name: 'OTEL_TRACES_SAMPLER_ARG',
    group: 'OpenTelemetry',
    meaning: "the sampler's argument (the ratio, `0.1`)",
    readBy: BACKENDS,
    secret: false,
    source: OTEL_SDK,
  },
  {
    name: 'OTEL_BSP_SCHEDULE_DELAY',
    group: 'OpenTelemetry',
    meaning: 'milliseconds between batch exports',
    default: '5000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_BSP_MAX_QUEUE_SIZE',
    group: 'OpenTelemetry',
    meaning: 'spans buffered at most; more are dropped',
    default: '2048',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
    group: 'OpenTelemetry',
    meaning: 'spans per export',
    default: '512',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_BSP_EXPORT_TIMEOUT',
    group: 'OpenTelemetry',
    meaning: 'milliseconds one batch export may take',
    default: '30000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'OTEL_RESOURCE_ATTRIBUTES',
    group: 'OpenTelemetry',
    meaning: 'extra resource attributes, `key=value,...` (e.g. `deployment.environment=dev`)',
    readBy: BACKENDS,
    secret: false,
    source: { package: '@opentelemetry/resources' },
  },
  {
    name: 'HONEYCOMB_API_KEY',
    group: 'OpenTelemetry',
    meaning:
      'Honeycomb ingest key: compose sends it as `x-honeycomb-team`; services redact its value from logs',
    readBy: [...BACKENDS, 'docker compose'],
    secret: true,
    source: 'code',
  },
  {
    name: 'HONEYCOMB_WRITE_KEY',
    group: 'OpenTelemetry',
    meaning: 'another name some setups use for that key: only redacted from logs, never sent',
    readBy: BACKENDS,
    secret: true,
    source: 'code',
  },

  // Services
  {
    name: 'GATEWAY_PORT',
    group: 'Services',
    meaning: 'gateway HTTP port',
    default: '4567',
    readBy: ['gateway', 'npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'GATEWAY_HOST',
    group: 'Services',
    meaning: 'gateway bind address',
    default: '0.0.0.0',
    readBy: ['gateway', 'npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'FRONTEND_URL',
    group: 'Services',
    meaning:
      'the browser origin the gateway allows (CORS), under every loopback name when it is local; `npm start` and `nx serve` derive it from `FRONTEND_PORT`',
    default: 'http://localhost:3000',
    readBy: ['gateway', 'npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'HOME_ACTIVITIES_HOST',
    group: 'Services',
    meaning: 'where home-activities listens, and where the gateway connects to it',
    default: '127.0.0.1',
    readBy: ['home-activities', 'gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'HOME_ACTIVITIES_PORT',
    group: 'Services',
    meaning: 'home-activities TCP port (both sides)',
    default: '4101',
    readBy: ['home-activities', 'gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'NOTIFICATIONS_HOST',
    group: 'Services',
    meaning: 'where notifications listens, and where the gateway connects to it',
    default: '127.0.0.1',
    readBy: ['notifications', 'gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'NOTIFICATIONS_PORT',
    group: 'Services',
    meaning: 'notifications TCP port (both sides)',
    default: '4102',
    readBy: ['notifications', 'gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'DOWNSTREAM_TIMEOUT_MS',
    group: 'Services',
    meaning: 'how long the gateway waits for a feed (then 504)',
    default: '3000',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'DOWNSTREAM_CONNECT_TIMEOUT_MS',
    group: 'Services',
    meaning:
      'how long the gateway waits at start-up for its TCP connections before it listens anyway',
    default: '10000',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    group: 'Services',
    meaning:
      'hard limit from SIGTERM to exit: drain, then every backend flushed side by side within what is left',
    default: '10000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'SHUTDOWN_DRAIN_TIMEOUT_MS',
    group: 'Services',
    meaning:
      'on SIGTERM, how long the gateway waits for requests in flight (services: 1 s longer, for their callers)',
    default: '4000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'HEALTH_TIMEOUT_MS',
    group: 'Services',
    meaning: 'how long `/api/health` waits for each service',
    default: '1000',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'MICROSERVICE_TRANSPORT',
    group: 'Services',
    meaning:
      '`tcp` (one process per service at its host:port) or `nats` (replicas in queue groups behind a broker)',
    default: 'tcp',
    readBy: [...BACKENDS, 'npm start'],
    secret: false,
    source: 'code',
  },
  {
    name: 'NATS_SERVERS',
    group: 'Services',
    meaning:
      'comma-separated broker URLs (`nats://host:4222`); `npm start` runs a local nats-server when unset',
    default: 'nats://127.0.0.1:4222',
    readBy: [...BACKENDS, 'npm start'],
    secret: false,
    source: 'code',
  },
  {
    name: 'NATS_CONNECTION_NAME',
    group: 'Services',
    meaning: 'the connection name nats-server monitoring shows',
    default: "the service's name",
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'NATS_MAX_RECONNECT_ATTEMPTS',
    group: 'Services',
    meaning: 'reconnect attempts before giving up; `-1` is forever',
    default: '-1',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'NATS_RECONNECT_TIME_WAIT_MS',
    group: 'Services',
    meaning: 'pause between reconnect attempts to one server',
    default: '2000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'NATS_CONNECT_TIMEOUT_MS',
    group: 'Services',
    meaning: 'how long one connection attempt may take',
    default: '5000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'NATS_CREDS_FILE',
    group: 'Services',
    meaning: 'path of a `.creds` file (user JWT and NKey seed) for a secured broker',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'NATS_TOKEN',
    group: 'Services',
    meaning: 'token for a broker secured with one',
    readBy: BACKENDS,
    secret: true,
    source: 'code',
  },
  {
    name: 'NATS_USER',
    group: 'Services',
    meaning: 'user name for a broker secured with user and password',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'NATS_PASSWORD',
    group: 'Services',
    meaning: 'password of `NATS_USER`',
    readBy: BACKENDS,
    secret: true,
    source: 'code',
  },
  {
    name: 'MESH_REPLICAS',
    group: 'Services',
    meaning:
      'instances of each microservice `npm start` runs (needs `MICROSERVICE_TRANSPORT=nats`)',
    default: '1',
    readBy: ['npm start'],
    secret: false,
    source: 'code',
  },
  {
    name: 'NOTIFICATIONS_FAULT',
    group: 'Services',
    meaning:
      'fault injection: `throw`, `uncaught` or `unhandled-rejection` make the feed fail on purpose',
    default: 'none',
    readBy: ['notifications'],
    secret: false,
    source: 'code',
  },
  {
    name: 'NODE_ENV',
    group: 'Services',
    meaning: '`production` makes logs JSON; the default Rollbar environment',
    default: 'development (production in the images)',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },

  // Logging
  {
    name: 'LOG_LEVEL',
    group: 'Logging',
    meaning: '`fatal`, `error`, `warn`, `info` (or `log`), `debug`, `verbose`',
    default: 'info',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'LOG_FORMAT',
    group: 'Logging',
    meaning: '`json` or `pretty`',
    default: 'pretty on a terminal in development, else json',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'NO_COLOR',
    group: 'Logging',
    meaning: 'any value turns colours off',
    readBy: [...BACKENDS, 'npm start', 'npm run trace'],
    secret: false,
    source: 'code',
  },
  {
    name: 'FORCE_COLOR',
    group: 'Logging',
    meaning: 'set (and not `0`): log as on a terminal even through a pipe (`npm start` sets it)',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },

  // CloudWatch Logs
  {
    name: 'CLOUDWATCH_LOG_GROUP',
    group: 'CloudWatch Logs',
    meaning: 'the log group; unset keeps logs on the console only',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'CLOUDWATCH_RETENTION_DAYS',
    group: 'CloudWatch Logs',
    meaning: "sets the group's retention (one of CloudWatch's values: 1, 3, 5, 7, 14, 30, ...)",
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'CLOUDWATCH_FLUSH_INTERVAL_MS',
    group: 'CloudWatch Logs',
    meaning: 'how often queued events are sent (a full batch goes at once)',
    default: '1000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'CLOUDWATCH_MAX_QUEUED_EVENTS',
    group: 'CloudWatch Logs',
    meaning: 'queue cap in events; the oldest are dropped beyond it',
    default: '10000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'CLOUDWATCH_MAX_QUEUED_BYTES',
    group: 'CloudWatch Logs',
    meaning: 'queue cap in bytes',
    default: '16777216',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'CLOUDWATCH_MAX_EVENT_BYTES',
    group: 'CloudWatch Logs',
    meaning: 'larger events are truncated',
    default: '1048576',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'CLOUDWATCH_FLUSH_TIMEOUT_MS',
    group: 'CloudWatch Logs',
    meaning: 'the most a shutdown waits for the last events',
    default: '5000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'CLOUDWATCH_REQUEST_TIMEOUT_MS',
    group: 'CloudWatch Logs',
    meaning: "one API call's limit",
    default: '5000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },

  // AWS (the SDK's standard settings)
  {
    name: 'AWS_REGION',
    group: 'AWS',
    meaning: 'region of CloudWatch Logs (and of the X-Ray daemon)',
    readBy: [...BACKENDS, 'docker compose'],
    secret: false,
    source: 'code',
  },
  {
    name: 'AWS_DEFAULT_REGION',
    group: 'AWS',
    meaning: "used when `AWS_REGION` is unset (the AWS CLI's name for it)",
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'AWS_ACCESS_KEY_ID',
    group: 'AWS',
    meaning: 'AWS credentials (or use `AWS_PROFILE` or an IAM role)',
    readBy: [...BACKENDS, 'docker compose'],
    secret: true,
    source: 'code',
  },
  {
    name: 'AWS_SECRET_ACCESS_KEY',
    group: 'AWS',
    meaning: 'AWS credentials',
    readBy: [...BACKENDS, 'docker compose'],
    secret: true,
    source: 'code',
  },
  {
    name: 'AWS_SESSION_TOKEN',
    group: 'AWS',
    meaning: 'AWS credentials, for temporary ones',
    readBy: [...BACKENDS, 'docker compose'],
    secret: true,
    source: 'code',
  },
  {
    name: 'AWS_PROFILE',
    group: 'AWS',
    meaning: 'a profile of `~/.aws/config` to take credentials and region from',
    readBy: BACKENDS,
    secret: false,
    source: { package: '@aws-sdk/credential-provider-node' },
  },
  {
    name: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
    group: 'AWS',
    meaning: 'CloudWatch Logs API URL (the local inspector); unset or empty: the real AWS endpoint',
    readBy: BACKENDS,
    secret: false,
    // The SDK builds the name from the service id: AWS_ENDPOINT_URL + _CLOUDWATCH_LOGS.
    source: { package: '@smithy/core', token: 'AWS_ENDPOINT_URL' },
  },

  // X-Ray
  {
    name: 'AWS_XRAY_SDK_ENABLED',
    group: 'X-Ray',
    meaning: '`false` records nothing and loads no X-Ray code',
    default: 'true',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'AWS_XRAY_DAEMON_ADDRESS',
    group: 'X-Ray',
    meaning: 'where segments go over UDP: `host:port`, or `udp:host:port tcp:host:port`',
    default: '127.0.0.1:2000',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'AWS_XRAY_TRACING_NAME',
    group: 'X-Ray',
    meaning: 'segment name',
    default: 'the service name',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'AWS_XRAY_URL',
    group: 'X-Ray',
    meaning:
      "host pattern: matching requests get a segment named after their Host (the journals' dynamic naming)",
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'AWS_XRAY_SAMPLING_RULES',
    group: 'X-Ray',
    meaning: 'sampling rule file (`create-sampling-rule` form)',
    default: 'aws/json/xray.json',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'AWS_XRAY_CONTEXT_MISSING',
    group: 'X-Ray',
    meaning:
      "the X-Ray SDK's own strategy when no segment is current (`LOG_ERROR`, `IGNORE_ERROR`)",
    default: 'ignored silently',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'AWS_XRAY_MANUAL_MODE',
    group: 'X-Ray',
    meaning: 'set to `true` by the services before the X-Ray SDK loads (no async hooks); leave it',
    default: 'true',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },

  // Rollbar
  {
    name: 'ROLLBAR_ACCESS_TOKEN',
    group: 'Rollbar',
    meaning: "the project's `post_server_item` token; unset turns reporting off",
    readBy: BACKENDS,
    secret: true,
    source: 'code',
  },
  {
    name: 'ROLLBAR_ENVIRONMENT',
    group: 'Rollbar',
    meaning: 'the environment items are filed under',
    default: '`NODE_ENV`',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'ROLLBAR_ENDPOINT',
    group: 'Rollbar',
    meaning: 'the full item URL (a proxy, the local inspector); unset or empty: Rollbar itself',
    default: 'https://api.rollbar.com/api/1/item/',
    readBy: BACKENDS,
    secret: false,
    source: 'code',
  },
  {
    name: 'ROLLBAR_POST_SERVER_ITEM_ACCESS_TOKEN',
    group: 'Rollbar',
    meaning: 'another name some setups use for the token: only redacted from logs, never sent',
    readBy: BACKENDS,
    secret: true,
    source: 'code',
  },

  // Front end
  {
    name: 'FRONTEND_PORT',
    group: 'Front end',
    meaning: "the front end server's port",
    default: '3000',
    readBy: ['frontend', 'npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'FRONTEND_HOST',
    group: 'Front end',
    meaning: "the front end server's bind address",
    default: '0.0.0.0',
    readBy: ['frontend', 'npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'GATEWAY_URL',
    group: 'Front end',
    meaning:
      'the gateway as the _browser_ reaches it; `npm start` and `nx serve` derive it from `GATEWAY_PORT`',
    default: 'http://localhost:4567',
    readBy: ['frontend', 'npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'FRONTEND_SERVICE_NAME',
    group: 'Front end',
    meaning: "the browser's `service.name`",
    default: 'cruddur-frontend',
    readBy: ['frontend'],
    secret: false,
    source: 'code',
  },
  {
    name: 'FRONTEND_USER_HANDLE',
    group: 'Front end',
    meaning: 'the user the page acts as (no sign-in yet)',
    default: 'andrewbrown',
    readBy: ['frontend'],
    secret: false,
    source: 'code',
  },
  {
    name: 'FRONTEND_TRACES_URL',
    group: 'Front end',
    meaning: 'where browser spans go',
    default: "the gateway's relay",
    readBy: ['frontend'],
    secret: false,
    source: 'code',
  },
  {
    name: 'FRONTEND_TRACING',
    group: 'Front end',
    meaning: '`false` turns browser span export off',
    default: 'true',
    readBy: ['frontend'],
    secret: false,
    source: 'code',
  },

  // Telemetry relay (the gateway forwards browser spans)
  {
    name: 'TELEMETRY_RELAY_ENABLED',
    group: 'Telemetry relay',
    meaning: '`false` answers 404 (also off with `OTEL_SDK_DISABLED`)',
    default: 'true',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'TELEMETRY_RELAY_MAX_BODY_BYTES',
    group: 'Telemetry relay',
    meaning: 'largest export accepted',
    default: '524288',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'TELEMETRY_RELAY_CLIENT_PER_MINUTE',
    group: 'Telemetry relay',
    meaning: 'exports one client address may send a minute',
    default: '120',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'TELEMETRY_RELAY_CLIENT_BURST',
    group: 'Telemetry relay',
    meaning: 'how many of those may come at once',
    default: '30',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'TELEMETRY_RELAY_TOTAL_PER_MINUTE',
    group: 'Telemetry relay',
    meaning: 'exports from all clients together a minute',
    default: '3000',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },
  {
    name: 'TELEMETRY_RELAY_MAX_IN_FLIGHT',
    group: 'Telemetry relay',
    meaning: 'forwards waiting on the backend at once',
    default: '8',
    readBy: ['gateway'],
    secret: false,
    source: 'code',
  },

  // Inspector
  {
    name: 'INSPECTOR_HOST',
    group: 'Inspector',
    meaning: 'interface every inspector port binds to (telemetry carries user data)',
    default: '127.0.0.1',
    readBy: ['inspector', 'npm start', 'nx serve', 'npm run trace'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_PORT',
    group: 'Inspector',
    meaning: 'UI, JSON API, CloudWatch Logs and Rollbar APIs',
    default: '16686',
    readBy: ['inspector', 'npm start', 'nx serve', 'npm run trace'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_OTLP_PORT',
    group: 'Inspector',
    meaning: 'OTLP/HTTP traces',
    default: '4318',
    readBy: ['inspector', 'npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_XRAY_PORT',
    group: 'Inspector',
    meaning: 'X-Ray daemon datagrams (UDP)',
    default: '2000',
    readBy: ['inspector', 'npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_MAX_TRACES',
    group: 'Inspector',
    meaning: 'traces kept; the oldest are evicted beyond it',
    default: '10000',
    readBy: ['inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_MAX_SPANS',
    group: 'Inspector',
    meaning: 'spans kept across all traces (about 2 KB of heap each)',
    default: '100000',
    readBy: ['inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_MAX_LOG_EVENTS',
    group: 'Inspector',
    meaning: 'log events kept',
    default: '50000',
    readBy: ['inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_MAX_XRAY_SEGMENTS',
    group: 'Inspector',
    meaning: 'X-Ray segments kept',
    default: '50000',
    readBy: ['inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_MAX_ROLLBAR_ITEMS',
    group: 'Inspector',
    meaning: 'Rollbar items kept',
    default: '5000',
    readBy: ['inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_MAX_BODY_BYTES',
    group: 'Inspector',
    meaning: 'largest request body on any port, compressed and decompressed',
    default: '8388608',
    readBy: ['inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_STORE',
    group: 'Inspector',
    meaning: '`memory`, or a file that keeps the telemetry across restarts (same caps)',
    default: 'memory',
    readBy: ['inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_ENABLED',
    group: 'Inspector',
    meaning: '`false` makes `npm start` skip the inspector (and `nx serve` not send to it)',
    default: 'true',
    readBy: ['npm start', 'nx serve'],
    secret: false,
    source: 'code',
  },
  {
    name: 'INSPECTOR_URL',
    group: 'Inspector',
    meaning: 'where the trace CLI finds the inspector',
    default: 'from `INSPECTOR_HOST` and `INSPECTOR_PORT`',
    readBy: ['npm run trace'],
    secret: false,
    source: 'code',
  },

  // Tools
  {
    name: 'BENCH_SECONDS',
    group: 'Tools',
    meaning: 'seconds of ingest load',
    default: '8',
    readBy: ['npm run bench:inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'BENCH_CONCURRENCY',
    group: 'Tools',
    meaning: 'concurrent exporters',
    default: '4',
    readBy: ['npm run bench:inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'BENCH_MAX_SPANS',
    group: 'Tools',
    meaning: 'the span cap the benchmarked inspector runs with',
    default: '100000',
    readBy: ['npm run bench:inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'BENCH_SAMPLES',
    group: 'Tools',
    meaning: 'requests per read endpoint',
    default: '30',
    readBy: ['npm run bench:inspector'],
    secret: false,
    source: 'code',
  },
  {
    name: 'BENCH_EXPORTS',
    group: 'Tools',
    meaning: 'distinct 500-span exports, cycled',
    default: '400',
    readBy: ['npm run bench:inspector'],
    secret: false,
    source: 'code',
  },
];
