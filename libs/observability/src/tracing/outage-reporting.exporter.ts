import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { describeError } from '../operations/describe-error';
import { OutageReporter } from '../operations/outage-reporter';

/** Where the exporter says that the backend went away or came back. */
export type OutageLog = (message: string) => void;

/**
 * Wraps a span exporter so that a backend that is down is reported once when it goes away and once
 * when it comes back, with the number of batches lost in between - not once per batch. The SDK's
 * own behaviour is the other extreme: silence, unless OTEL_LOG_LEVEL turns on every diagnostic.
 */
export class OutageReportingSpanExporter implements SpanExporter {
  private lostSpans = 0;
  private readonly outage: OutageReporter;

  constructor(
    private readonly inner: SpanExporter,
    destination: string,
    log: OutageLog,
  ) {
    this.outage = new OutageReporter({
      down: ({ reason }) =>
        log(
          `trace export to ${destination} failed (${reason}); ` +
            'spans are dropped until it answers again - requests are not affected',
        ),
      up: ({ failures }) =>
        log(`trace export to ${destination} works again after ${failures} failed batch(es)`),
    });
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        this.outage.succeeded();
      } else {
        this.lostSpans += spans.length;
        this.outage.failed(describeError(result.error), spans.length);
      }
      resultCallback(result);
    });
  }

  /** How many spans were dropped because export failed, since start. */
  get droppedSpans(): number {
    return this.lostSpans;
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
