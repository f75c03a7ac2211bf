/**
 * One fault run: backends (one of them faulty), the three services from dist/ on free ports, a
 * warm-up, a timed load (failed requests, latency, memory), then SIGTERM to every service at once
 * while the load goes on - as `npm start` forwards a Ctrl-C - and what the healthy backends got.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startBackends } from './backends.mjs';
import { deliveryOf } from './delivery.mjs';
import { percentile, runLoad } from './load.mjs';

const require = createRequire(import.meta.url);
const { startMesh } = require('@cruddur/testing');

/** The documented limit (SHUTDOWN_TIMEOUT_MS' default); the suite leaves it unset. */
export const SHUTDOWN_LIMIT_MS = 10_000;
/** A process needs a moment to be reaped after its exit call. */
const EXIT_SLACK_MS = 1000;
const MB = 1024 * 1024;
const WARM_UP_MS = 2000;
/** The services' V8 old-space limit in the fault runs (see runScenario). */
export const OLD_SPACE_MB = 160;

/** Telemetry leaves quickly in normal runs, so that a loss is a loss and not a late arrival. */
const QUICK_EXPORT = { OTEL_BSP_SCHEDULE_DELAY: '200', CLOUDWATCH_FLUSH_INTERVAL_MS: '200' };
/** Nothing leaves before shutdown: the burst runs check that shutdown delivers it all. */
const HELD_EXPORT = { OTEL_BSP_SCHEDULE_DELAY: '30000', CLOUDWATCH_FLUSH_INTERVAL_MS: '30000' };

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident set size of a process, from /proc (Linux); undefined elsewhere. */
function rssOf(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function rssAll(mesh) {
  return Object.fromEntries(
    Object.entries(mesh.services).map(([name, service]) => [name, rssOf(service.pid)]),
  );
}

/** SIGTERM to every service at the same moment; each one's exit code and time to exit. */
async function stopAllAtOnce(mesh, onGatewayExit = () => {}) {
  const signalledAt = Date.now();
  const exits = await Promise.all(
    Object.entries(mesh.services).map(async ([name, service]) => {
      const { code, signal } = await service.stop('SIGTERM', SHUTDOWN_LIMIT_MS + 10_000);
      if (name === 'gateway') onGatewayExit();
      return [name, { code, signal, ms: Date.now() - signalledAt }];
    }),
  );
  return { signalledAt, exits: Object.fromEntries(exits) };
}

/** Lines that are ERROR level or a stack frame, in every service's output. */
export function errorLines(services) {
  return Object.values(services).flatMap((service) =>
    service.output.filter(
      (line) => /"level":"(error|fatal)"/.test(line) || /^\s*at\s.+:\d+:\d+\)?$/.test(line),
    ),
  );
}

/**
 * Runs one scenario. `faulty`/`fault`: the backend and its fault (undefined: all healthy).
 * `burst`: no timed load - `burst` requests, then SIGTERM at once after the last answer, with
 * telemetry held back until then. Returns the raw results for the report.
 */
export async function runScenario({
  faulty,
  fault,
  loadMs = 4000,
  burst,
  expected,
  concurrency = 8,
}) {
  const backends = await startBackends(faulty, fault);
  let mesh;
  try {
    mesh = await startMesh({
      ...backends.env,
      ...(burst ? HELD_EXPORT : QUICK_EXPORT),
      // V8 grows the old space lazily by tens of MB under load before it collects; capped, what
      // RSS still gains is what the service holds on to (and a leak ends in a crash, also seen).
      NODE_OPTIONS: `--max-old-space-size=${OLD_SPACE_MB}`,
    });
    const url = mesh.gatewayUrl;
    // The same load for a while first: V8 grows its heap and compiles during the first seconds,
    // which is not the growth the memory bound is about.
    const warmStart = Date.now();
    const warmUp = burst
      ? []
      : await runLoad(url, { concurrency, until: () => Date.now() - warmStart > WARM_UP_MS });
    const rssBefore = rssAll(mesh);
    const started = Date.now();
    const load = burst
      ? await runLoad(url, { count: burst, concurrency: 20 })
      : await runLoad(url, { concurrency, until: () => Date.now() - started > loadMs });
    const rssAfter = rssAll(mesh);

    let gatewayGone = false;
    const tail = burst
      ? Promise.resolve([])
      : runLoad(url, { concurrency, until: () => gatewayGone });
    if (!burst) await pause(500);
    const shutdown = await stopAllAtOnce(mesh, () => (gatewayGone = true));
    const tailResults = await tail;
    await pause(500); // the last datagrams and responses are in the receivers' queues
    const answered = [...warmUp, ...load, ...tailResults];
    const beforeSignal = tailResults.filter((r) => r.startedAt < shutdown.signalledAt);
    const afterSignal = tailResults.filter((r) => r.startedAt >= shutdown.signalledAt);
    return {
      faulty,
      fault,
      requests: load.length,
      failed: load.filter((r) => r.status !== 200).length,
      p99: percentile(load, 99),
      p50: percentile(load, 50),
      rssGrowthMb: Math.max(
        ...Object.keys(rssBefore).map(
          (name) => ((rssAfter[name] ?? 0) - (rssBefore[name] ?? 0)) / MB,
        ),
      ),
      rssMeasured: Object.values(rssBefore).every((value) => value !== undefined),
      inFlightAtSignal: beforeSignal.length,
      inFlightFailed: beforeSignal.filter((r) => r.status !== 200).length,
      inFlightLost: beforeSignal
        .filter((r) => r.status !== 200)
        .map((r) => `${r.route} ${r.status || r.error} ${r.startedAt - shutdown.signalledAt} ms`),
      afterSignal5xx: afterSignal.filter((r) => r.status >= 500).length,
      exits: shutdown.exits,
      delivery: expected ? deliveryOf(answered, backends.receivers, expected) : undefined,
      answered,
      receivers: backends.receivers,
      errorLines: errorLines(mesh.services),
      shutdownLines: Object.values(mesh.services).flatMap((service) =>
        service.output
          .filter((line) => line.includes('"context":"Shutdown"') || line.includes('[telemetry]'))
          .map((line) => `${service.name}: ${line.slice(0, 300)}`),
      ),
    };
  } finally {
    if (mesh) await mesh.stop();
    await backends.close();
  }
}

/** The verdicts the suite asserts for one fault run (timing-free: counts, codes, memory). */
export function verdicts(run) {
  const problems = [];
  if (run.failed > 0) problems.push(`${run.failed} failed request(s) under load`);
  if (run.inFlightFailed > 0) {
    problems.push(
      `${run.inFlightFailed} in-flight request(s) lost at SIGTERM (${run.inFlightLost.join(', ')})`,
    );
  }
  if (run.afterSignal5xx > 0) problems.push(`${run.afterSignal5xx} 5xx answer(s) after SIGTERM`);
  for (const [name, exit] of Object.entries(run.exits)) {
    if (exit.code !== 0) problems.push(`${name} exited ${exit.code ?? exit.signal}`);
    if (exit.ms > SHUTDOWN_LIMIT_MS + EXIT_SLACK_MS)
      problems.push(`${name} took ${exit.ms} ms to exit`);
  }
  if (run.rssMeasured && run.rssGrowthMb > 50) {
    problems.push(`RSS grew ${run.rssGrowthMb.toFixed(0)} MB`);
  }
  for (const [backend, { owed, delivered }] of Object.entries(run.delivery ?? {})) {
    if (delivered < owed) problems.push(`${backend}: ${owed - delivered} of ${owed} not delivered`);
  }
  return problems;
}
