import { TokenBucketLimiter } from './token-bucket.limiter';

describe('TokenBucketLimiter', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a burst of `capacity`, then says how long until the next token', () => {
    const limiter = new TokenBucketLimiter(3, 60, 100, clock); // one token a second
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1000);
    now += 400;
    expect(limiter.take('a')).toBe(600);
    now += 600;
    expect(limiter.take('a')).toBe(0);
  });

  it('keeps one bucket per key', () => {
    const limiter = new TokenBucketLimiter(1, 60, 100, clock);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
  });

  it('never refills beyond capacity', () => {
    const limiter = new TokenBucketLimiter(2, 60, 100, clock);
    now += 3_600_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1000]);
  });

  it('tracks at most `maxKeys` keys, forgetting full buckets first', () => {
    const limiter = new TokenBucketLimiter(1, 60, 3, clock);
    limiter.take('busy');
    now += 10_000;
    limiter.take('x'); // 'busy' has refilled by now: it is the one to forget
    limiter.take('y');
    limiter.take('z');
    expect(limiter.size).toBeLessThanOrEqual(3);
    for (let i = 0; i < 100; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(3);
  });
});
