/**
 * What the benchmark compares. Each configuration is the environment the three services run with;
 * `{sink}`, `{xray}` and `{closed}` are filled in with the sink's HTTP and UDP ports and a port
 * where nothing listens.
 */
/** CloudWatch Logs at `endpoint`, with throwaway credentials (the sink checks no signature). */
function cloudWatchLogsAt(endpoint) {
  return {
    CLOUDWATCH_LOG_GROUP: 'cruddur',
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
}

const ALL_OFF = {
  OTEL_SDK_DISABLED: 'true',
  AWS_XRAY_SDK_ENABLED: 'false',
};

/** Every backend configured, pointing at the sinks (Rollbar only sends when something fails). */
const FULL_TELEMETRY = {
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:{sink}',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:{xray}',
  ROLLBAR_ACCESS_TOKEN: 'bench-token',
  ROLLBAR_ENDPOINT: 'http://127.0.0.1:{sink}/api/1/item/',
  ...cloudWatchLogsAt('http://127.0.0.1:{sink}'),
  // 100 % (the rule file is the sampler of both backends); configuration 3 uses the journals' rule.
  AWS_XRAY_SAMPLING_RULES: 'tools/bench/xray-sample-everything.json',
};

const EVERY_BACKEND_REFUSING = {
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:{closed}',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:{closed}',
  ROLLBAR_ACCESS_TOKEN: 'bench-token',
  ROLLBAR_ENDPOINT: 'http://127.0.0.1:{closed}/api/1/item/',
  ...cloudWatchLogsAt('http://127.0.0.1:{closed}'),
};

export const SPANS_PER_REQUEST = 4; // gateway HTTP + CLIENT, service SERVER + custom span
export const LOG_LINES_PER_REQUEST = 2; // the gateway's access log, home-activities' feed line

export const CONFIGURATIONS = [
  {
    id: '1',
    name: 'telemetry off (the limit)',
    env: { ...ALL_OFF },
    expectsSpans: false,
  },
  {
    id: '2',
    name: 'full telemetry, 100 % sampled',
    env: { ...FULL_TELEMETRY },
    expectsSpans: true,
  },
  {
    id: '2b',
    name: '(2) with export batches of 64 spans',
    env: { ...FULL_TELEMETRY, OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '64' },
    expectsSpans: true,
  },
  {
    id: '2x',
    name: '(2) without X-Ray: what OpenTelemetry alone costs',
    env: { ...FULL_TELEMETRY, AWS_XRAY_SDK_ENABLED: 'false' },
    expectsSpans: true,
  },
  {
    id: '3',
    name: "full telemetry, the journals' rule (5/s, then 10 %) for every backend",
    env: {
      ...FULL_TELEMETRY,
      // The rule file is the one sampler of OTLP and X-Ray alike.
      AWS_XRAY_SAMPLING_RULES: 'aws/json/xray.json',
    },
    expectsSpans: true,
    sampled: 0.1,
  },
  {
    id: '4',
    name: "journals' recipe (auto-instrumentations-node)",
    env: {
      // The auto-instrumentations register their own SDK with defaults before main.ts runs; our
      // startTelemetry sees it and stays out of its way - X-Ray segments come from our pipeline,
      // so this row has none any more. The other backends are as in (2).
      ...FULL_TELEMETRY,
      // Its default detectors probe cloud metadata endpoints that do not exist here; on a busy
      // machine that alone outlasted the services' start-up timeout.
      OTEL_NODE_RESOURCE_DETECTORS: 'env,host,process',
    },
    nodeOptions: '--require @opentelemetry/auto-instrumentations-node/register',
    expectsSpans: false,
  },
  {
    id: '5a',
    name: 'full telemetry, every backend refusing',
    env: { ...EVERY_BACKEND_REFUSING },
    expectsSpans: false,
  },
  {
    id: '5b',
    name: 'full telemetry, every backend answering after 2 s',
    env: { ...FULL_TELEMETRY },
    sinkDelayMs: 2000,
    expectsSpans: false,
  },
  // Over NATS (MICROSERVICE_TRANSPORT=nats, one local nats-server), each against (N1).
  {
    id: 'N1',
    name: 'NATS, telemetry off',
    env: { ...ALL_OFF },
    transport: 'nats',
    expectsSpans: false,
  },
  {
    id: 'N2',
    name: 'NATS, full telemetry, 100 % sampled',
    env: { ...FULL_TELEMETRY },
    transport: 'nats',
    baseline: 'N1',
    expectsSpans: true,
  },
  {
    id: 'N2r',
    name: 'NATS, full telemetry, MESH_REPLICAS=2 (two of each microservice)',
    env: { ...FULL_TELEMETRY },
    transport: 'nats',
    replicas: 2,
    baseline: 'N1',
    expectsSpans: true,
  },
];
