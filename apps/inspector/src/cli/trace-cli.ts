import { Variables, inspectorDialHost, read, readInspectorAddress } from '@cruddur/contracts';
import type { TraceView } from '../analysis/trace-view';
import { renderWaterfall } from './waterfall-renderer';

/**
 * `npm run trace -- <trace-id|last>`: prints one trace's waterfall, logs, Rollbar items and X-Ray
 * segments from a running inspector (INSPECTOR_URL, else INSPECTOR_HOST/INSPECTOR_PORT).
 */
async function main(argv: string[]): Promise<number> {
  const id = argv[0];
  if (!id || argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write('usage: npm run trace -- <trace-id|last>\n');
    return id ? 0 : 2;
  }
  const address = readInspectorAddress(process.env);
  const base = read(
    process.env,
    Variables.INSPECTOR_URL,
    `http://${inspectorDialHost(address.host)}:${address.uiPort}`,
  ).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${base}/api/traces/${encodeURIComponent(id)}`);
  } catch {
    process.stderr.write(
      `no inspector answers at ${base}: start it with \`npm start\` or \`npx nx serve inspector\` (or set INSPECTOR_URL)\n`,
    );
    return 1;
  }
  const body = (await response.json()) as TraceView | { error: string };
  if (!response.ok || 'error' in body) {
    process.stderr.write(`${'error' in body ? body.error : response.statusText}\n`);
    return 1;
  }
  process.stdout.write(
    renderWaterfall(body, {
      width: process.stdout.columns ?? 120,
      color: Boolean(process.stdout.isTTY) && !read(process.env, Variables.NO_COLOR),
    }),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
