import type { QueuedLogEvent } from './log-event-batches';

/** The queue's size limits: beyond either, the oldest events are dropped. */
export interface LogEventQueueLimits {
  maxEvents: number;
  maxBytes: number;
}

/**
 * Events waiting for CloudWatch Logs, oldest first, in bounded memory: past `maxEvents` or
 * `maxBytes` - counting the batch on its way, which `take` hands out and `settle` or
 * `returnToFront` gives back - the oldest waiting events are dropped and counted, so a long
 * outage costs a fixed amount of memory and the newest lines, the ones about the outage, survive.
 */
export class LogEventQueue {
  private items: QueuedLogEvent[] = [];
  private head = 0;
  private queuedBytes = 0;
  private droppedTotal = 0;
  private inFlightEvents = 0;
  private inFlightBytes = 0;

  constructor(private readonly limits: LogEventQueueLimits) {}

  get length(): number {
    return this.items.length - this.head;
  }

  get bytes(): number {
    return this.queuedBytes;
  }

  /** Events dropped because the queue was full, since start. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Adds an event at the end; returns how many old events that pushed out. */
  push(event: QueuedLogEvent): number {
    this.items.push(event);
    this.queuedBytes += event.size;
    return this.trim();
  }

  /** The queued events, oldest first, without removing them. */
  peek(): readonly QueuedLogEvent[] {
    if (this.head > 0) this.compact();
    return this.items;
  }

  /** Hands out the `count` oldest events to send; they count against the limits until settled. */
  take(count: number): QueuedLogEvent[] {
    const taken = this.items.slice(this.head, this.head + count);
    this.head += taken.length;
    for (const event of taken) {
      this.queuedBytes -= event.size;
      this.inFlightBytes += event.size;
    }
    this.inFlightEvents += taken.length;
    if (this.head > 1024 && this.head * 2 > this.items.length) this.compact();
    return taken;
  }

  /** The events `take` handed out were delivered (or refused for good): forget them. */
  settle(events: readonly QueuedLogEvent[]): void {
    this.inFlightEvents -= events.length;
    for (const event of events) this.inFlightBytes -= event.size;
  }

  /** Puts events that could not be sent back in front; returns how many were dropped to fit. */
  returnToFront(events: readonly QueuedLogEvent[]): number {
    this.settle(events);
    this.compact();
    this.items = [...events, ...this.items];
    for (const event of events) this.queuedBytes += event.size;
    return this.trim();
  }

  private trim(): number {
    let dropped = 0;
    while (
      this.length > 0 &&
      (this.length + this.inFlightEvents > this.limits.maxEvents ||
        this.queuedBytes + this.inFlightBytes > this.limits.maxBytes)
    ) {
      this.queuedBytes -= this.items[this.head].size;
      this.head++;
      dropped++;
    }
    this.droppedTotal += dropped;
    if (this.head > 1024 && this.head * 2 > this.items.length) this.compact();
    return dropped;
  }

  private compact(): void {
    this.items = this.items.slice(this.head);
    this.head = 0;
  }
}
