import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { OtlpReceiver, XRayDaemonReceiver, freePort, freeUdpPort, waitFor } from '@cruddur/testing';
import {
  WORKSPACE_ROOT,
  commandOf,
  execForm,
  instructionsOf,
  readDockerfile,
} from './dockerfile-stages';

jest.setTimeout(90_000);

const { stages } = readDockerfile();

/**
 * A process started from an argv exactly as the image's CMD or HEALTHCHECK writes it, from the
 * workspace root (the image's WORKDIR holds the same layout), with only the variables given.
 */
class CommandProcess {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(argv: readonly string[], env: Record<string, string>) {
    this.child = spawn(argv[0], argv.slice(1), {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n'));
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  async ready(pattern: RegExp): Promise<this> {
    await Promise.race([
      waitFor(() => this.output.some((line) => pattern.test(line)), {
        timeoutMs: 30_000,
        what: `${pattern} in:\n${this.output.join('\n')}`,
      }),
      this.exited.then(({ code }) => {
        throw new Error(`exited (${code}) before ready:\n${this.output.join('\n')}`);
      }),
    ]);
    return this;
  }

  /** Sends `signal` to this very process (what `docker stop` does to PID 1) and waits. */
  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Runs the target's HEALTHCHECK command once; resolves with its exit code and output. */
async function healthCheck(target: string, env: Record<string, string>) {
  const instruction = instructionsOf(stages, target).find((i) => i.keyword === 'HEALTHCHECK');
  const check = new CommandProcess(execForm(instruction?.args ?? ''), env);
  const { code } = await check.exited;
  return { code, output: check.output.join('\n').trim() };
}

/** The image's CMD of `target`, started with `env`, once it says it is listening. */
function startTarget(target: string, env: Record<string, string>, ready = /listening on/) {
  return new CommandProcess(commandOf(stages, target), env).ready(ready);
}

const xrayTraceId = (traceId: string) => `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;

describe("the images' start commands, run against the built apps", () => {
  describe('the services: SIGTERM to the process flushes what it buffered, then exit 0', () => {
    let receiver: OtlpReceiver;
    let xray: XRayDaemonReceiver;
    let ports: Record<string, string>;
    let backends: Record<string, string>;
    const running: CommandProcess[] = [];

    beforeAll(async () => {
      receiver = await OtlpReceiver.start();
      xray = await XRayDaemonReceiver.start();
      ports = {
        GATEWAY_PORT: String(await freePort()),
        HOME_ACTIVITIES_PORT: String(await freePort()),
        NOTIFICATIONS_PORT: String(await freePort()),
      };
      backends = {
        ...ports,
        GATEWAY_HOST: '127.0.0.1',
        NODE_ENV: 'production',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        // What docker-compose.yml gives a service when HONEYCOMB_API_KEY is not set.
        OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=',
        // Far beyond the test: only the shutdown flush can deliver these spans.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
        AWS_XRAY_DAEMON_ADDRESS: xray.address,
      };
    });

    afterAll(async () => {
      await Promise.all(running.map((service) => service.stop('SIGKILL')));
      await receiver?.close();
      await xray?.close();
    });

    it('start, answer their health checks and a request, and flush it all on SIGTERM', async () => {
      const [homeActivities, notifications] = await Promise.all([
        startTarget('home-activities', { ...backends, OTEL_SERVICE_NAME: 'home-activities' }),
        startTarget('notifications', { ...backends, OTEL_SERVICE_NAME: 'notifications' }),
      ]);
      running.push(homeActivities, notifications);
      const gateway = await startTarget('gateway', { ...backends, OTEL_SERVICE_NAME: 'gateway' });
      running.push(gateway);

      for (const target of ['gateway', 'home-activities', 'notifications']) {
        const check = await healthCheck(target, ports);
        expect(check).toEqual({ code: 0, output: expect.stringMatching(`^${target} healthy: `) });
      }

      const base = `http://127.0.0.1:${ports.GATEWAY_PORT}`;
      const traceIds: string[] = [];
      for (const path of ['/api/activities/home', '/api/activities/notifications']) {
        const response = await fetch(`${base}${path}`, {
          headers: { 'x-cruddur-user-handle': 'andrewbrown' },
        });
        expect(response.status).toBe(200);
        traceIds.push(response.headers.get('traceresponse')!.split('-')[1]);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.spans).toEqual([]);

      expect(await gateway.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(gateway.output.join('\n')).toContain('SIGTERM');
      expect(await homeActivities.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(await notifications.stop('SIGTERM')).toEqual({ code: 0, signal: null });

      const names = (service: string) =>
        receiver.spans
          .filter((span) => span.serviceName === service)
          .map((span) => span.name)
          .sort();
      expect(names('gateway')).toEqual(
        expect.arrayContaining(['GET /api/activities/home', 'GET /api/activities/notifications']),
      );
      expect(names('home-activities')).toContain('home-activities-mock-data');
      expect(names('notifications')).toContain('notifications-mock-data');
      // The health checks left no trace: every span and segment belongs to the two requests.
      expect(new Set(receiver.spans.map((span) => span.traceId))).toEqual(new Set(traceIds));
      const segments = await xray.waitForEntities((entities) => entities.length > 0);
      expect(new Set(segments.map((entity) => entity.traceId))).toEqual(
        new Set(traceIds.map(xrayTraceId)),
      );

      // A stopped service is unhealthy, and the check says so.
      const stopped = await healthCheck('notifications', ports);
      expect(stopped).toEqual({
        code: 1,
        output: expect.stringMatching(/^notifications unhealthy: /),
      });
    });
  });

  it('inspector: starts on its ports, is healthy, exits 0 on SIGTERM', async () => {
    const env = {
      INSPECTOR_HOST: '127.0.0.1',
      INSPECTOR_PORT: String(await freePort()),
      INSPECTOR_OTLP_PORT: String(await freePort()),
      INSPECTOR_XRAY_PORT: String(await freeUdpPort()),
    };
    const inspector = await startTarget('inspector', env, /inspector listening on/);
    try {
      expect(await healthCheck('inspector', env)).toMatchObject({ code: 0 });
      const stats = await fetch(`http://127.0.0.1:${env.INSPECTOR_PORT}/api/stats`);
      expect(stats.status).toBe(200);
    } finally {
      expect(await inspector.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    }
  });

  it('frontend: serves the built page, is healthy, exits 0 on SIGTERM', async () => {
    const env = { FRONTEND_HOST: '127.0.0.1', FRONTEND_PORT: String(await freePort()) };
    const frontend = await startTarget('frontend', env, /frontend listening on/);
    try {
      expect(await healthCheck('frontend', env)).toMatchObject({ code: 0 });
      const page = await fetch(`http://127.0.0.1:${env.FRONTEND_PORT}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      expect(await frontend.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    }
  });
});
