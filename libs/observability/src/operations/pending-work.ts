/**
 * Counts work handed to a client that answers later (a datagram sent, an item posted), so that
 * shutdown can wait for it: `flush` resolves once nothing is pending, or when its time is up.
 */
export class PendingWork {
  private count = 0;
  private readonly idleWaiters = new Set<() => void>();

  /** Work started and not yet settled. */
  get size(): number {
    return this.count;
  }

  /** Counts one piece of work; returns what to call when it settles (once; later calls do nothing). */
  begin(): () => void {
    this.count++;
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.count--;
      if (this.count === 0) for (const waiter of [...this.idleWaiters]) waiter();
    };
  }

  /**
   * Resolves true once every piece of work begun has settled, or false after `timeoutMs` with
   * `size` pieces left. The timer holds the process: a flush is what shutdown waits for.
   */
  flush(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.idleWaiters.add(onIdle);
    });
  }
}
