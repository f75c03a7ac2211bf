import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** Nx's own CLI, run by this Node: no `npx` in between (its spinner, its lookup). */
const NX_CLI = createRequire(import.meta.url).resolve('nx/bin/nx.js');

/**
 * Builds every app with Nx (cached: a second run takes a couple of seconds). Nx never gets the
 * terminal's input, so it can never stop to ask a question (its analytics and editor prompts only
 * appear when stdin is a TTY); its output still goes to the terminal. The build runs in the
 * foreground group, so a Ctrl-C during it stops it too.
 *
 * @returns {{ done: Promise<number>, stop: (signal: NodeJS.Signals) => void }} the exit code
 */
export function buildAll() {
  const child = spawn(
    process.execPath,
    [NX_CLI, 'run-many', '-t', 'build', '--output-style=stream'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_SKIP_VSCODE_EXTENSION_INSTALL: 'true' },
    },
  );
  const done = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.once('error', () => resolve(1));
  });
  return { done, stop: (signal) => child.kill(signal) };
}
