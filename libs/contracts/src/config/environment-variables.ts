/**
 * The single source of configuration: every environment variable the mesh reads, ours and the
 * standard OTEL_* / AWS_* ones the SDKs read for us - its meaning, parser, default, readers and
 * whether it is a secret. The code reads its settings through these declarations
 * (`read(env, Variables.X)`); `.env.example` and the README's configuration tables are generated
 * from them (`npm run config:docs`); and a spec fails when the code reads a variable that is not
 * declared here, or a declared one is never read through its declaration.
 */
import {
  choice,
  declareVariables,
  documented,
  flag,
  integer,
  port,
  text,
} from './variable-declaration';
import type { EnvironmentVariable, VariableReader } from './environment-variable';

export type {
  EnvironmentVariable,
  VariableGroup,
  VariableReader,
  VariableSource,
} from './environment-variable';

const BACKENDS: readonly VariableReader[] = ['gateway', 'home-activities', 'notifications'];
const OTEL_SDK = { package: '@opentelemetry/sdk-node' } as const;

/** The OTLP encodings the services export with (OTLP/HTTP only; gRPC is not bundled). */
const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
/**
 * PutLogEvents' batch and event limits (`PutLogEventsLimits` of @cruddur/telemetry-wire, which this
 * library does not depend on; the logging config spec checks they agree).
 */
const PUT_LOG_EVENTS_MAX_BATCH_BYTES = 1_048_576;
const PUT_LOG_EVENTS_MAX_EVENT_BYTES = 1_048_576;

/**
 * Every variable, in the order the generated docs list them; the code reads each through its
 * declaration: `read(env, Variables.LOG_LEVEL)`.
 */
