import { Variables } from '@cruddur/contracts';
import TransportStream from 'winston-transport';
import type { Logform } from 'winston';
import { MESSAGE } from '../log-line.formats';
import type { CloudWatchOutageReporter } from './cloudwatch-outage.reporter';
import { describeError } from '../../operations/describe-error';
import { isPermanentBatchError } from './cloudwatch-logs.shipper';
import type { CloudWatchLogsShipper } from './cloudwatch-logs.shipper';
import {
  PUT_LOG_EVENTS_BATCH_LIMITS,
  chronological,
  fitLogEvent,
  nextBatchLength,
} from './log-event-batches';
import { LogEventQueue } from './log-event.queue';

/** How the transport queues, batches and retries. */
export interface CloudWatchLogsTransportOptions {
  shipper: CloudWatchLogsShipper;
  outage: CloudWatchOutageReporter;
  /** Warnings that are not outages (a batch CloudWatch refused for good). */
  warn: (message: string) => void;
  /** @default CLOUDWATCH_FLUSH_INTERVAL_MS's default (1000) */
  flushIntervalMs?: number;
  /** @default CLOUDWATCH_MAX_QUEUED_EVENTS's default (10000) */
  maxQueuedEvents?: number;
  /** @default CLOUDWATCH_MAX_QUEUED_BYTES's default (16 MiB) */
  maxQueuedBytes?: number;
  /** Larger events are truncated with a marker. @default CLOUDWATCH_MAX_EVENT_BYTES's (1,048,576) */
  maxEventBytes?: number;
  /** First wait after a failed batch; doubles per failure. @default 500 */
  initialBackoffMs?: number;
  /** @default 30000 */
  maxBackoffMs?: number;
  /** winston level for this transport. @default the logger's */
  level?: string;
  format?: Logform.Format;
}

/** What the transport has done, for tests and diagnostics. */
export interface CloudWatchLogsTransportStats {
  queued: number;
  queuedBytes: number;
  sentEvents: number;
  sentBatches: number;
  /** Dropped because the queue was full. */
  droppedEvents: number;
  /** Refused by CloudWatch for good (malformed batch, too old or too new). */
  rejectedEvents: number;
  failedAttempts: number;
}

/**
 * A winston transport that ships each line to one CloudWatch Logs stream. `log` only appends to a
 * bounded in-memory queue and returns at once, so a slow or absent CloudWatch never slows or
 * fails the code that logs. A timer (unref'd) sends batches that obey every PutLogEvents rule, one
 * at a time; a batch that fails goes back to the queue and is retried with exponential backoff
 * (on top of the SDK's own retries). `flushAndClose` delivers what is queued within a time bound.
 *
 * Why not winston-cloudwatch itself: its 6.3 upload loop sends more than 10,000 events in one
 * batch, never checks the 24 h span, cuts large events by characters without a marker (calling
 * back twice), keeps an unbounded queue while the group cannot be found and loses the batch after
 * three immediate retries otherwise, reports every failure on each tick, keeps its state in
 * module-level maps shared by every instance, and (with jsonMessage) writes multi-line JSON.
 */
export class CloudWatchLogsTransport extends TransportStream {
  private readonly queue: LogEventQueue;
  private readonly shipper: CloudWatchLogsShipper;
  private readonly outage: CloudWatchOutageReporter;
  private readonly warn: (message: string) => void;
  private readonly maxEventBytes: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly abort = new AbortController();
  private sending: Promise<void> | undefined;
  private retryAt = 0;
  private consecutiveFailures = 0;
  private closing: Promise<CloudWatchLogsTransportStats> | undefined;
  private readonly counts = { sentEvents: 0, sentBatches: 0, rejectedEvents: 0, failedAttempts: 0 };
  private warnedPermanent = false;

  constructor(options: CloudWatchLogsTransportOptions) {
    super({ level: options.level, format: options.format });
    this.shipper = options.shipper;
    this.outage = options.outage;
    this.warn = options.warn;
    this.maxEventBytes = options.maxEventBytes ?? Variables.CLOUDWATCH_MAX_EVENT_BYTES.fallback;
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.queue = new LogEventQueue({
      maxEvents: options.maxQueuedEvents ?? Variables.CLOUDWATCH_MAX_QUEUED_EVENTS.fallback,
      maxBytes: options.maxQueuedBytes ?? Variables.CLOUDWATCH_MAX_QUEUED_BYTES.fallback,
    });
    this.timer = setInterval(
      () => this.sendIfDue(),
      options.flushIntervalMs ?? Variables.CLOUDWATCH_FLUSH_INTERVAL_MS.fallback,
    );
    this.timer.unref();
  }

