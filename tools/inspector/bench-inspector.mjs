#!/usr/bin/env node
/**
 * `npm run bench:inspector`: how fast the built inspector ingests OTLP protobuf, how fast its trace
 * page and queries answer with 100,000 spans stored, and its memory against the caps.
 *
 * The inspector runs as its own process (one Node thread: "one core"); this process generates the
 * load over keep-alive HTTP. Ingest is reported twice: spans per wall-clock second, and spans per
 * CPU-second the inspector itself used (from /proc), which a noisy shared machine disturbs less.
 *
 * Options (environment): BENCH_SECONDS (default 8), BENCH_CONCURRENCY (4), BENCH_MAX_SPANS
 * (100000), BENCH_SAMPLES (30 requests per read endpoint), BENCH_EXPORTS (400 distinct exports).
 */
import { spawn, spawnSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';

const require = createRequire(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const MAX_SPANS = Number(process.env.BENCH_MAX_SPANS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const SPANS_PER_TRACE = 5;
const TRACES_PER_EXPORT = 100; // 500 spans per request, near the SDK's default batch of 512
// 200,000 distinct spans by default, cycled; older ids are evicted before they recur.
const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 400);

const ENTRY = 'dist/apps/inspector/main.js';
if (!existsSync(ENTRY)) {
  const build = spawnSync('npx', ['nx', 'run', 'inspector:build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// ---------- the load: real OTLP protobuf, encoded by the OpenTelemetry project's classes ----------

const root = require('otlp-transformer-generated/build/src/generated/root');
const ExportTraceServiceRequest =
  root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
const text = (key, value) => ({ key, value: { stringValue: value } });
const int = (key, value) => ({ key, value: { intValue: value } });
const SERVICES = ['gateway', 'home-activities', 'notifications'];
const ROUTES = ['/api/activities/home', '/api/activities/notifications', '/api/health'];
const USERS = ['andrewbrown', 'worf', 'garek', 'anonymous'];
const resource = (service) => ({
  attributes: [
    text('service.name', service),
    text('telemetry.sdk.language', 'nodejs'),
    text('telemetry.sdk.name', 'opentelemetry'),
    text('telemetry.sdk.version', '2.12.0'),
    text('host.name', 'bench-host'),
    text('host.arch', 'amd64'),
    int('process.pid', 4242),
    text('process.runtime.name', 'nodejs'),
    text('process.runtime.version', '20.20.2'),
    text('process.executable.name', 'node'),
  ],
});
const nanos = (ms) => `${BigInt(Math.round(ms * 1000)) * 1000n}`;

function encodeExport(index, nowMs) {
  const byService = new Map(SERVICES.map((service) => [service, []]));
  for (let t = 0; t < TRACES_PER_EXPORT; t++) {
    const traceId = randomBytes(16);
    const route = ROUTES[(index + t) % ROUTES.length];
    const user = USERS[(index * 7 + t) % USERS.length];
    const startMs = nowMs - 30 * 60_000 + ((index * TRACES_PER_EXPORT + t) % 1_800_000);
    const ids = Array.from({ length: SPANS_PER_TRACE }, () => randomBytes(8));
    const downstream = route.includes('notifications') ? 'notifications' : 'home-activities';
    const total = 5 + ((index * 13 + t * 7) % 120) + (t % 50 === 0 ? 400 : 0);
    const failed = (index + t) % 97 === 0;
    const span = (i, parent, service, name, kind, offset, duration, attributes) =>
      byService.get(service).push({
        traceId,
        spanId: ids[i],
        parentSpanId: parent === undefined ? undefined : ids[parent],
        name,
        kind,
        startTimeUnixNano: nanos(startMs + offset),
        endTimeUnixNano: nanos(startMs + offset + duration),
        attributes: [text('app.user_id', user), ...attributes],
        status: { code: failed && i >= 1 ? 2 : 0 },
      });
    span(0, undefined, 'gateway', `GET ${route}`, 2, 0, total, [
      text('http.route', route),
      text('http.request.method', 'GET'),
      int('http.response.status_code', failed ? 500 : 200),
      text('url.path', route),
      text('server.address', '127.0.0.1'),
      int('server.port', 4567),
      text('user_agent.original', 'curl/8.0'),
    ]);
    span(1, 0, 'gateway', `${downstream}/activities.feed`, 3, 1, total - 2, [
      text('rpc.system', 'nestjs_tcp'),
      text('rpc.service', downstream),
      text('rpc.method', 'activities.feed'),
      int('server.port', 4101),
    ]);
    span(2, 1, downstream, `${downstream}/activities.feed`, 2, 2, total - 4, [
      text('rpc.system', 'nestjs_tcp'),
      text('rpc.method', 'activities.feed'),
    ]);
    span(3, 2, downstream, `${downstream}-mock-data`, 1, 3, total - 6, [
      int('app.result_length', 3),
      text('app.now', new Date(startMs).toISOString()),
    ]);
    span(4, 0, 'gateway', 'notifications.viewed', 4, total - 1, 1, [
      text('messaging.system', 'nestjs_tcp'),
    ]);
  }
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: SERVICES.map((service) => ({
      resource: resource(service),
      scopeSpans: [
        {
          scope: { name: '@cruddur/observability', version: '0.1.0' },
          spans: byService.get(service),
        },
      ],
    })),
  });
  return Buffer.from(ExportTraceServiceRequest.encode(message).finish());
}

// ---------- helpers ----------

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 2 });

function call(port, method, path, body) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body
          ? { 'content-type': 'application/x-protobuf', 'content-length': body.length }
          : {},
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            body: Buffer.concat(chunks),
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim() || 100);
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return NaN;
  }
}

