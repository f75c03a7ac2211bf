import { ShutdownDeadline } from './shutdown-deadline';
import { readShutdownSettings } from './shutdown-settings';

describe('ShutdownDeadline', () => {
  it('leaves every limit alone before a shutdown', () => {
    const deadline = new ShutdownDeadline(500, () => 0);
    expect(deadline.started).toBe(false);
    expect(deadline.budget(5000)).toBe(5000);
    expect(deadline.remainingMs()).toBe(Infinity);
  });

  it('cuts a limit to what the shutdown has left, keeping the reserve', () => {
    let now = 1000;
    const deadline = new ShutdownDeadline(500, () => now);
    deadline.start(10_000);
    expect(deadline.budget(3000)).toBe(3000);
    now += 6000; // a drain took 6 s
    expect(deadline.budget(5000)).toBe(3500);
    now += 5000;
    expect(deadline.budget(5000)).toBe(0);
  });

  it('keeps the first limit when started again', () => {
    let now = 0;
    const deadline = new ShutdownDeadline(0, () => now);
    deadline.start(1000);
    now = 500;
    deadline.start(1000);
    expect(deadline.remainingMs()).toBe(500);
  });
});

describe('readShutdownSettings', () => {
  it('reads the limits and keeps the drain within half of the total', () => {
    expect(readShutdownSettings({})).toEqual({ timeoutMs: 10_000, drainTimeoutMs: 4000 });
    expect(
      readShutdownSettings({ SHUTDOWN_TIMEOUT_MS: '6000', SHUTDOWN_DRAIN_TIMEOUT_MS: '5000' }),
    ).toEqual({ timeoutMs: 6000, drainTimeoutMs: 3000 });
    expect(() => readShutdownSettings({ SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(
      /SHUTDOWN_TIMEOUT_MS/,
    );
  });
});
