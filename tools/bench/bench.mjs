#!/usr/bin/env node
/**
 * `npm run bench`: what the telemetry costs on the gateway → TCP → service path, and whether any
 * span is lost under sustained load. Builds once, then alternates the configurations of
 * configurations.mjs for several rounds (so the machine's drift hits all of them alike), each time
 * on freshly started services, and prints one table of ratios measured in this run. The full run
 * writes BENCHMARKS.md; `--quick` is a smoke check (one short round) that CI runs.
 *
 * Numbers are only comparable within one run on one machine; that is why every row is a ratio to
 * configuration 1 of the same round.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { CONFIGURATIONS, LOG_LINES_PER_REQUEST, SPANS_PER_REQUEST } from './configurations.mjs';
import { countSpans } from './otlp-span-counter.mjs';
import { formatReport } from './report.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const quick = process.argv.includes('--quick');
// `--only 1,N1,N2`: just these configurations (and the baselines their ratios need), e.g. to check
// one path without the whole run; the report is then written to bench-results/, never BENCHMARKS.md.
const onlyArgument = process.argv[process.argv.indexOf('--only') + 1];
const only = process.argv.includes('--only') ? new Set(onlyArgument.split(',')) : undefined;
const neededBaselines = new Set(
  CONFIGURATIONS.filter((c) => only?.has(c.id)).map((c) => c.baseline ?? '1'),
);
const configurations = only
  ? CONFIGURATIONS.filter((c) => c.id === '1' || only.has(c.id) || neededBaselines.has(c.id))
  : CONFIGURATIONS;
const settings = quick
  ? {
      rounds: 1,
      warmupSeconds: 1,
      measureSeconds: 3,
      connections: 10,
      sustainedRate: 300,
      sustainedSeconds: 5,
    }
  : {
      rounds: 3,
      warmupSeconds: 3,
      measureSeconds: 10,
      connections: 10,
      sustainedRate: 2000,
      sustainedSeconds: 60,
    };

function build() {
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('build failed');
}

/** Starts the sink process and resolves with its OTLP port. */
function startSinks() {
  const child = spawn(process.execPath, [new URL('./sinks.mjs', import.meta.url).pathname], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({ child, ...JSON.parse(line) }),
    );
    child.once('exit', (code) => reject(new Error(`sinks exited (${code})`)));
  });
}

async function sink(port, path, method = 'GET') {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  return response.json();
}

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Peak resident set of a process, from /proc (kB → MB). */
function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function load(url, { seconds, connections, overallRate }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, duration: seconds, ...(overallRate ? { overallRate } : {}) },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function runConfiguration(
  configuration,
  sinks,
  testing,
  closedPort,
  { seconds, overallRate },
  broker,
) {
  const env = Object.fromEntries(
    Object.entries(configuration.env).map(([name, value]) => [
      name,
      value
        .replaceAll('{sink}', String(sinks.httpPort))
        .replaceAll('{xray}', String(sinks.xrayPort))
        .replaceAll('{closed}', String(closedPort)),
    ]),
  );
  if (configuration.nodeOptions) env.NODE_OPTIONS = configuration.nodeOptions;
  const overNats = configuration.transport === 'nats';
  if (overNats) Object.assign(env, { MICROSERVICE_TRANSPORT: 'nats', NATS_SERVERS: broker.url });
  await sink(sinks.httpPort, `/behaviour?delayMs=${configuration.sinkDelayMs ?? 0}`, 'POST');
  await sink(sinks.httpPort, '/reset', 'POST');

  const mesh = await testing.startMesh(env, { replicas: configuration.replicas ?? 1 });
  const url = `${mesh.gatewayUrl}/api/activities/home`;
  // Every replica of a service counts towards its CPU; the broker's is its own column.
  const groups = {
    gateway: [mesh.services.gateway.pid],
    homeActivities: mesh.replicas.homeActivities.map((replica) => replica.pid),
    notifications: mesh.replicas.notifications.map((replica) => replica.pid),
    ...(overNats ? { broker: [broker.pid] } : {}),
  };
  const groupCpuMs = (pids) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  try {
    const warmup = await load(url, {
      seconds: settings.warmupSeconds,
      connections: settings.connections,
    });
    const cpuBefore = Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [name, groupCpuMs(pids)]),
    );
    const measured = await load(url, { seconds, connections: settings.connections, overallRate });
    // CPU each service spent per answered request while measured: where the telemetry cost lands.
    const cpuPerRequest = Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [
        name,
        (groupCpuMs(pids) - cpuBefore[name]) / Math.max(1, measured['2xx']),
      ]),
    );
    const rss = Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [
        name,
        Math.max(...pids.map((pid) => peakRssMb(pid))),
      ]),
    );
    await mesh.stop(); // SIGTERM: every service flushes what it buffered
    const received = await sink(sinks.httpPort, '/stats');
    const requests = warmup['2xx'] + measured['2xx'];
    return {
      id: configuration.id,
      name: configuration.name,
      baseline: configuration.baseline ?? '1',
      reqPerSec: measured.requests.average,
      p50: measured.latency.p50,
      p99: measured.latency.p99,
      errors: measured.errors + measured.non2xx + warmup.errors + warmup.non2xx,
      requests,
      spans: received.spans,
      traces: received.traces,
      spansPerTrace: received.spansPerTrace,
      xraySegments: received.xraySegments,
      requestLogLines: received.requestLogLines,
      expectedLogLines: configuration.expectsSpans ? requests * LOG_LINES_PER_REQUEST : undefined,
      expectedSpans: configuration.expectsSpans
        ? expectedSpans(configuration, requests, received)
        : undefined,
      incompleteTraces: Object.entries(received.spansPerTrace)
        .filter(([count]) => Number(count) < SPANS_PER_REQUEST)
        .reduce((sum, [, traces]) => sum + traces, 0),
      rss,
      cpuPerRequest,
    };
  } finally {
    await mesh.stop();
  }
}

