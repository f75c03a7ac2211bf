/**
 * A downstream killed under load (kill -9 notifications), then started again: the gateway must
 * tell the outage once (one WARN, one Rollbar item) and its end once (with counts), and write no
 * socket-error lines (EPIPE, ECONNRESET) - whatever the number of requests that hit it.
 */
import { createRequire } from 'node:module';
import { startBackends } from './backends.mjs';
import { runLoad } from './load.mjs';

const require = createRequire(import.meta.url);
const { ServiceProcess, startMesh, waitFor } = require('@cruddur/testing');

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs it; returns the counts and the problems. */
export async function runKilledDownstream() {
  const backends = await startBackends();
  const mesh = await startMesh({ ...backends.env, OTEL_BSP_SCHEDULE_DELAY: '200' });
  let restarted;
  try {
    let phase = 'up';
    const load = runLoad(mesh.gatewayUrl, { concurrency: 8, until: () => phase === 'done' });
    await pause(1000);
    await mesh.services.notifications.stop('SIGKILL');
    await pause(2000);
    restarted = await ServiceProcess.start({
      name: 'notifications',
      entry: 'dist/apps/notifications/main.js',
      env: mesh.env,
    });
    const gateway = mesh.services.gateway;
    await waitFor(
      () => gateway.output.some((line) => line.includes('notifications answers again')),
      {
        timeoutMs: 15_000,
        what: 'the recovery line',
      },
    ).catch(() => undefined);
    await pause(1000);
    phase = 'done';
    const results = await load;
    await pause(1500); // Rollbar items on their way
    const lines = gateway.output;
    const items = backends.receivers.rollbar.items.filter(
      (item) =>
        JSON.stringify(item.data?.body ?? {}).includes('notifications is unavailable') ||
        JSON.stringify(item.data?.body ?? {}).includes('notifications did not answer'),
    );
    const outcome = {
      requests: results.length,
      answered503: results.filter((r) => r.status === 503).length,
      answered504: results.filter((r) => r.status === 504).length,
      outageWarnings: lines.filter((l) => l.includes('notifications call failed')).length,
      recoveryLines: lines.filter((l) => l.includes('notifications answers again')).length,
      socketErrorLines: lines.filter(
        (l) => /EPIPE|ECONNRESET/.test(l) && !/call failed|answers again/.test(l),
      ).length,
      errorLines: lines.filter((l) => /"level":"error"/.test(l)).length,
      rollbarItems: items.length,
      recovery: lines.find((l) => l.includes('notifications answers again')) ?? '',
      // Logged inside the request that found the outage, so the line names its trace.
      warningHasTraceId: lines.some(
        (l) => l.includes('notifications call failed') && /"trace_id":"[0-9a-f]{32}"/.test(l),
      ),
    };
    const problems = [];
    if (outcome.outageWarnings !== 1) problems.push(`${outcome.outageWarnings} outage warnings`);
    if (!outcome.warningHasTraceId) problems.push('the outage warning has no trace_id');
    if (outcome.recoveryLines !== 1) problems.push(`${outcome.recoveryLines} recovery lines`);
    if (outcome.socketErrorLines) problems.push(`${outcome.socketErrorLines} socket-error lines`);
    if (outcome.errorLines) problems.push(`${outcome.errorLines} ERROR lines`);
    if (outcome.rollbarItems !== 1) problems.push(`${outcome.rollbarItems} Rollbar items`);
    return { ...outcome, problems };
  } finally {
    await restarted?.stop();
    await mesh.stop();
    await backends.close();
  }
}
