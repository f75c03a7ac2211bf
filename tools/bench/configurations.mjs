/**
 * What the benchmark compares. Each configuration is the environment the three services run with;
 * `{otlp}` and `{refused}` are filled in with the sink's and a closed port's address.
 */
const FULL_TELEMETRY = {
  OTEL_EXPORTER_OTLP_ENDPOINT: '{otlp}',
};

export const SPANS_PER_REQUEST = 4; // gateway HTTP + CLIENT, service SERVER + custom span

export const CONFIGURATIONS = [
  {
    id: '1',
    name: 'telemetry off (the limit)',
    env: { OTEL_SDK_DISABLED: 'true' },
    expectsSpans: false,
  },
  {
    id: '2',
    name: 'full telemetry, 100 % sampled',
    env: { ...FULL_TELEMETRY },
    expectsSpans: true,
  },
  {
    id: '3',
    name: 'full telemetry, 10 % sampled',
    env: {
      ...FULL_TELEMETRY,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    },
    expectsSpans: true,
    sampled: 0.1,
  },
  {
    id: '4',
    name: "journals' recipe (auto-instrumentations-node)",
    env: {
      // The auto-instrumentations register their own SDK with defaults before main.ts runs; our
      // startTelemetry sees it and stays out of its way.
      OTEL_EXPORTER_OTLP_ENDPOINT: '{otlp}',
    },
    nodeOptions: '--require @opentelemetry/auto-instrumentations-node/register',
    expectsSpans: false,
  },
  {
    id: '5a',
    name: 'full telemetry, every backend refusing',
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: '{refused}' },
    expectsSpans: false,
  },
  {
    id: '5b',
    name: 'full telemetry, every backend answering after 2 s',
    env: { ...FULL_TELEMETRY },
    sinkDelayMs: 2000,
    expectsSpans: false,
  },
];