  override log(info: Logform.TransformableInfo, next: () => void): void {
    const line = (info as Record<symbol, unknown>)[MESSAGE];
    if (typeof line === 'string' && line.length > 0 && !this.closing) {
      const event = fitLogEvent(line, timestampOf(info.timestamp), this.maxEventBytes);
      this.outage.dropped(this.queue.push(event));
      // A full batch is waiting: send it now rather than at the next tick, to keep memory low.
      if (this.fullBatchWaiting()) setImmediate(() => this.sendIfDue());
    }
    next();
  }

  get stats(): CloudWatchLogsTransportStats {
    return {
      queued: this.queue.length,
      queuedBytes: this.queue.bytes,
      droppedEvents: this.queue.dropped,
      ...this.counts,
    };
  }

  /** Sends what is queued now (unless a batch is on its way or a retry is not yet due). */
  flush(): Promise<void> {
    this.sendIfDue(true, true);
    return this.sending ?? Promise.resolve();
  }

  /**
   * Stops accepting lines and sends every queued event, retrying failures quickly, for at most
   * `timeoutMs`; then gives up (aborting a call in flight) and reports what was not delivered.
   * winston-cloudwatch calls this `kthxbye`.
   */
  flushAndClose(timeoutMs: number): Promise<CloudWatchLogsTransportStats> {
    this.closing ??= this.drainUntil(Date.now() + timeoutMs);
    return this.closing;
  }

  /** winston calls this when the transport is removed or the logger closes. */
  override close(): void {
    void this.flushAndClose(0);
  }

  private sendIfDue(ignoreBackoff = false, untilEmpty = false): void {
    if (this.sending || this.queue.length === 0) return;
    if (!ignoreBackoff && Date.now() < this.retryAt) return;
    this.sending = this.sendAll(untilEmpty).finally(() => (this.sending = undefined));
  }

  /**
   * Sends one batch - then more, back to back, only while full batches are waiting (or, with
   * `untilEmpty`, until the queue is empty) - and stops at a failure. One call per flush interval
   * otherwise: lines that arrive while a batch is on its way wait for the next tick, so a steady
   * trickle costs one PutLogEvents a second, not one per round trip (the account's quota is 5000
   * calls a second per region, shared by every stream).
   */
  private async sendAll(untilEmpty = false): Promise<void> {
    for (let first = true; this.queue.length > 0; first = false) {
      if (!first && !untilEmpty && !this.fullBatchWaiting()) return;
      const batch = this.queue.take(nextBatchLength(this.queue.peek()));
      try {
        const result = await this.shipper.put(chronological(batch), this.abort.signal);
        this.queue.settle(batch);
        this.counts.sentBatches++;
        this.counts.sentEvents += batch.length - result.rejected;
        this.counts.rejectedEvents += result.rejected;
        this.consecutiveFailures = 0;
        this.retryAt = 0;
        this.outage.recovered();
      } catch (error) {
        if (isPermanentBatchError(error)) {
          this.queue.settle(batch);
          this.counts.rejectedEvents += batch.length;
          if (!this.warnedPermanent) {
            this.warnedPermanent = true;
            this.warn(
              `CloudWatch Logs refused a batch of ${batch.length} event(s) for good ` +
                `(${describeError(error)}); they are dropped`,
            );
          }
          continue;
        }
        this.counts.failedAttempts++;
        this.outage.dropped(this.queue.returnToFront(batch));
        this.outage.failed(error);
        this.consecutiveFailures++;
        const backoff = Math.min(
          this.maxBackoffMs,
          this.initialBackoffMs * 2 ** (this.consecutiveFailures - 1),
        );
        this.retryAt = Date.now() + backoff * (0.5 + Math.random() / 2);
        return;
      }
    }
  }

  private fullBatchWaiting(): boolean {
    return (
      this.queue.length >= PUT_LOG_EVENTS_BATCH_LIMITS.maxBatchEvents ||
      this.queue.bytes >= PUT_LOG_EVENTS_BATCH_LIMITS.maxBatchBytes
    );
  }

  private async drainUntil(deadline: number): Promise<CloudWatchLogsTransportStats> {
    clearInterval(this.timer);
    const giveUp = setTimeout(() => this.abort.abort(), Math.max(0, deadline - Date.now()));
    try {
      await this.sending?.catch(() => undefined);
      while (this.queue.length > 0 && Date.now() < deadline && !this.abort.signal.aborted) {
        this.sending = this.sendAll(true);
        await this.sending;
        this.sending = undefined;
        if (this.queue.length > 0) {
          // Failed: try again soon, but not in a tight loop.
          await new Promise((resolve) =>
            setTimeout(resolve, Math.min(200, Math.max(0, deadline - Date.now()))),
          );
        }
      }
    } finally {
      clearTimeout(giveUp);
    }
    this.outage.finish(this.queue.length);
    return this.stats;
  }
}

/** The record's time in epoch ms: winston's ISO `timestamp`, a number, or now. */
function timestampOf(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? Date.now() : parsed;
}