/**
 * What should have arrived: 4 spans for every trace seen, and at 100 % sampling a trace for every
 * answered request (requests still in flight when the load stops also produce traces, so traces
 * can outnumber the requests counted).
 */
function expectedSpans(configuration, requests, received) {
  const traces = configuration.sampled ? received.traces : Math.max(requests, received.traces);
  return traces * SPANS_PER_REQUEST;
}

/** The counter the sink uses must agree with the decoder the tests trust. */
function checkSpanCounter() {
  const { decodeOtlpTraces } = require('@cruddur/telemetry-wire');
  const { ProtobufTraceSerializer } = require('@opentelemetry/otlp-transformer');
  const {
    TracerProvider,
    InMemorySpanExporter,
    SimpleSpanProcessor,
  } = require('@opentelemetry/sdk-trace');
  const exporter = new InMemorySpanExporter();
  const tracer = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: exporter })],
  }).getTracer('check');
  for (let i = 0; i < 50; i++)
    tracer.startSpan(`span-${i}`, { attributes: { i, text: 'x'.repeat(i * 40) } }).end();
  const body = Buffer.from(ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans()));
  const counted = [];
  countSpans(body, (traceId) => counted.push(traceId));
  const decoded = decodeOtlpTraces(body, 'protobuf').map((span) => span.traceId);
  if (JSON.stringify(counted) !== JSON.stringify(decoded)) {
    throw new Error('the benchmark sink miscounts spans; fix tools/bench/otlp-span-counter.mjs');
  }
}

async function main() {
  build();
  checkSpanCounter();
  const testing = require('@cruddur/testing');
  const sinks = await startSinks();
  const closedPort = await testing.freePort(); // nothing listens there: connections are refused
  // One broker for the NATS rows (core NATS keeps no state between them).
  const broker = configurations.some((configuration) => configuration.transport === 'nats')
    ? await testing.NatsServer.start()
    : undefined;
  const started = Date.now();
  const rounds = [];
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      const results = [];
      for (const configuration of configurations) {
        process.stderr.write(
          `round ${round}/${settings.rounds}: (${configuration.id}) ${configuration.name}\n`,
        );
        results.push(
          await runConfiguration(
            configuration,
            sinks,
            testing,
            closedPort,
            { seconds: settings.measureSeconds },
            broker,
          ),
        );
      }
      rounds.push(results);
    }
    process.stderr.write(
      `sustained load: ${settings.sustainedRate} req/s for ${settings.sustainedSeconds} s\n`,
    );
    const sustained = await runConfiguration(
      CONFIGURATIONS.find((c) => c.id === '2'),
      sinks,
      testing,
      closedPort,
      {
        seconds: settings.sustainedSeconds,
        overallRate: settings.sustainedRate,
      },
    );
    const report = formatReport({
      rounds,
      sustained,
      settings,
      quick,
      seconds: (Date.now() - started) / 1000,
    });
    process.stdout.write(`${report}\n`);
    const file =
      quick || only ? `bench-results/${quick ? 'quick' : 'partial'}.md` : 'BENCHMARKS.md';
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(file, `${report}\n`);
    process.stderr.write(`written to ${file}\n`);
  } finally {
    sinks.child.kill('SIGTERM');
    await broker?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
