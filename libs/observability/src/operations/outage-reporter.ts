/** One outage of a backend, from its first failure on; `Reason` is what the first failure said. */
export interface Outage<Reason = string> {
  /** When the first failure (or loss) came, in ms since the epoch. */
  readonly startedAt: number;
  /** Why, as the first failure said it. */
  readonly reason: Reason;
  /** Failures counted so far, the first included. */
  readonly failures: number;
  /** Units of work (spans, items, events) lost so far. */
  readonly lost: number;
}

/** An outage that has just ended. */
export interface EndedOutage<Reason = string> extends Outage<Reason> {
  /** From the first failure to the end, in ms. */
  readonly durationMs: number;
}

/** The two lines an outage is told in. */
export interface OutageLines<Reason = string> {
  /** Written once, when the outage starts: what failed and why. */
  down(outage: Outage<Reason>): void;
  /** Written once, on the first success after: how long it lasted and what it cost. */
  up(outage: EndedOutage<Reason>): void;
}

/**
 * Tells a backend's outage in two lines - one when the first failure comes, one when the first
 * success follows - however many failures come in between: those are only counted. A backend
 * that is down must cost a service two log lines, not one per batch, item or request.
 */
export class OutageReporter<Reason = string> {
  private outage: { -readonly [K in keyof Outage<Reason>]: Outage<Reason>[K] } | undefined;

  constructor(
    private readonly lines: OutageLines<Reason>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The outage under way, if there is one. */
  get current(): Outage<Reason> | undefined {
    return this.outage && { ...this.outage };
  }

  /** True between the first failure and the next success. */
  get inOutage(): boolean {
    return this.outage !== undefined;
  }

  /**
   * A failure, which lost `lost` units of work: starts an outage (and writes its first line)
   * unless one is under way. Returns true when it started one.
   */
  failed(reason: Reason, lost = 0): boolean {
    const started = this.start(reason);
    this.outage!.failures++;
    this.outage!.lost += lost;
    if (started) this.lines.down(this.current!);
    return started;
  }

  /**
   * Work lost without a failure of its own (a queue full while the backend is slow): starts an
   * outage for `reason` unless one is under way, with no failure counted.
   */
  dropped(count: number, reason: Reason): boolean {
    if (count <= 0) return false;
    const started = this.start(reason);
    this.outage!.lost += count;
    if (started) this.lines.down(this.current!);
    return started;
  }

  /** A success: ends the outage, if there is one, with its second line. */
  succeeded(): void {
    const ended = this.end();
    if (ended) this.lines.up(ended);
  }

  /** Ends the outage without its second line (the caller says something else); undefined if none. */
  end(): EndedOutage<Reason> | undefined {
    const outage = this.outage;
    if (!outage) return undefined;
    this.outage = undefined;
    return { ...outage, durationMs: this.now() - outage.startedAt };
  }

  private start(reason: Reason): boolean {
    if (this.outage) return false;
    this.outage = { startedAt: this.now(), reason, failures: 0, lost: 0 };
    return true;
  }
}
