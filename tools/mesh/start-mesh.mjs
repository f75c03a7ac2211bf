#!/usr/bin/env node
/**
 * `npm start`: builds every service once, then runs the whole mesh in the foreground with each
 * line prefixed by its service's name. SIGINT (Ctrl-C) or SIGTERM is passed on to every service,
 * which flushes its telemetry and exits; this process exits when they all have. If one service
 * dies on its own, the others are stopped too, so a half-broken mesh never looks healthy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { MESH_SERVICES } from './mesh-services.mjs';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const width = Math.max(...MESH_SERVICES.map((service) => service.name.length));

function prefix(service) {
  const label = service.name.padEnd(width);
  return useColor ? `\x1b[${service.color}m${label} |\x1b[0m ` : `${label} | `;
}

function pipeLines(stream, service, out) {
  createInterface({ input: stream }).on('line', (line) => out.write(`${prefix(service)}${line}\n`));
}

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=stream'], {
  stdio: 'inherit',
});
if (build.status !== 0) {
  process.exit(build.status ?? 1);
}

const children = new Map();
let stopping = false;

function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill(signal);
}

for (const service of MESH_SERVICES) {
  const child = spawn(process.execPath, ['--enable-source-maps', service.entry], {
    env: { ...process.env, FORCE_COLOR: useColor ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(service.name, child);
  pipeLines(child.stdout, service, process.stdout);
  pipeLines(child.stderr, service, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (!stopping) {
      process.stderr.write(`${prefix(service)}exited (${signal ?? code}); stopping the mesh\n`);
      process.exitCode = 1;
      stopAll('SIGTERM');
    }
    if (children.size === 0) process.exit();
  });
}

process.on('SIGINT', () => stopAll('SIGTERM'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
