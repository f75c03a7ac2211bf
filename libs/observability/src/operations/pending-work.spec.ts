import { PendingWork } from './pending-work';

describe('PendingWork', () => {
  it('flushes at once when nothing is pending', async () => {
    expect(await new PendingWork().flush(10)).toBe(true);
  });

  it('resolves true when the last piece of work settles, counting each settle once', async () => {
    const work = new PendingWork();
    const first = work.begin();
    const second = work.begin();
    const flushed = work.flush(5_000);
    first();
    first(); // a second call must not count the other piece as settled
    expect(work.size).toBe(1);
    setTimeout(second, 20);
    const started = Date.now();
    expect(await flushed).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(work.size).toBe(0);
  });

  it('resolves false after the timeout, with what is left still counted', async () => {
    const work = new PendingWork();
    work.begin();
    const settleLater = work.begin();
    const started = Date.now();
    expect(await work.flush(50)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(work.size).toBe(2);
    settleLater();
    expect(work.size).toBe(1);
  });

  it('lets several flushes wait at once and releases each', async () => {
    const work = new PendingWork();
    const settle = work.begin();
    const flushes = [work.flush(5_000), work.flush(5_000), work.flush(10)];
    expect(await flushes[2]).toBe(false);
    settle();
    expect(await Promise.all(flushes.slice(0, 2))).toEqual([true, true]);
  });
});
