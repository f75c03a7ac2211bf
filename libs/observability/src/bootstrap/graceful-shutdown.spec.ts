import { EventEmitter } from 'node:events';
import type { INestApplicationContext } from '@nestjs/common';
import type { Telemetry } from '../tracing/telemetry';
import { installGracefulShutdown } from './graceful-shutdown';
import { ShutdownDeadline } from './shutdown-deadline';

const never = () => new Promise<void>(() => undefined);
const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fake app whose close() runs `onClose` (what Nest's shutdown hooks would flush). */
function fakeApp(onClose: (deadline: ShutdownDeadline) => Promise<void>) {
  const deadline = new ShutdownDeadline();
  return {
    deadline,
    app: {
      get: () => deadline,
      close: () => onClose(deadline),
    } as unknown as INestApplicationContext,
  };
}

function fakeTelemetry(forceFlush: () => Promise<void>, events: string[]): Telemetry {
  return {
    serviceName: 'spec-service',
    enabled: true,
    forceFlush: () => {
      events.push('spans flush');
      return forceFlush();
    },
    shutdown: () => {
      events.push('telemetry shutdown');
      return Promise.resolve();
    },
  };
}

function install(
  app: INestApplicationContext,
  telemetry: Telemetry,
  drain = () => after(10).then(() => 'drained'),
) {
  const signals = new EventEmitter();
  const exited = new Promise<{ code: number; ms: number }>((resolve) => {
    const started = Date.now();
    installGracefulShutdown(app, telemetry, {
      settings: { timeoutMs: 2000, drainTimeoutMs: 500 },
      drain,
      exit: (code) => resolve({ code, ms: Date.now() - started }),
      signals: signals as unknown as NodeJS.Process,
    });
  });
  return { signal: () => signals.emit('SIGTERM', 'SIGTERM'), exited };
}

describe('installGracefulShutdown', () => {
  it('drains first, then flushes spans while the app closes, then stops telemetry and exits 0', async () => {
    const events: string[] = [];
    const { app } = fakeApp(async () => {
      events.push('app close');
      await after(50);
      events.push('app closed');
    });
    const { signal, exited } = install(
      app,
      fakeTelemetry(() => after(20), events),
      async () => {
        events.push('drain');
        await after(20);
        return 'drained';
      },
    );
    signal();
    expect((await exited).code).toBe(0);
    expect(events).toEqual([
      'drain',
      'spans flush',
      'app close',
      'app closed',
      'telemetry shutdown',
    ]);
  });

  it('gives a trace backend that never answers its share only: the others flush, and the exit is 0 in time', async () => {
    const events: string[] = [];
    let logsGot = 0;
    const { app } = fakeApp(async (deadline) => {
      // What a CloudWatch Logs flush of its own 5 s limit gets, cut to the shutdown's time.
      logsGot = deadline.budget(5000);
      await after(100);
      events.push('logs flushed');
    });
    const { signal, exited } = install(app, fakeTelemetry(never, events));
    signal();
    const { code, ms } = await exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
    expect(events).toContain('logs flushed');
    expect(logsGot).toBeGreaterThan(1000);
    expect(logsGot).toBeLessThanOrEqual(1500);
  });

  it('exits 1 at the hard limit when closing hangs', async () => {
    const { app } = fakeApp(never);
    const { signal, exited } = install(
      app,
      fakeTelemetry(() => Promise.resolve(), []),
    );
    signal();
    const { code, ms } = await exited;
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(1900);
  });
});
