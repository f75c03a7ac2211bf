import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** Where the exporter says that the backend went away or came back. */
export type OutageLog = (message: string) => void;

/**
 * Wraps a span exporter so that a backend that is down is reported once when it goes away and once
 * when it comes back, with the number of batches lost in between - not once per batch. The SDK's
 * own behaviour is the other extreme: silence, unless OTEL_LOG_LEVEL turns on every diagnostic.
 */
export class OutageReportingSpanExporter implements SpanExporter {
  private failedBatches = 0;
  private lostSpans = 0;

  constructor(
    private readonly inner: SpanExporter,
    private readonly destination: string,
    private readonly log: OutageLog,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        this.reportRecovery();
      } else {
        this.reportFailure(spans.length, result.error);
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

  private reportFailure(spanCount: number, error: Error | undefined): void {
    this.lostSpans += spanCount;
    if (this.failedBatches++ === 0) {
      this.log(
        `trace export to ${this.destination} failed (${describe(error)}); ` +
          'spans are dropped until it answers again - requests are not affected',
      );
    }
  }

  private reportRecovery(): void {
    if (this.failedBatches === 0) return;
    this.log(
      `trace export to ${this.destination} works again after ${this.failedBatches} failed batch(es)`,
    );
    this.failedBatches = 0;
  }
}

function describe(error: Error | undefined): string {
  if (!error) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
