/**
 * Token buckets per key (a client address, or one key for everyone): `capacity` requests at once,
 * refilled at `perMinute`. The map of keys is bounded: buckets that have refilled completely are
 * forgotten first (they hold nothing), then the oldest, so a flood of spoofed-looking addresses
 * costs memory only up to `maxKeys`.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();
  private readonly refillPerMs: number;

  constructor(
    private readonly capacity: number,
    perMinute: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes a token for `key`: 0 when there was one, else the milliseconds until there is. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? this.newBucket(key, now);
    bucket.tokens = Math.min(
      this.capacity,
      bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs,
    );
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.refillPerMs);
  }

  /** How many keys are tracked (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }

  private newBucket(key: string, now: number) {
    if (this.buckets.size >= this.maxKeys) this.evict(now);
    const bucket = { tokens: this.capacity, updatedAt: now };
    this.buckets.set(key, bucket);
    return bucket;
  }

  private evict(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs >= this.capacity) {
        this.buckets.delete(key);
      }
    }
    if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
