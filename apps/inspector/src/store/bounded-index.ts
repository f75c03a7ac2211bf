/**
 * A first-in-first-out store of at most `capacity` records, indexed by trace id. Adding past the
 * capacity evicts the oldest record and counts it. Used for log events, X-Ray segments and Rollbar
 * items; spans are grouped per trace instead (see TelemetryStore).
 */
export class BoundedIndex<T extends { traceId?: string }> {
  /** Records evicted so far to stay within capacity. */
  evicted = 0;

  private records: T[] = [];
  /** Index of the oldest live record in `records` (cheaper than shift()). */
  private head = 0;
  private readonly byTrace = new Map<string, T[]>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.records.length - this.head;
  }

  add(record: T): void {
    this.records.push(record);
    if (record.traceId) {
      const list = this.byTrace.get(record.traceId);
      if (list) list.push(record);
      else this.byTrace.set(record.traceId, [record]);
    }
    while (this.size > this.capacity) this.evictOldest();
  }

  /** The records of one trace, oldest first. */
  ofTrace(traceId: string): readonly T[] {
    return this.byTrace.get(traceId) ?? [];
  }

  /** How many records a trace has. */
  countOfTrace(traceId: string): number {
    return this.byTrace.get(traceId)?.length ?? 0;
  }

  /** Up to `limit` records, newest first, that pass `predicate`. */
  newest(limit: number, predicate: (record: T) => boolean = () => true): T[] {
    const found: T[] = [];
    for (let i = this.records.length - 1; i >= this.head && found.length < limit; i--) {
      if (predicate(this.records[i])) found.push(this.records[i]);
    }
    return found;
  }

  /** Every live record, oldest first. */
  *all(): IterableIterator<T> {
    for (let i = this.head; i < this.records.length; i++) yield this.records[i];
  }

  private evictOldest(): void {
    const oldest = this.records[this.head];
    this.records[this.head] = undefined as unknown as T;
    this.head++;
    this.evicted++;
    if (oldest.traceId) {
      // Per-trace lists are in arrival order too, so the globally oldest is first in its list.
      const list = this.byTrace.get(oldest.traceId);
      if (list) {
        list.shift();
        if (list.length === 0) this.byTrace.delete(oldest.traceId);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
  }
}
