import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { RollbarReceiver, ServiceProcess, freePort, waitFor } from '@cruddur/testing';

jest.setTimeout(60_000);

/** Not a secret: the receiver checks the token's shape only. */
const ROLLBAR_TOKEN = 'readiness0123456789abcdef012345678';

/** Resolves true if something accepts TCP connections on the port right now. */
async function accepts(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(500) });
    return true;
  } catch {
    return false;
  }
}

async function meshEnv(extra: Record<string, string> = {}) {
  return {
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(await freePort()),
    HOME_ACTIVITIES_HOST: '127.0.0.1',
    HOME_ACTIVITIES_PORT: String(await freePort()),
    NOTIFICATIONS_HOST: '127.0.0.1',
    NOTIFICATIONS_PORT: String(await freePort()),
    OTEL_SDK_DISABLED: 'true',
    AWS_XRAY_SDK_ENABLED: 'false',
    ...extra,
  };
}

const startService = (name: string, env: Record<string, string>, readyPattern?: RegExp) =>
  ServiceProcess.start({ name, entry: `dist/apps/${name}/main.js`, env, readyPattern });

describe('gateway readiness', () => {
  it('binds its port only once its downstream connections are up, and its first request succeeds', async () => {
    const rollbar = await RollbarReceiver.start();
    const env = await meshEnv({
      ROLLBAR_ACCESS_TOKEN: ROLLBAR_TOKEN,
      ROLLBAR_ENDPOINT: rollbar.endpoint,
    });
    const started: ServiceProcess[] = [];
    try {
      // The gateway first, as a supervisor starting everything at once may well do; it prints
      // "listening on" (and binds the port) only once it is ready.
      let listening = false;
      const gatewayReady = startService('gateway', env).then((gateway) => {
        listening = true;
        started.push(gateway);
        return gateway;
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await accepts(Number(env.GATEWAY_PORT))).toBe(false);
      expect(listening).toBe(false);

      started.push(await startService('home-activities', env));
      started.push(await startService('notifications', env));
      const gateway = await gatewayReady;
      const first = await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/api/activities/home`);
      expect(first.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/api/health`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(rollbar.items).toEqual([]);
      expect(
        gateway.output.filter((line) => /connected to (home-activities|notifications)/.test(line)),
      ).toHaveLength(2);
    } finally {
      await Promise.all(started.map((service) => service.stop()));
      await rollbar.close();
    }
  });

  it('listens anyway after DOWNSTREAM_CONNECT_TIMEOUT_MS, naming what is missing, and reports it down', async () => {
    const env = await meshEnv({ DOWNSTREAM_CONNECT_TIMEOUT_MS: '300' });
    const home = await startService('home-activities', env);
    const gateway = await startService('gateway', env);
    try {
      expect(
        gateway.output.filter((line) =>
          line.includes(
            `notifications is not reachable at 127.0.0.1:${env.NOTIFICATIONS_PORT} after 300 ms`,
          ),
        ),
      ).toHaveLength(1);
      const health = await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        services: { 'home-activities': 'up', notifications: 'down' },
      });
    } finally {
      await gateway.stop();
      await home.stop();
    }
  });
});

