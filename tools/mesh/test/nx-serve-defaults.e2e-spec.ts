import { spawn } from 'node:child_process';
import { ServiceProcess, freePort, freeUdpPort, waitFor } from '@cruddur/testing';
import { WORKSPACE_ROOT, userEnv } from './mesh-run';

jest.setTimeout(120_000);

/** `npx nx serve <app>` as a user types it, in a process group of its own (to stop it whole). */
function nxServe(app: string, env: Record<string, string>) {
  const child = spawn('npx', ['nx', 'serve', app], {
    cwd: WORKSPACE_ROOT,
    env: userEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise((done) => child.once('exit', done));
  return {
    output: () => output,
    ready: () =>
      waitFor(() => /listening on/.test(output) && output, {
        timeoutMs: 90_000,
        what: `${app} to listen:\n${output}`,
      }),
    stop: async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await exited;
    },
  };
}

describe('npx nx serve <app> gets the same local defaults as npm start', () => {
  let inspector: ServiceProcess;
  let inspectorEnv: Record<string, string>;

  beforeAll(async () => {
    inspectorEnv = {
      INSPECTOR_PORT: String(await freePort()),
      INSPECTOR_OTLP_PORT: String(await freePort()),
      INSPECTOR_XRAY_PORT: String(await freeUdpPort()),
    };
    inspector = await ServiceProcess.start({
      name: 'inspector',
      entry: 'dist/apps/inspector/main.js',
      env: inspectorEnv,
    });
  });

  afterAll(() => inspector?.stop());

  it('a service sends its logs to the local inspector and reports errors to its Rollbar API', async () => {
    const serve = nxServe('notifications', {
      ...inspectorEnv,
      NOTIFICATIONS_PORT: String(await freePort()),
      LOG_FORMAT: 'json',
    });
    try {
      await serve.ready();
      expect(serve.output()).toContain(
        `reporting errors of notifications to http://127.0.0.1:${inspectorEnv.INSPECTOR_PORT}/api/1/item/`,
      );
      const logs = await waitFor(
        async () => {
          const response = await fetch(`http://127.0.0.1:${inspectorEnv.INSPECTOR_PORT}/api/logs`);
          const text = await response.text();
          return text.includes('notifications listening on') && text;
        },
        { timeoutMs: 15_000, what: 'the start-up lines in the inspector' },
      );
      expect(logs).toContain('notifications');
    } finally {
      await serve.stop();
    }
  });

  // userEnv binds the gateway to 127.0.0.1, so that is where the page is told to find it.
  it('the front end points the page at the gateway on GATEWAY_PORT', async () => {
    const gatewayPort = String(await freePort());
    const serve = nxServe('frontend', {
      ...inspectorEnv,
      FRONTEND_PORT: String(await freePort()),
      GATEWAY_PORT: gatewayPort,
    });
    try {
      await serve.ready();
      expect(serve.output()).toContain(`(gateway http://127.0.0.1:${gatewayPort})`);
    } finally {
      await serve.stop();
    }
  });
});
