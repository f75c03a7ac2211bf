import { join } from 'node:path';
import { startFrontendServer } from './frontend-server';
import { readFrontendServerConfig } from './frontend-server.config';

/** `node dist/apps/frontend/server/main.js`: the built front end on FRONTEND_PORT (3000). */
async function main(): Promise<void> {
  const config = readFrontendServerConfig();
  const running = await startFrontendServer({
    root: join(__dirname, '..', 'public'),
    port: config.port,
    host: config.host,
    runtimeConfig: config.runtimeConfig,
  });
  process.stdout.write(
    `frontend listening on http://${config.host}:${running.port} ` +
      `(gateway ${config.runtimeConfig.gatewayUrl})\n`,
  );
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  const { code, address, port } = error as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
  };
  // A busy port is one line that says which variable moves the front end.
  const message =
    code === 'EADDRINUSE'
      ? `${address}:${port} is already in use (another frontend, or an npm start that is still running?). Set FRONTEND_PORT to a free port, or stop what holds it.`
      : (error as Error).message;
  process.stderr.write(`frontend cannot start: ${message}\n`);
  process.exit(1);
});
