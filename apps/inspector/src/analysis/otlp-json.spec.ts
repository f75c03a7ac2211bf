import { decodeOtlpTraces } from '@cruddur/telemetry-wire';
import { healthTrace, traceIdOf } from '../../test/span-fixtures';
import { toOtlpJson } from './otlp-json';

describe('a trace as OTLP JSON', () => {
  it('decodes back into the same spans with the OTLP decoder the receiver uses', () => {
    const spans = healthTrace(traceIdOf(1)).map((span, index) => ({
      ...span,
      resource: { 'service.name': span.serviceName, 'service.instance.id': `i-${index % 2}` },
      attributes: { ...span.attributes, count: 3, ratio: 0.5, ok: true, tags: ['a', 'b'] },
      events: [
        {
          name: 'exception',
          timeUnixNano: span.startTimeUnixNano,
          attributes: { 'exception.message': 'boom' },
        },
      ],
    }));
    const body = new TextEncoder().encode(JSON.stringify(toOtlpJson(spans)));
    const decoded = decodeOtlpTraces(body, 'json');
    const key = (span: { spanId: string }) => span.spanId;
    expect(decoded.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      spans.sort((a, b) => key(a).localeCompare(key(b))),
    );
  });
});
