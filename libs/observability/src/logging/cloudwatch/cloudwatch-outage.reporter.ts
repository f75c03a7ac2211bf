import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { TRACER_NAME } from '../../tracing/tracing.constants';
import { describeError } from '../../operations/describe-error';
import { OutageReporter } from '../../operations/outage-reporter';
import type { EndedOutage, Outage } from '../../operations/outage-reporter';

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

/** Why an outage started when the queue overflowed before any batch failed. */
const QUEUE_FULL = 'queue full';

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
  private readonly outage: OutageReporter;

  constructor(
    private readonly destination: string,
    private readonly maxQueuedEvents: number,
    private readonly line: OutageLine,
    private readonly group: string,
    private readonly stream: string,
  ) {
    this.outage = new OutageReporter({
      down: (outage) => this.started(outage),
      up: (outage) => this.ended(outage),
    });
  }

  /** True between the first failure (or drop) and the next successful batch. */
  get inOutage(): boolean {
    return this.outage.inOutage;
  }

  failed(error: unknown): void {
    this.outage.failed(describeError(error));
  }

  dropped(count: number): void {
    this.outage.dropped(count, QUEUE_FULL);
  }

  /** A batch was stored: ends an outage, if there was one. */
  recovered(): void {
    this.outage.succeeded();
  }

  /** The service is exiting: reports an outage still going on and what is left undelivered. */
  finish(undelivered: number): void {
    const outage = this.outage.end();
    if (outage === undefined && undelivered === 0) return;
    const ended = outage ?? {
      startedAt: Date.now(),
      reason: '',
      failures: 0,
      lost: 0,
      durationMs: 0,
    };
    this.line(
      'warn',
      `CloudWatch Logs delivery to ${this.destination} did not complete before exit ` +
        `(${ended.reason || 'flush timeout'}): ${ended.lost} event(s) dropped, ` +
        `${undelivered} undelivered`,
      { ...this.fields(ended), [CloudWatchOutageTelemetry.UndeliveredEvents]: undelivered },
    );
    this.recordSpan(ended, undelivered);
  }

  private started(outage: Outage): void {
    const fields = { [CloudWatchOutageTelemetry.LogGroup]: this.group };
    if (outage.failures === 0) {
      // Started by a drop, not a failure: delivery is slower than logging.
      this.line(
        'warn',
        `CloudWatch Logs queue for ${this.destination} is full (${this.maxQueuedEvents} events); ` +
          'dropping the oldest until delivery catches up',
        fields,
      );
      return;
    }
    this.line(
      'warn',
      `CloudWatch Logs delivery to ${this.destination} failed (${outage.reason}); keeping up to ` +
        `${this.maxQueuedEvents} events and retrying with backoff, oldest dropped beyond that - ` +
        'requests are not affected',
      fields,
    );
  }

  private ended(outage: EndedOutage): void {
    const seconds = (outage.durationMs / 1000).toFixed(1);
    this.line(
      outage.lost ? 'warn' : 'info',
      `CloudWatch Logs delivery to ${this.destination} works again after ${seconds} s and ` +
        `${outage.failures} failed attempt(s); ${outage.lost} event(s) were dropped`,
      this.fields(outage),
    );
    this.recordSpan(outage, 0);
  }

  private fields(outage: Outage): Record<string, unknown> {
    return {
      [CloudWatchOutageTelemetry.LogGroup]: this.group,
      [CloudWatchOutageTelemetry.DroppedEvents]: outage.lost,
      [CloudWatchOutageTelemetry.FailedAttempts]: outage.failures,
    };
  }

  private recordSpan(outage: Outage, undelivered: number): void {
    const span = trace.getTracer(TRACER_NAME).startSpan(
      CloudWatchOutageTelemetry.SpanName,
      {
        root: true,
        startTime: outage.startedAt,
        attributes: {
          [CloudWatchOutageTelemetry.LogGroup]: this.group,
          [CloudWatchOutageTelemetry.LogStream]: this.stream,
          [CloudWatchOutageTelemetry.FailedAttempts]: outage.failures,
          [CloudWatchOutageTelemetry.DroppedEvents]: outage.lost,
          [CloudWatchOutageTelemetry.UndeliveredEvents]: undelivered,
        },
      },
      ROOT_CONTEXT,
    );
    if (outage.lost > 0) {
      span.addEvent(CloudWatchOutageTelemetry.DroppedEvent, {
        [CloudWatchOutageTelemetry.DroppedEvents]: outage.lost,
      });
    }
    span.setStatus({ code: SpanStatusCode.ERROR, message: outage.reason });
    span.end();
  }
}
