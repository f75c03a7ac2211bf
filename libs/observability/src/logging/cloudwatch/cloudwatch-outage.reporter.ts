import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { TRACER_NAME } from '../../tracing/tracing.constants';
import { describeError } from './cloudwatch-logs.shipper';

/** Names of the span and event that record a CloudWatch Logs outage in the service's trace data. */
export const CloudWatchOutageTelemetry = {
  SpanName: 'cloudwatch-logs.outage',
  DroppedEvent: 'log_events_dropped',
  LogGroup: 'cloudwatch.log_group',
  LogStream: 'cloudwatch.log_stream',
  DroppedEvents: 'cloudwatch.dropped_events',
  FailedAttempts: 'cloudwatch.failed_attempts',
  UndeliveredEvents: 'cloudwatch.undelivered_events',
} as const;

/** Writes one line about the outage (to the console and, when it is back, to CloudWatch). */
export type OutageLine = (
  level: 'warn' | 'info',
  message: string,
  fields: Record<string, unknown>,
) => void;

/**
 * Turns the ups and downs of delivery into one line when an outage starts and one when it ends
 * (with how many events were dropped meanwhile) - never one per failed batch or dropped line -
 * and records each outage as a span `cloudwatch-logs.outage` covering it, with a
 * `log_events_dropped` event carrying the count, so it can be found next to the traces.
 */
export class CloudWatchOutageReporter {
  private startedAt: number | undefined;
  private failedAttempts = 0;
  private droppedEvents = 0;
  private firstError = '';

  constructor(
    private readonly destination: string,
    private readonly maxQueuedEvents: number,
    private readonly line: OutageLine,
    private readonly group: string,
    private readonly stream: string,
  ) {}

  /** True between the first failure (or drop) and the next successful batch. */
  get inOutage(): boolean {
    return this.startedAt !== undefined;
  }

  failed(error: unknown): void {
    this.failedAttempts++;
    if (this.startedAt !== undefined) return;
    this.startedAt = Date.now();
    this.firstError = describeError(error);
    this.line(
      'warn',
      `CloudWatch Logs delivery to ${this.destination} failed (${this.firstError}); keeping up to ` +
        `${this.maxQueuedEvents} events and retrying with backoff, oldest dropped beyond that - ` +
        'requests are not affected',
      { [CloudWatchOutageTelemetry.LogGroup]: this.group },
    );
  }

  dropped(count: number): void {
    if (count <= 0) return;
    if (this.startedAt === undefined) {
      this.startedAt = Date.now();
      this.firstError = 'queue full';
      this.line(
        'warn',
        `CloudWatch Logs queue for ${this.destination} is full (${this.maxQueuedEvents} events); ` +
          'dropping the oldest until delivery catches up',
        { [CloudWatchOutageTelemetry.LogGroup]: this.group },
      );
    }
    this.droppedEvents += count;
  }

  /** A batch was stored: ends an outage, if there was one. */
  recovered(): void {
    if (this.startedAt === undefined) return;
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    this.line(
      this.droppedEvents ? 'warn' : 'info',
      `CloudWatch Logs delivery to ${this.destination} works again after ${seconds} s and ` +
        `${this.failedAttempts} failed attempt(s); ${this.droppedEvents} event(s) were dropped`,
      this.fields(),
    );
    this.endOutage(0);
  }

  /** The service is exiting: reports an outage still going on and what is left undelivered. */
  finish(undelivered: number): void {
    if (this.startedAt === undefined && undelivered === 0) return;
    this.startedAt ??= Date.now();
    this.line(
      'warn',
      `CloudWatch Logs delivery to ${this.destination} did not complete before exit ` +
        `(${this.firstError || 'flush timeout'}): ${this.droppedEvents} event(s) dropped, ` +
        `${undelivered} undelivered`,
      { ...this.fields(), [CloudWatchOutageTelemetry.UndeliveredEvents]: undelivered },
    );
    this.endOutage(undelivered);
  }

  private fields(): Record<string, unknown> {
    return {
      [CloudWatchOutageTelemetry.LogGroup]: this.group,
      [CloudWatchOutageTelemetry.DroppedEvents]: this.droppedEvents,
      [CloudWatchOutageTelemetry.FailedAttempts]: this.failedAttempts,
    };
  }

  private endOutage(undelivered: number): void {
    const span = trace.getTracer(TRACER_NAME).startSpan(
      CloudWatchOutageTelemetry.SpanName,
      {
        root: true,
        startTime: this.startedAt,
        attributes: {
          [CloudWatchOutageTelemetry.LogGroup]: this.group,
          [CloudWatchOutageTelemetry.LogStream]: this.stream,
          [CloudWatchOutageTelemetry.FailedAttempts]: this.failedAttempts,
          [CloudWatchOutageTelemetry.DroppedEvents]: this.droppedEvents,
          [CloudWatchOutageTelemetry.UndeliveredEvents]: undelivered,
        },
      },
      ROOT_CONTEXT,
    );
    if (this.droppedEvents > 0) {
      span.addEvent(CloudWatchOutageTelemetry.DroppedEvent, {
        [CloudWatchOutageTelemetry.DroppedEvents]: this.droppedEvents,
      });
    }
    span.setStatus({ code: SpanStatusCode.ERROR, message: this.firstError });
    span.end();
    this.startedAt = undefined;
    this.failedAttempts = 0;
    this.droppedEvents = 0;
    this.firstError = '';
  }
}
