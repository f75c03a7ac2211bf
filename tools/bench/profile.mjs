#!/usr/bin/env node
/**
 * `node tools/bench/profile.mjs [--config 2] [--seconds 10] [--no-build]`: runs one benchmark
 * configuration (configurations.mjs) with every service under `node --cpu-prof`, and prints where
 * each service's CPU went, by package (profile-by-package.mjs), with CPU µs per request from /proc.
 * Shares are robust on a noisy machine; compare them, and µs per request within one run.
 * Profiles are kept in bench-results/profiles/<config>/ for `profile-by-package.mjs` or DevTools.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CONFIGURATIONS } from './configurations.mjs';
import { build, configurationEnv, cpuMs, load, sink, startSinks } from './harness.mjs';
import { aggregate, formatAggregate, merge } from './profile-by-package.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const id = option('config', '2');
const seconds = Number(option('seconds', '10'));
const top = Number(option('top', '14'));
const configuration = CONFIGURATIONS.find((c) => c.id === id);
if (!configuration) {
  process.stderr.write(`no configuration ${id}; one of ${CONFIGURATIONS.map((c) => c.id)}\n`);
  process.exit(2);
}

async function main() {
  if (!args.includes('--no-build')) build();
  const testing = require('@cruddur/testing');
  const sinks = await startSinks();
  const directory = resolve('bench-results', 'profiles', id);
  rmSync(directory, { recursive: true, force: true });
  try {
    const closedPort = await testing.freePort();
    const env = configurationEnv(configuration, sinks, closedPort);
    await sink(sinks.httpPort, `/behaviour?delayMs=${configuration.sinkDelayMs ?? 0}`, 'POST');
    await sink(sinks.httpPort, '/reset', 'POST');
    const names = ['gateway', 'homeActivities', 'notifications'];
    mkdirSync(directory, { recursive: true });
    // NODE_OPTIONS is shared by the three services: their profiles are told apart by pid.
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${directory}`.trim();
    const started = Date.now();
    const mesh = await testing.startMesh(env);
    const pids = Object.fromEntries(names.map((name) => [mesh.services[name].pid, name]));
    const url = `${mesh.gatewayUrl}/api/activities/home`;
    await load(url, { seconds: 2, connections: 10 });
    const before = Object.fromEntries(names.map((n) => [n, cpuMs(mesh.services[n].pid)]));
    // Start-up and warm-up are left out of the shares (the services started after `started`).
    const skipMs = Date.now() - started;
    const measured = await load(url, { seconds, connections: 10 });
    const cpu = Object.fromEntries(
      names.map((n) => [n, (cpuMs(mesh.services[n].pid) - before[n]) / measured['2xx']]),
    );
    await mesh.stop(); // SIGTERM: each process writes its profile as it exits
    const requests = measured['2xx'];
    process.stdout.write(
      `# CPU profile of (${id}) ${configuration.name}\n\n` +
        `${requests} requests in ${seconds} s (${measured.requests.average} req/s, p99 ${measured.latency.p99} ms); ` +
        `CPU µs per request: gateway ${(cpu.gateway * 1000).toFixed(0)}, home-activities ${(cpu.homeActivities * 1000).toFixed(0)}. ` +
        'Shares are of busy (non-idle) CPU while measured; native code and Node modules are charged ' +
        'to the package that called them (the function column names what ran).\n',
    );
    const files = readdirSync(directory).filter((file) => file.endsWith('.cpuprofile'));
    for (const name of ['gateway', 'homeActivities']) {
      const own = files.filter(
        (file) => pids[/\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(file)?.[1] ?? ''] === name,
      );
      if (own.length === 0) {
        process.stdout.write(`\n(no profile written by ${name})\n`);
        continue;
      }
      const result = merge(
        own.map((file) =>
          aggregate(JSON.parse(readFileSync(join(directory, file), 'utf8')), {
            skipMs,
            byCaller: true,
          }),
        ),
      );
      process.stdout.write(`\n## ${name}\n\n${formatAggregate(result, { top })}\n`);
    }
    process.stdout.write(`\nProfiles: ${directory}\n`);
  } finally {
    sinks.child.kill('SIGTERM');
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
