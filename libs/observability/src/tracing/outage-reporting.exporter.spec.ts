import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { OutageReportingSpanExporter } from './outage-reporting.exporter';

/** A backend whose health the spec switches. */
class SwitchableExporter implements SpanExporter {
  healthy = true;
  export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    done(
      this.healthy
        ? { code: ExportResultCode.SUCCESS }
        : {
            code: ExportResultCode.FAILED,
            error: Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }),
          },
    );
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const batch = (size: number) => Array.from({ length: size }, () => ({}) as ReadableSpan);

describe('OutageReportingSpanExporter', () => {
  it('says once when export starts failing and once when it works again, counting the loss', () => {
    const backend = new SwitchableExporter();
    const log: string[] = [];
    const exporter = new OutageReportingSpanExporter(backend, 'http://otlp:4318/v1/traces', (m) =>
      log.push(m),
    );
    const results: ExportResultCode[] = [];
    const send = (size: number) =>
      exporter.export(batch(size), (result) => results.push(result.code));

    send(3);
    backend.healthy = false;
    send(2);
    send(5);
    send(1);
    expect(log).toEqual([
      'trace export to http://otlp:4318/v1/traces failed (ECONNREFUSED: connect refused); spans are dropped until it answers again - requests are not affected',
    ]);
    backend.healthy = true;
    send(4);
    send(4);

    expect(log).toHaveLength(2);
    expect(log[1]).toBe(
      'trace export to http://otlp:4318/v1/traces works again after 3 failed batch(es)',
    );
    expect(exporter.droppedSpans).toBe(8);
    // The SDK still sees every result as it was.
    expect(results).toEqual([0, 1, 1, 1, 0, 0]);
  });
});
