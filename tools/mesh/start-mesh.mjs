#!/usr/bin/env node
/**
 * `npm start`: builds every app once, starts the local inspector, then runs the whole mesh in the
 * foreground with each line prefixed by its process's name. Unless the user configured real
 * backends (OTEL_EXPORTER_OTLP_ENDPOINT, …), every service sends its telemetry to the inspector,
 * whose URL is printed. INSPECTOR_ENABLED=false skips it (e.g. a collector already owns 4318).
 *
 * SIGINT (Ctrl-C) or SIGTERM is passed on to every service, which flushes its telemetry and exits,
 * then to the inspector (so those last spans still land); this process exits when all have. If one dies on its own, the others are stopped too, so a
 * half-broken mesh never looks healthy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { INSPECTOR, inspectorBackends, meshProcesses } from './mesh-services.mjs';
import { meshBroker } from './nats-server.mjs';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const MESH_SERVICES = meshProcesses(process.env);
const width = Math.max(...[INSPECTOR, ...MESH_SERVICES].map((service) => service.name.length));

function prefix(service) {
  const label = service.name.padEnd(width);
  return useColor ? `\x1b[${service.color}m${label} |\x1b[0m ` : `${label} | `;
}

function pipeLines(stream, service, out, onLine = () => {}) {
  createInterface({ input: stream }).on('line', (line) => {
    out.write(`${prefix(service)}${line}\n`);
    onLine(line);
  });
}

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=stream'], {
  stdio: 'inherit',
});
if (build.status !== 0) {
  process.exit(build.status ?? 1);
}

// Built just now: the variable readers are the same the services use.
const { inspectorDialHost, readBoolean, readInspectorAddress } = await import('@cruddur/contracts');

const children = new Map();
let stopping = false;

/** Stops the services, then the inspector once they have exited, so their last spans land. */
function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  const services = [...children].filter(([name]) => name !== INSPECTOR.name);
  if (services.length === 0) children.get(INSPECTOR.name)?.kill(signal);
  for (const [, child] of services) child.kill(signal);
}

/** Starts one process; resolves with its first line matching `ready` (or at once without one). */
function start(service, env, ready) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', service.entry], {
      env: { ...env, FORCE_COLOR: useColor ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(service.name, child);
    let isReady = !ready;
    pipeLines(child.stdout, service, process.stdout, (line) => {
      const match = !isReady && ready.exec(line);
      if (match) {
        isReady = true;
        resolve(match);
      }
    });
    pipeLines(child.stderr, service, process.stderr);
    child.on('exit', (code, signal) => {
      children.delete(service.name);
      if (stopping && [...children.keys()].every((name) => name === INSPECTOR.name)) {
        children.get(INSPECTOR.name)?.kill('SIGTERM');
      }
      if (!stopping) {
        process.stderr.write(`${prefix(service)}exited (${signal ?? code}); stopping the mesh\n`);
        process.exitCode = 1;
        stopAll('SIGTERM');
      }
      if (!isReady) resolve(undefined);
      if (children.size === 0) process.exit();
    });
    if (!ready) resolve(undefined);
  });
}

process.on('SIGINT', () => stopAll('SIGTERM'));
process.on('SIGTERM', () => stopAll('SIGTERM'));

let serviceEnv = { ...process.env };
let inspectorUrl;
if (readBoolean(process.env, 'INSPECTOR_ENABLED', true)) {
  const address = readInspectorAddress(process.env);
  const ready = await start(INSPECTOR, process.env, INSPECTOR.ready);
  if (!ready) process.exit(1);
  inspectorUrl = ready[1];
  const backends = inspectorBackends(process.env, {
    ...address,
    dialHost: inspectorDialHost(address.host),
  });
  serviceEnv = { ...process.env, ...backends };
  const pointed = Object.keys(backends);
  process.stdout.write(
    `${prefix(INSPECTOR)}${pointed.length ? `services send ${pointed.join(', ')} here` : 'real backends configured: services do not send here'}\n`,
  );
}

// MICROSERVICE_TRANSPORT=nats without NATS_SERVERS: a local nats-server.
const broker = { name: 'nats', color: 37 };
serviceEnv = {
  ...serviceEnv,
  ...(await meshBroker(process.env, (line) => process.stdout.write(`${prefix(broker)}${line}\n`))),
};

// Started together; each prints "listening on" once it accepts connections.
await Promise.all(MESH_SERVICES.map((service) => start(service, serviceEnv, /listening on/)));

if (inspectorUrl && !stopping) {
  const url = useColor ? `\x1b[1m${inspectorUrl}\x1b[0m` : inspectorUrl;
  process.stdout.write(
    `\n  Inspector: ${url}  (traces, X-Ray segments, logs, Rollbar items; \`npm run trace -- last\` in a terminal)\n\n`,
  );
}
