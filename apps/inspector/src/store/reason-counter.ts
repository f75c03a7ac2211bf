/**
 * Counts of why things were refused, by reason text, bounded (a stream of distinct messages
 * cannot grow it without limit: past `maxReasons` they are counted under "(other reasons)").
 */
export class ReasonCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxReasons = 50) {}

  add(reason: string): void {
    const key =
      this.counts.has(reason) || this.counts.size < this.maxReasons ? reason : '(other reasons)';
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Total of every reason. */
  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** The reasons, most frequent first. */
  list(): Array<{ reason: string; count: number }> {
    return [...this.counts.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}
