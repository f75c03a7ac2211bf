#!/usr/bin/env node
/**
 * `npm run trace -- <trace-id|last>`: the inspector's terminal waterfall. Builds the inspector
 * once if it has not been built yet (npm start builds it too), then runs its CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const cli = 'dist/apps/inspector/cli/trace-cli.js';
if (!existsSync(cli)) {
  const build = spawnSync('npx', ['nx', 'run', 'inspector:build', '--output-style=static'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