const percentile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

// ---------- run ----------

process.stdout.write(
  `encoding ${fmt(EXPORTS * TRACES_PER_EXPORT * SPANS_PER_TRACE)} spans of load… `,
);
const nowMs = Date.now();
const bodies = Array.from({ length: EXPORTS }, (_, index) => encodeExport(index, nowMs));
process.stdout.write(`${mb(bodies.reduce((sum, body) => sum + body.length, 0))} of protobuf\n`);

const inspector = spawn(process.execPath, [ENTRY], {
  env: {
    PATH: process.env.PATH,
    INSPECTOR_PORT: '0',
    INSPECTOR_OTLP_PORT: '0',
    INSPECTOR_XRAY_PORT: '0',
    INSPECTOR_MAX_SPANS: String(MAX_SPANS),
    INSPECTOR_MAX_TRACES: String(Math.ceil(MAX_SPANS / SPANS_PER_TRACE)),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const ports = await new Promise((resolve, reject) => {
  let output = '';
  inspector.stdout.on('data', (chunk) => {
    output += chunk;
    const otlp = /OTLP\/HTTP traces on http:\/\/[^:]+:(\d+)/.exec(output);
    const ui = /inspector listening on http:\/\/[^:]+:(\d+)/.exec(output);
    if (otlp && ui) resolve({ otlp: Number(otlp[1]), ui: Number(ui[1]) });
  });
  inspector.once('exit', (code) => reject(new Error(`inspector exited (${code}): ${output}`)));
});

try {
  const empty = JSON.parse((await call(ports.ui, 'GET', '/api/stats')).body);
  // Warm-up (JIT), not counted.
  for (let i = 0; i < 20; i++) await call(ports.otlp, 'POST', '/v1/traces', bodies[i]);

  let next = 20;
  let spans = 0;
  let failures = 0;
  const cpuBefore = cpuSeconds(inspector.pid);
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        const body = bodies[next++ % bodies.length];
        const response = await call(ports.otlp, 'POST', '/v1/traces', body);
        if (response.status === 200) spans += TRACES_PER_EXPORT * SPANS_PER_TRACE;
        else failures++;
      }
    }),
  );
  const wallSeconds = (Date.now() - started) / 1000;
  const inspectorCpu = cpuSeconds(inspector.pid) - cpuBefore;

  const stats = JSON.parse((await call(ports.ui, 'GET', '/api/stats')).body);
  const traces = JSON.parse((await call(ports.ui, 'GET', '/api/traces?limit=500')).body).traces;

  const reads = [
    [
      'trace page  /api/traces/<id>',
      () => `/api/traces/${traces[Math.floor(Math.random() * traces.length)].traceId}`,
    ],
    ['trace list  /api/traces (newest 100)', () => '/api/traces'],
    [
      'trace list, filtered (service+user+min ms)',
      () => '/api/traces?service=notifications&user=worf&minDurationMs=50',
    ],
    [
      'trace list, where (attribute conditions)',
      () => '/api/traces?where=rpc.system=nestjs_tcp,duration_ms>5',
    ],
    [
      'trace list of a map edge (caller/callee)',
      () => '/api/traces?caller=gateway&callee=notifications',
    ],
    [
      'find by X-Ray id  /api/find',
      () => {
        const id = traces[Math.floor(Math.random() * traces.length)].traceId;
        return `/api/find?id=1-${id.slice(0, 8)}-${id.slice(8)}`;
      },
    ],
    [
      'compare with median  /api/traces/<id>/compare',
      () => `/api/traces/${randomTrace(traces)}/compare`,
    ],
    ['OTLP JSON download  /api/traces/<id>/otlp', () => `/api/traces/${randomTrace(traces)}/otlp`],
    ['query: default calcs + heatmap by service', () => '/api/query?groupBy=service'],
    ['query by route, root spans only', () => '/api/query?groupBy=route&rootOnly=true'],
    ['query by user, attribute filter', () => '/api/query?groupBy=user&attr=rpc.system=nestjs_tcp'],
    [
      'query: COUNT_DISTINCT, AVG, P95, HEATMAP by attribute',
      () =>
        '/api/query?groupBy=rpc.method&calcs=COUNT,COUNT_DISTINCT(app.user_id),AVG(duration_ms),P95(duration_ms),HEATMAP(duration_ms)',
    ],
    [
      'heatmap region + BubbleUp  /api/query/region',
      () =>
        `/api/query/region?field=duration_ms&regionFromMs=0&regionToMs=${Date.now() + 60_000}&minValue=50&maxValue=1000000`,
    ],
    ['why slow (> P90) + BubbleUp', () => '/api/query/region?slowerThan=p90'],
    ['service map', () => '/api/service-map'],
    ['filter values  /api/facets', () => '/api/facets'],
    ['telemetry accounting  /api/accounting', () => '/api/accounting'],
  ];
  const latencies = [];
  // The first read after ingest builds the propagation index (cached until spans change).
  for (const [label, path] of reads) {
    const times = [];
    for (let i = 0; i < SAMPLES; i++) {
      const response = await call(ports.ui, 'GET', path());
      if (response.status !== 200) throw new Error(`${label}: ${response.status} ${response.body}`);
      times.push(response.ms);
    }
    latencies.push([label, percentile(times, 0.5), percentile(times, 0.9), Math.max(...times)]);
  }
  const after = JSON.parse((await call(ports.ui, 'GET', '/api/stats')).body);

  const rows = [
    ['Ingest, OTLP protobuf (500-span exports, concurrency ' + CONCURRENCY + ')', ''],
    ['  spans per wall-clock second', fmt(spans / wallSeconds)],
    ['  spans per inspector CPU-second (one core)', fmt(spans / inspectorCpu)],
    [
      '  inspector CPU use during ingest',
      `${((inspectorCpu / wallSeconds) * 100).toFixed(0)}% of one core`,
    ],
    ['  spans sent / failed requests', `${fmt(spans)} / ${failures}`],
    [
      `Stored after ingest (cap ${fmt(MAX_SPANS)} spans)`,
      `${fmt(stats.store.spans)} spans, ${fmt(stats.store.traces)} traces`,
    ],
    [
      '  evicted to stay under the cap',
      `${fmt(stats.store.evicted.spans)} spans, ${fmt(stats.store.evicted.traces)} traces`,
    ],
    [
      'Memory with the store at its cap',
      `heap ${mb(after.memory.heapUsedBytes)}, RSS ${mb(after.memory.rssBytes)}`,
    ],
    [
      '  empty inspector, for comparison',
      `heap ${mb(empty.memory.heapUsedBytes)}, RSS ${mb(empty.memory.rssBytes)}`,
    ],
    [
      '  heap per stored span (growth / spans)',
      `${fmt((after.memory.heapUsedBytes - empty.memory.heapUsedBytes) / after.store.spans)} bytes`,
    ],
    [`Reads with ${fmt(after.store.spans)} spans stored (${SAMPLES} each)`, 'P50 / P90 / max'],
    ...latencies.map(([label, p50, p90, max]) => [
      `  ${label}`,
      `${p50.toFixed(1)} / ${p90.toFixed(1)} / ${max.toFixed(1)} ms`,
    ]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  process.stdout.write(
    `\nCruddur inspector benchmark — ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}, Node ${process.version}\n\n`,
  );
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}${value}\n`);
  process.stdout.write(
    '\nTargets: ≥ 50,000 spans/s on one core; trace page and queries < 100 ms at 100,000 spans.\n',
  );
} finally {
  agent.destroy();
  inspector.kill('SIGTERM');
}

/** A random listed trace's id. */
function randomTrace(traces) {
  return traces[Math.floor(Math.random() * traces.length)].traceId;
}