export const Variables = declareVariables({
  // OpenTelemetry
  OTEL_SDK_DISABLED: flag({
    group: 'OpenTelemetry',
    meaning: '`true` turns all tracing off (and the browser relay)',
    readBy: BACKENDS,
    secret: false,
    fallback: false,
  }),
  OTEL_SERVICE_NAME: text({
    group: 'OpenTelemetry',
    meaning:
      'overrides `service.name` (also the log field and CloudWatch stream); set it per service, never shared',
    readBy: BACKENDS,
    secret: false,
    defaultText: "the service's own name",
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: text({
    group: 'OpenTelemetry',
    meaning:
      'OTLP/HTTP base URL (`/v1/traces` is appended); `https://api.honeycomb.io` for Honeycomb',
    readBy: BACKENDS,
    secret: false,
    fallback: 'http://localhost:4318',
  }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: text({
    group: 'OpenTelemetry',
    meaning: 'full traces URL; wins over `OTEL_EXPORTER_OTLP_ENDPOINT`',
    readBy: BACKENDS,
    secret: false,
  }),
  OTEL_EXPORTER_OTLP_HEADERS: text({
    group: 'OpenTelemetry',
    meaning: 'export headers, `key=value,...`, e.g. `x-honeycomb-team=<key>`',
    readBy: BACKENDS,
    secret: true,
  }),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: text({
    group: 'OpenTelemetry',
    meaning: 'headers for trace exports only, merged over `OTEL_EXPORTER_OTLP_HEADERS`',
    readBy: BACKENDS,
    secret: true,
  }),
  OTEL_EXPORTER_OTLP_PROTOCOL: choice({
    group: 'OpenTelemetry',
    meaning: '`http/protobuf` or `http/json`',
    readBy: BACKENDS,
    secret: false,
    choices: OTLP_PROTOCOLS,
    fallback: 'http/protobuf',
  }),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: choice({
    group: 'OpenTelemetry',
    meaning: 'the same, for traces only',
    readBy: BACKENDS,
    secret: false,
    choices: OTLP_PROTOCOLS,
    defaultText: '`OTEL_EXPORTER_OTLP_PROTOCOL`',
  }),
  OTEL_EXPORTER_OTLP_TIMEOUT: integer({
    group: 'OpenTelemetry',
    meaning: 'milliseconds one export may take',
    readBy: BACKENDS,
    secret: false,
    fallback: 10_000,
    min: 1,
  }),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: integer({
    group: 'OpenTelemetry',
    meaning: 'the same, for traces only',
    readBy: BACKENDS,
    secret: false,
    min: 1,
    defaultText: '`OTEL_EXPORTER_OTLP_TIMEOUT`',
  }),
  OTEL_TRACES_SAMPLER: text({
    group: 'OpenTelemetry',
    meaning:
      'sampler of both backends, e.g. `parentbased_traceidratio`; set, it replaces the X-Ray rule file',
    readBy: BACKENDS,
    secret: false,
    defaultText: 'the X-Ray rule file (`AWS_XRAY_SAMPLING_RULES`), parent-based',
  }),
  OTEL_TRACES_SAMPLER_ARG: documented({
    group: 'OpenTelemetry',
    meaning: "the sampler's argument (the ratio, `0.1`)",
    readBy: BACKENDS,
    secret: false,
    source: OTEL_SDK,
  }),
  OTEL_METRICS_EXPORTER: text({
    group: 'OpenTelemetry',
    meaning: 'metrics exporter (`otlp`, `console`, `prometheus`); unset, no metrics are recorded',
    readBy: BACKENDS,
    secret: false,
    defaultText: 'none',
  }),
  OTEL_LOGS_EXPORTER: text({
    group: 'OpenTelemetry',
    meaning: 'OTLP logs exporter (`otlp`, `console`); unset, none (logs go through winston)',
    readBy: BACKENDS,
    secret: false,
    defaultText: 'none',
  }),
  OTEL_BSP_SCHEDULE_DELAY: integer({
    group: 'OpenTelemetry',
    meaning: 'milliseconds between batch exports',
    readBy: BACKENDS,
    secret: false,
    defaultText: '5000',
  }),
  OTEL_BSP_MAX_QUEUE_SIZE: integer({
    group: 'OpenTelemetry',
    meaning: 'spans buffered at most; more are dropped',
    readBy: BACKENDS,
    secret: false,
    defaultText: '2048',
  }),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: integer({
    group: 'OpenTelemetry',
    meaning: 'spans per export',
    readBy: BACKENDS,
    secret: false,
    defaultText: '512',
  }),
  OTEL_BSP_EXPORT_TIMEOUT: integer({
    group: 'OpenTelemetry',
    meaning: 'milliseconds one batch export may take',
    readBy: BACKENDS,
    secret: false,
    defaultText: '30000',
  }),
  OTEL_RESOURCE_ATTRIBUTES: documented({
    group: 'OpenTelemetry',
    meaning: 'extra resource attributes, `key=value,...` (e.g. `deployment.environment=dev`)',
    readBy: BACKENDS,
    secret: false,
    source: { package: '@opentelemetry/resources' },
  }),
  HONEYCOMB_API_KEY: text({
    group: 'OpenTelemetry',
    meaning:
      'Honeycomb ingest key: compose sends it as `x-honeycomb-team`; services redact its value from logs',
    readBy: [...BACKENDS, 'docker compose'],
    secret: true,
  }),
  HONEYCOMB_WRITE_KEY: text({
    group: 'OpenTelemetry',
    meaning: 'another name some setups use for that key: only redacted from logs, never sent',
    readBy: BACKENDS,
    secret: true,
  }),

  // Services
  GATEWAY_PORT: port({
    group: 'Services',
    meaning: 'gateway HTTP port',
    readBy: ['gateway', 'npm start', 'nx serve'],
    secret: false,
    fallback: 4567,
  }),
  GATEWAY_HOST: text({
    group: 'Services',
    meaning: 'gateway bind address',
    readBy: ['gateway', 'npm start', 'nx serve'],
    secret: false,
    fallback: '0.0.0.0',
  }),
  FRONTEND_URL: text({
    group: 'Services',
    meaning:
      'the browser origin the gateway allows (CORS), under every loopback name when it is local; `npm start` and `nx serve` derive it from `FRONTEND_PORT`',
    readBy: ['gateway', 'npm start', 'nx serve'],
    secret: false,
    fallback: 'http://localhost:3000',
  }),
  HOME_ACTIVITIES_HOST: text({
    group: 'Services',
    meaning: 'where home-activities listens, and where the gateway connects to it',
    readBy: ['home-activities', 'gateway'],
    secret: false,
    fallback: '127.0.0.1',
  }),
  HOME_ACTIVITIES_PORT: port({
    group: 'Services',
    meaning: 'home-activities TCP port (both sides)',
    readBy: ['home-activities', 'gateway'],
    secret: false,
    fallback: 4101,
  }),
  NOTIFICATIONS_HOST: text({
    group: 'Services',
    meaning: 'where notifications listens, and where the gateway connects to it',
    readBy: ['notifications', 'gateway'],
    secret: false,
    fallback: '127.0.0.1',
  }),
  NOTIFICATIONS_PORT: port({
    group: 'Services',
    meaning: 'notifications TCP port (both sides)',
    readBy: ['notifications', 'gateway'],
    secret: false,
    fallback: 4102,
  }),
  DOWNSTREAM_TIMEOUT_MS: integer({
    group: 'Services',
    meaning: 'how long the gateway waits for a feed (then 504)',
    readBy: ['gateway'],
    secret: false,
    fallback: 3000,
    min: 1,
  }),
  DOWNSTREAM_CONNECT_TIMEOUT_MS: integer({
    group: 'Services',
    meaning:
      'how long the gateway waits at start-up for its TCP connections before it listens anyway',
    readBy: ['gateway'],
    secret: false,
    fallback: 10_000,
    min: 0,
  }),
  SHUTDOWN_TIMEOUT_MS: integer({
    group: 'Services',
    meaning:
      'hard limit from SIGTERM to exit: drain, then every backend flushed side by side within what is left',
    readBy: BACKENDS,
    secret: false,
    fallback: 10_000,
    min: 1,
  }),
  SHUTDOWN_DRAIN_TIMEOUT_MS: integer({
    group: 'Services',
    meaning:
      'on SIGTERM, how long the gateway waits for requests in flight (services: 1 s longer, for their callers)',
    readBy: BACKENDS,
    secret: false,
    fallback: 4000,
    min: 0,
  }),
  HEALTH_TIMEOUT_MS: integer({
    group: 'Services',
    meaning: 'how long `/api/health` waits for each service',
    readBy: ['gateway'],
    secret: false,
    fallback: 1000,
    min: 1,
  }),
  MICROSERVICE_TRANSPORT: choice({
    group: 'Services',
    meaning:
      '`tcp` (one process per service at its host:port) or `nats` (replicas in queue groups behind a broker)',
    readBy: [...BACKENDS, 'npm start'],
    secret: false,
    choices: ['tcp', 'nats'],
    fallback: 'tcp',
  }),
  NATS_SERVERS: text({
    group: 'Services',
    meaning:
      'comma-separated broker URLs (`nats://host:4222`); `npm start` runs a local nats-server when unset',
    readBy: [...BACKENDS, 'npm start'],
    secret: false,
    defaultText: 'nats://127.0.0.1:4222',
  }),
  NATS_CONNECTION_NAME: text({
    group: 'Services',
    meaning: 'the connection name nats-server monitoring shows',
    readBy: BACKENDS,
    secret: false,
    defaultText: "the service's name",
  }),
  NATS_MAX_RECONNECT_ATTEMPTS: integer({
    group: 'Services',
    meaning: 'reconnect attempts before giving up; `-1` is forever',
    readBy: BACKENDS,
    secret: false,
    fallback: -1,
    min: -1,
  }),
  NATS_RECONNECT_TIME_WAIT_MS: integer({
    group: 'Services',
    meaning: 'pause between reconnect attempts to one server',
    readBy: BACKENDS,
    secret: false,
    fallback: 2000,
    min: 10,
  }),
  NATS_CONNECT_TIMEOUT_MS: integer({
    group: 'Services',
    meaning: 'how long one connection attempt may take',
    readBy: BACKENDS,
    secret: false,
    fallback: 5000,
    min: 100,
  }),
  NATS_CREDS_FILE: text({
    group: 'Services',
    meaning: 'path of a `.creds` file (user JWT and NKey seed) for a secured broker',
    readBy: BACKENDS,
    secret: false,
  }),
  NATS_TOKEN: text({
    group: 'Services',
    meaning: 'token for a broker secured with one',
    readBy: BACKENDS,
    secret: true,
  }),
  NATS_USER: text({
    group: 'Services',
    meaning: 'user name for a broker secured with user and password',
    readBy: BACKENDS,
    secret: false,
  }),
  NATS_PASSWORD: text({
    group: 'Services',
    meaning: 'password of `NATS_USER`',
    readBy: BACKENDS,
    secret: true,
  }),
  MESH_REPLICAS: integer({
    group: 'Services',
    meaning:
      'instances of each microservice `npm start` runs (needs `MICROSERVICE_TRANSPORT=nats`)',
    readBy: ['npm start'],
    secret: false,
    fallback: 1,
    min: 1,
    source: 'script',
  }),
  NOTIFICATIONS_FAULT: choice({
    group: 'Services',
    meaning:
      'fault injection: `throw`, `uncaught` or `unhandled-rejection` make the feed fail on purpose',
    readBy: ['notifications'],
    secret: false,
    choices: ['none', 'throw', 'uncaught', 'unhandled-rejection'],
    fallback: 'none',
  }),
  NODE_ENV: text({
    group: 'Services',
    meaning: '`production` makes logs JSON; the default Rollbar environment',
    readBy: BACKENDS,
    secret: false,
    fallback: 'development',
    defaultText: 'development (production in the images)',
  }),

  // Logging
  LOG_LEVEL: choice({
    group: 'Logging',
    meaning: '`fatal`, `error`, `warn`, `info` (or `log`), `debug`, `verbose`',
    readBy: BACKENDS,
    secret: false,
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'verbose', 'log'],
    fallback: 'info',
  }),
  LOG_FORMAT: choice({
    group: 'Logging',
    meaning: '`json` or `pretty`',
    readBy: BACKENDS,
    secret: false,
    choices: ['json', 'pretty'],
    defaultText: 'pretty on a terminal in development, else json',
  }),
  NO_COLOR: text({
    group: 'Logging',
    meaning: 'any value turns colours off',
    readBy: [...BACKENDS, 'npm start', 'npm run trace'],
    secret: false,
  }),
  FORCE_COLOR: text({
    group: 'Logging',
    meaning: 'set (and not `0`): log as on a terminal even through a pipe (`npm start` sets it)',
    readBy: BACKENDS,
    secret: false,
  }),

  // CloudWatch Logs
  CLOUDWATCH_LOG_GROUP: text({
    group: 'CloudWatch Logs',
    meaning: 'the log group; unset keeps logs on the console only',
    readBy: BACKENDS,
    secret: false,
  }),
  CLOUDWATCH_RETENTION_DAYS: integer({
    group: 'CloudWatch Logs',
    meaning: "sets the group's retention (one of CloudWatch's values: 1, 3, 5, 7, 14, 30, ...)",
    readBy: BACKENDS,
    secret: false,
    min: 0,
  }),
  CLOUDWATCH_FLUSH_INTERVAL_MS: integer({
    group: 'CloudWatch Logs',
    meaning: 'how often queued events are sent (a full batch goes at once)',
    readBy: BACKENDS,
    secret: false,
    fallback: 1000,
    min: 10,
  }),
  CLOUDWATCH_MAX_QUEUED_EVENTS: integer({
    group: 'CloudWatch Logs',
    meaning: 'queue cap in events; the oldest are dropped beyond it',
    readBy: BACKENDS,
    secret: false,
    fallback: 10_000,
    min: 1,
  }),
  CLOUDWATCH_MAX_QUEUED_BYTES: integer({
    group: 'CloudWatch Logs',
    meaning: 'queue cap in bytes',
    readBy: BACKENDS,
    secret: false,
    fallback: 16 * 1024 * 1024,
    min: PUT_LOG_EVENTS_MAX_BATCH_BYTES,
  }),
  CLOUDWATCH_MAX_EVENT_BYTES: integer({
    group: 'CloudWatch Logs',
    meaning: 'larger events are truncated',
    readBy: BACKENDS,
    secret: false,
    fallback: PUT_LOG_EVENTS_MAX_EVENT_BYTES,
    min: 1024,
  }),
  CLOUDWATCH_FLUSH_TIMEOUT_MS: integer({
    group: 'CloudWatch Logs',
    meaning: 'the most a shutdown waits for the last events',
    readBy: BACKENDS,
    secret: false,
    fallback: 5000,
    min: 0,
  }),
  CLOUDWATCH_REQUEST_TIMEOUT_MS: integer({
    group: 'CloudWatch Logs',
    meaning: "one API call's limit",
    readBy: BACKENDS,
    secret: false,
    fallback: 5000,
    min: 100,
  }),

  // AWS (the SDK's standard settings)
  AWS_REGION: text({
    group: 'AWS',
    meaning: 'region of CloudWatch Logs (and of the X-Ray daemon)',
    readBy: [...BACKENDS, 'docker compose'],
    secret: false,
  }),
  AWS_DEFAULT_REGION: text({
    group: 'AWS',
    meaning: "used when `AWS_REGION` is unset (the AWS CLI's name for it)",
    readBy: BACKENDS,
    secret: false,
  }),
  AWS_ACCESS_KEY_ID: text({
    group: 'AWS',
    meaning: 'AWS credentials (or use `AWS_PROFILE` or an IAM role)',
    readBy: [...BACKENDS, 'docker compose'],
    secret: true,
  }),
  AWS_SECRET_ACCESS_KEY: text({
    group: 'AWS',
    meaning: 'AWS credentials',
    readBy: [...BACKENDS, 'docker compose'],
    secret: true,
  }),
  AWS_SESSION_TOKEN: text({
    group: 'AWS',
    meaning: 'AWS credentials, for temporary ones',
    readBy: [...BACKENDS, 'docker compose'],
    secret: true,
  }),
  AWS_PROFILE: documented({
    group: 'AWS',
    meaning: 'a profile of `~/.aws/config` to take credentials and region from',
    readBy: BACKENDS,
    secret: false,
    source: { package: '@aws-sdk/credential-provider-node' },
  }),
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: documented({
    group: 'AWS',
    meaning: 'CloudWatch Logs API URL (the local inspector); unset or empty: the real AWS endpoint',
    readBy: BACKENDS,
    secret: false,
    // The SDK builds the name from the service id: AWS_ENDPOINT_URL + _CLOUDWATCH_LOGS.
    source: { package: '@smithy/core', token: 'AWS_ENDPOINT_URL' },
  }),

  // X-Ray
  AWS_XRAY_SDK_ENABLED: flag({
    group: 'X-Ray',
    meaning: '`false` sends no segments and loads no X-Ray code',
    readBy: BACKENDS,
    secret: false,
    fallback: true,
  }),
  AWS_XRAY_DAEMON_ADDRESS: text({
    group: 'X-Ray',
    meaning: 'where segments go over UDP: `host:port`, or `udp:host:port tcp:host:port`',
    readBy: BACKENDS,
    secret: false,
    fallback: '127.0.0.1:2000',
  }),
  AWS_XRAY_TRACING_NAME: text({
    group: 'X-Ray',
    meaning: 'segment name',
    readBy: BACKENDS,
    secret: false,
    defaultText: "the service name (`OTEL_SERVICE_NAME`, else the service's own)",
  }),
  AWS_XRAY_URL: text({
    group: 'X-Ray',
    meaning:
      "host pattern: matching requests get a segment named after their Host (the journals' dynamic naming)",
    readBy: ['gateway'],
    secret: false,
  }),
  AWS_XRAY_SAMPLING_RULES: text({
    group: 'X-Ray',
    meaning: 'sampling rule file (`create-sampling-rule` form): the sampler of both backends',
    readBy: BACKENDS,
    secret: false,
    defaultText:
      "the repository's `aws/json/xray.json`, found from the library's location (not the working directory)",
  }),
  AWS_XRAY_MANUAL_MODE: text({
    group: 'X-Ray',
    meaning: 'set to `true` by the services before the X-Ray SDK loads (no async hooks); leave it',
    readBy: BACKENDS,
    secret: false,
    fallback: 'true',
  }),

  // Rollbar
  ROLLBAR_ACCESS_TOKEN: text({
    group: 'Rollbar',
    meaning: "the project's `post_server_item` token; unset turns reporting off",
    readBy: BACKENDS,
    secret: true,
  }),
  ROLLBAR_ENVIRONMENT: text({
    group: 'Rollbar',
    meaning: 'the environment items are filed under',
    readBy: BACKENDS,
    secret: false,
    defaultText: '`NODE_ENV`',
  }),
  ROLLBAR_ENDPOINT: text({
    group: 'Rollbar',
    meaning: 'the full item URL (a proxy, the local inspector); unset or empty: Rollbar itself',
    readBy: BACKENDS,
    secret: false,
    fallback: 'https://api.rollbar.com/api/1/item/',
  }),
  ROLLBAR_POST_SERVER_ITEM_ACCESS_TOKEN: text({
    group: 'Rollbar',
    meaning: 'another name some setups use for the token: only redacted from logs, never sent',
    readBy: BACKENDS,
    secret: true,
  }),

  // Front end
  FRONTEND_PORT: port({
    group: 'Front end',
    meaning: "the front end server's port",
    readBy: ['frontend', 'npm start', 'nx serve'],
    secret: false,
    fallback: 3000,
  }),
  FRONTEND_HOST: text({
    group: 'Front end',
    meaning: "the front end server's bind address",
    readBy: ['frontend', 'npm start', 'nx serve'],
    secret: false,
    fallback: '0.0.0.0',
  }),
  GATEWAY_URL: text({
    group: 'Front end',
    meaning:
      'the gateway as the _browser_ reaches it; `npm start` and `nx serve` derive it from `GATEWAY_PORT`',
    readBy: ['frontend', 'npm start', 'nx serve'],
    secret: false,
    fallback: 'http://localhost:4567',
  }),
  FRONTEND_SERVICE_NAME: text({
    group: 'Front end',
    meaning: "the browser's `service.name`",
    readBy: ['frontend'],
    secret: false,
    fallback: 'cruddur-frontend',
  }),
  FRONTEND_USER_HANDLE: text({
    group: 'Front end',
    meaning: 'the user the page acts as (no sign-in yet)',
    readBy: ['frontend'],
    secret: false,
    fallback: 'andrewbrown',
  }),
  FRONTEND_TRACES_URL: text({
    group: 'Front end',
    meaning: 'where browser spans go',
    readBy: ['frontend'],
    secret: false,
    defaultText: "the gateway's relay",
  }),
  FRONTEND_TRACING: flag({
    group: 'Front end',
    meaning: '`false` turns browser span export off',
    readBy: ['frontend'],
    secret: false,
    fallback: true,
  }),

  // Telemetry relay (the gateway forwards browser spans)
  TELEMETRY_RELAY_ENABLED: flag({
    group: 'Telemetry relay',
    meaning: '`false` answers 404 (also off with `OTEL_SDK_DISABLED`)',
    readBy: ['gateway'],
    secret: false,
    fallback: true,
  }),
  TELEMETRY_RELAY_MAX_BODY_BYTES: integer({
    group: 'Telemetry relay',
    meaning: 'largest export accepted',
    readBy: ['gateway'],
    secret: false,
    fallback: 512 * 1024,
    min: 1024,
  }),
  TELEMETRY_RELAY_CLIENT_PER_MINUTE: integer({
    group: 'Telemetry relay',
    meaning: 'exports one client address may send a minute',
    readBy: ['gateway'],
    secret: false,
    fallback: 120,
    min: 1,
  }),
  TELEMETRY_RELAY_CLIENT_BURST: integer({
    group: 'Telemetry relay',
    meaning: 'how many of those may come at once',
    readBy: ['gateway'],
    secret: false,
    fallback: 30,
    min: 1,
  }),
  TELEMETRY_RELAY_TOTAL_PER_MINUTE: integer({
    group: 'Telemetry relay',
    meaning: 'exports from all clients together a minute',
    readBy: ['gateway'],
    secret: false,
    fallback: 3000,
    min: 1,
  }),
  TELEMETRY_RELAY_MAX_IN_FLIGHT: integer({
    group: 'Telemetry relay',
    meaning: 'forwards waiting on the backend at once',
    readBy: ['gateway'],
    secret: false,
    fallback: 8,
    min: 1,
  }),

  // Inspector
  INSPECTOR_HOST: text({
    group: 'Inspector',
    meaning: 'interface every inspector port binds to (telemetry carries user data)',
    readBy: ['inspector', 'npm start', 'nx serve', 'npm run trace'],
    secret: false,
    fallback: '127.0.0.1',
  }),
  INSPECTOR_PORT: port({
    group: 'Inspector',
    meaning: 'UI, JSON API, CloudWatch Logs and Rollbar APIs',
    readBy: ['inspector', 'npm start', 'nx serve', 'npm run trace'],
    secret: false,
    fallback: 16686,
  }),
  INSPECTOR_OTLP_PORT: port({
    group: 'Inspector',
    meaning: 'OTLP/HTTP traces',
    readBy: ['inspector', 'npm start', 'nx serve'],
    secret: false,
    fallback: 4318,
  }),
  INSPECTOR_XRAY_PORT: port({
    group: 'Inspector',
    meaning: 'X-Ray daemon datagrams (UDP)',
    readBy: ['inspector', 'npm start', 'nx serve'],
    secret: false,
    fallback: 2000,
  }),
  INSPECTOR_MAX_TRACES: integer({
    group: 'Inspector',
    meaning: 'traces kept; the oldest are evicted beyond it',
    readBy: ['inspector'],
    secret: false,
    fallback: 10_000,
    min: 1,
  }),
  INSPECTOR_MAX_SPANS: integer({
    group: 'Inspector',
    meaning: 'spans kept across all traces (about 2 KB of heap each)',
    readBy: ['inspector'],
    secret: false,
    fallback: 100_000,
    min: 1,
  }),
  INSPECTOR_MAX_LOG_EVENTS: integer({
    group: 'Inspector',
    meaning: 'log events kept',
    readBy: ['inspector'],
    secret: false,
    fallback: 50_000,
    min: 1,
  }),
  INSPECTOR_MAX_XRAY_SEGMENTS: integer({
    group: 'Inspector',
    meaning: 'X-Ray segments kept',
    readBy: ['inspector'],
    secret: false,
    fallback: 50_000,
    min: 1,
  }),
  INSPECTOR_MAX_ROLLBAR_ITEMS: integer({
    group: 'Inspector',
    meaning: 'Rollbar items kept',
    readBy: ['inspector'],
    secret: false,
    fallback: 5000,
    min: 1,
  }),
  INSPECTOR_MAX_BODY_BYTES: integer({
    group: 'Inspector',
    meaning: 'largest request body on any port, compressed and decompressed',
    readBy: ['inspector'],
    secret: false,
    fallback: 8 * 1024 * 1024,
    min: 1024,
  }),
  INSPECTOR_STORE: text({
    group: 'Inspector',
    meaning: '`memory`, or a file that keeps the telemetry across restarts (same caps)',
    readBy: ['inspector'],
    secret: false,
    fallback: 'memory',
  }),
  INSPECTOR_ENABLED: flag({
    group: 'Inspector',
    meaning: '`false` makes `npm start` skip the inspector (and `nx serve` not send to it)',
    readBy: ['npm start', 'nx serve'],
    secret: false,
    fallback: true,
  }),
  INSPECTOR_URL: text({
    group: 'Inspector',
    meaning: 'where the trace CLI finds the inspector',
    readBy: ['npm run trace'],
    secret: false,
    defaultText: 'from `INSPECTOR_HOST` and `INSPECTOR_PORT`',
  }),

  // Tools
  BENCH_SECONDS: integer({
    group: 'Tools',
    meaning: 'seconds of ingest load',
    readBy: ['npm run bench:inspector'],
    secret: false,
    fallback: 8,
    min: 1,
    source: 'script',
  }),
  BENCH_CONCURRENCY: integer({
    group: 'Tools',
    meaning: 'concurrent exporters',
    readBy: ['npm run bench:inspector'],
    secret: false,
    fallback: 4,
    min: 1,
    source: 'script',
  }),
  BENCH_MAX_SPANS: integer({
    group: 'Tools',
    meaning: 'the span cap the benchmarked inspector runs with',
    readBy: ['npm run bench:inspector'],
    secret: false,
    fallback: 100_000,
    min: 1,
    source: 'script',
  }),
  BENCH_SAMPLES: integer({
    group: 'Tools',
    meaning: 'requests per read endpoint',
    readBy: ['npm run bench:inspector'],
    secret: false,
    fallback: 30,
    min: 1,
    source: 'script',
  }),
  BENCH_EXPORTS: integer({
    group: 'Tools',
    meaning: 'distinct 500-span exports, cycled',
    readBy: ['npm run bench:inspector'],
    secret: false,
    fallback: 400,
    min: 1,
    source: 'script',
  }),
});

/** The declarations as a list, for the docs and the drift spec. */
export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = Object.values(Variables);
