#!/usr/bin/env node
/**
 * `npm run config:docs`: writes `.env.example` and the README's configuration tables from the
 * registry in libs/contracts/src/config/environment-variables.ts (built first by the npm script).
 * `--check` writes nothing and exits 1 when either file differs from what it would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  ENVIRONMENT_VARIABLES,
  renderConfigurationTables,
  renderEnvExample,
  replaceConfigurationSection,
} from '@cruddur/contracts';

const check = process.argv.includes('--check');
const readme = readFileSync('README.md', 'utf8');
const outputs = {
  '.env.example': renderEnvExample(ENVIRONMENT_VARIABLES),
  'README.md': replaceConfigurationSection(
    readme,
    renderConfigurationTables(ENVIRONMENT_VARIABLES),
  ),
};

let stale = 0;
for (const [file, content] of Object.entries(outputs)) {
  let current;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  if (check) {
    stale += 1;
    process.stderr.write(`${file} is not what \`npm run config:docs\` writes\n`);
  } else {
    writeFileSync(file, content);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exitCode = stale ? 1 : 0;