describe('SIGTERM while the gateway still waits for its services', () => {
  it('stops waiting and exits 0 at once', async () => {
    const env = await meshEnv();
    const gateway = spawn(process.execPath, ['dist/apps/gateway/main.js'], {
      cwd: resolve(__dirname, '../../..'),
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((done) => gateway.once('exit', done));
    // It connects to home-activities (a stand-in that accepts) and keeps trying notifications
    // (nothing there): the first connection says it is in that wait, its SIGTERM handler set.
    const connections: Socket[] = [];
    const standIn = createServer((socket) => connections.push(socket));
    await new Promise<void>((done) =>
      standIn.listen(Number(env.HOME_ACTIVITIES_PORT), '127.0.0.1', done),
    );
    await waitFor(() => connections.length > 0, { timeoutMs: 20_000, what: 'the connect attempt' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalledAt = Date.now();
    gateway.kill('SIGTERM');
    const timer = setTimeout(() => gateway.kill('SIGKILL'), 15_000);
    expect(await exited).toBe(0);
    clearTimeout(timer);
    expect(Date.now() - signalledAt).toBeLessThan(5000);
    connections.forEach((socket) => socket.destroy());
    await new Promise((done) => standIn.close(done));
  });
});

describe('a downstream killed under load', () => {
  it('costs one WARN and one Rollbar item, no socket-error lines, and one line of counts when it is back', async () => {
    const rollbar = await RollbarReceiver.start();
    const env = await meshEnv({
      ROLLBAR_ACCESS_TOKEN: ROLLBAR_TOKEN,
      ROLLBAR_ENDPOINT: rollbar.endpoint,
    });
    const home = await startService('home-activities', env);
    let notifications = await startService('notifications', env);
    const gateway = await startService('gateway', env);
    const url = `http://127.0.0.1:${env.GATEWAY_PORT}/api/activities/notifications`;
    let running = true;
    const statuses: number[] = [];
    const load = Promise.all(
      Array.from({ length: 6 }, async () => {
        while (running) {
          const response = await fetch(url).catch(() => undefined);
          await response?.arrayBuffer();
          statuses.push(response?.status ?? 0);
        }
      }),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await notifications.stop('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      notifications = await startService('notifications', env);
      await waitFor(
        () => gateway.output.some((line) => line.includes('notifications answers again')),
        {
          what: 'the recovery line',
        },
      );
      running = false;
      await load;
      await new Promise((resolve) => setTimeout(resolve, 1000));

      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(5);
      const lines = gateway.output;
      expect(lines.filter((line) => line.includes('notifications call failed'))).toHaveLength(1);
      expect(lines.filter((line) => line.includes('notifications answers again'))).toEqual([
        expect.stringMatching(/after \d+\.\d s: \d+ call\(s\) answered 503, \d+ answered 504/),
      ]);
      expect(
        lines.filter(
          (line) => /EPIPE|ECONNRESET/.test(line) && !/call failed|answers again/.test(line),
        ),
      ).toEqual([]);
      expect(lines.filter((line) => /"level":"error"/.test(line))).toEqual([]);
      const outageItems = rollbar.items.filter((item) =>
        JSON.stringify(item.data).includes('notifications is unavailable'),
      );
      expect(outageItems).toHaveLength(1);
    } finally {
      running = false;
      await load;
      await gateway.stop();
      await Promise.all([home.stop(), notifications.stop()]);
      await rollbar.close();
    }
  });
});

describe('SIGTERM to the whole mesh at once, under load', () => {
  it('answers every request in flight, refuses new ones without a 5xx, and every service exits 0', async () => {
    const env = await meshEnv();
    const home = await startService('home-activities', env);
    const notifications = await startService('notifications', env);
    const gateway = await startService('gateway', env);
    const base = `http://127.0.0.1:${env.GATEWAY_PORT}`;
    let signalledAt = Infinity;
    let gatewayGone = false;
    const results: Array<{ startedAt: number; status: number }> = [];
    const load = Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        while (!gatewayGone) {
          const startedAt = Date.now();
          const path = worker % 2 ? '/api/activities/home' : '/api/activities/notifications';
          const response = await fetch(`${base}${path}`).catch(() => undefined);
          await response?.arrayBuffer();
          results.push({ startedAt, status: response?.status ?? 0 });
          if (!response) await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    signalledAt = Date.now();
    const exits = await Promise.all(
      [gateway, home, notifications].map(async (service) => {
        const exit = await service.stop('SIGTERM', 20_000);
        if (service === gateway) gatewayGone = true;
        return { name: service.name, code: exit.code, ms: Date.now() - signalledAt };
      }),
    );
    await load;

    const before = results.filter((result) => result.startedAt < signalledAt);
    const after = results.filter((result) => result.startedAt >= signalledAt);
    expect(before.length).toBeGreaterThan(20);
    expect(before.filter((result) => result.status !== 200)).toEqual([]);
    expect(after.filter((result) => result.status >= 500)).toEqual([]);
    for (const exit of exits) {
      expect(exit).toEqual({ name: exit.name, code: 0, ms: expect.any(Number) });
      expect(exit.ms).toBeLessThan(11_000);
    }
    // The services waited for the gateway to hang up, rather than cutting its calls off.
    for (const service of [home, notifications]) {
      expect(service.output.some((line) => line.includes('hung up after their last call'))).toBe(
        true,
      );
    }
  });
});
