import { Injectable } from '@nestjs/common';

/**
 * Time left before a shutdown's hard limit, shared by everything that flushes on the way out.
 * Backends flush side by side, and each takes `budget(own timeout)`: its own limit, cut to what is
 * left of the shutdown - so a black-holed backend costs its own share of the time, never the
 * share of the others, and the process still exits before the limit. One per application
 * (ObservabilityModule provides it; the graceful shutdown starts it).
 */
@Injectable()
export class ShutdownDeadline {
  private deadlineAt: number | undefined;

  constructor(
    /** Kept back for what runs after the flushes (the last span export, the exit itself). */
    private readonly reserveMs = 500,
    private readonly now: () => number = Date.now,
  ) {}

  /** The shutdown began: it must be over `totalMs` from now. Later calls keep the first limit. */
  start(totalMs: number): void {
    this.deadlineAt ??= this.now() + totalMs;
  }

  /** True once `start` was called. */
  get started(): boolean {
    return this.deadlineAt !== undefined;
  }

  /** Milliseconds until the hard limit (Infinity before a shutdown started). */
  remainingMs(): number {
    return this.deadlineAt === undefined ? Infinity : Math.max(0, this.deadlineAt - this.now());
  }

  /**
   * How long a step with its own limit of `ownTimeoutMs` may take now: that limit, or less if the
   * shutdown would otherwise overrun (keeping the reserve). Before a shutdown, `ownTimeoutMs`.
   */
  budget(ownTimeoutMs: number): number {
    if (this.deadlineAt === undefined) return ownTimeoutMs;
    return Math.max(0, Math.min(ownTimeoutMs, this.remainingMs() - this.reserveMs));
  }
}
