/**
 * When a process of the mesh that exited on its own is started again. A crash (a non-zero exit,
 * or a signal other than the two that ask for a clean stop) is restarted after 1 s, then 2, 4, 8,
 * 16 and at most 30 s; a run that lasted a minute starts the count again. A process that keeps
 * failing is left down after `maxAttempts` restarts in a row, and so is one that exited cleanly
 * (code 0, or SIGTERM/SIGINT: someone stopped it on purpose, e.g. to see the gateway's 503).
 */
export class RestartPolicy {
  /** @param {{ firstDelayMs?: number, maxDelayMs?: number, maxAttempts?: number, stableAfterMs?: number }} options */
  constructor({
    firstDelayMs = 1000,
    maxDelayMs = 30_000,
    maxAttempts = 8,
    stableAfterMs = 60_000,
  } = {}) {
    Object.assign(this, { firstDelayMs, maxDelayMs, maxAttempts, stableAfterMs });
    this.attempts = 0;
  }

  /**
   * What to do about one exit.
   * @param {{ code: number | null, signal: NodeJS.Signals | null }} exit
   * @param {number} uptimeMs how long that run lasted
   * @returns {{ restart: true, delayMs: number, attempt: number } | { restart: false, reason: 'stopped' | 'failing' }}
   */
  decide(exit, uptimeMs) {
    if (exit.code === 0 || exit.signal === 'SIGTERM' || exit.signal === 'SIGINT') {
      return { restart: false, reason: 'stopped' };
    }
    if (uptimeMs >= this.stableAfterMs) this.attempts = 0;
    if (this.attempts >= this.maxAttempts) return { restart: false, reason: 'failing' };
    this.attempts += 1;
    const delayMs = Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** (this.attempts - 1));
    return { restart: true, delayMs, attempt: this.attempts };
  }
}
