/**
 * The benchmark's moving parts, shared by `bench.mjs` and `profile.mjs`: building, the sink
 * process, load generation, and what /proc says about a process's CPU and memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/** Builds every project (the services run from dist/). */
export function build() {
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('build failed');
}

/** Starts the sink process and resolves with its OTLP port. */
export function startSinks() {
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

/** Calls the sink's control API. */
export async function sink(port, path, method = 'GET') {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  return response.json();
}

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Peak resident set of a process, from /proc (kB → MB). */
export function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** autocannon against `url`; resolves with its result. */
export function load(url, { seconds, connections, overallRate }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, duration: seconds, ...(overallRate ? { overallRate } : {}) },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** A configuration's environment with the sink's ports and the closed port filled in. */
export function configurationEnv(configuration, sinks, closedPort) {
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
  return env;
}
