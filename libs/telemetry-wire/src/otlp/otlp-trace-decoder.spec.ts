import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { OtlpDecodeError, decodeOtlpTraces, otlpEncodingOf } from './otlp-trace-decoder';
import { OtlpSpanKind, OtlpStatusCode } from './decoded-span';

describe('decodeOtlpTraces', () => {
  const exporter = new InMemorySpanExporter();
  const tracer = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: exporter })],
  }).getTracer('spec-scope', '1.2.3');

  /** Two real SDK spans, parent and child, with attributes of every type, an event and an error. */
  function recordSpans() {
    exporter.reset();
    const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER });
    const child = tracer.startSpan(
      'child',
      {
        kind: SpanKind.CLIENT,
        attributes: { s: 'text', i: 42, d: 1.5, b: true, list: ['a', 'b'] },
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    child.addEvent('retry', { attempt: 2 });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    child.end();
    parent.end();
    return exporter.getFinishedSpans();
  }

  it.each([
    ['protobuf', () => ProtobufTraceSerializer.serializeRequest(recordSpans())!],
    ['json', () => JsonTraceSerializer.serializeRequest(recordSpans())!],
  ] as const)('decodes what the OpenTelemetry %s serializer writes', (encoding, serialize) => {
    const body = serialize();
    const spans = decodeOtlpTraces(body, encoding);
    const sdk = exporter.getFinishedSpans();
    const parent = spans.find((span) => span.name === 'parent')!;
    const child = spans.find((span) => span.name === 'child')!;

    expect(parent.traceId).toBe(sdk[0].spanContext().traceId);
    expect(parent.parentSpanId).toBeUndefined();
    expect(child.parentSpanId).toBe(parent.spanId);
    expect(parent.kind).toBe(OtlpSpanKind.Server);
    expect(child.kind).toBe(OtlpSpanKind.Client);
    expect(child.attributes).toEqual({ s: 'text', i: 42, d: 1.5, b: true, list: ['a', 'b'] });
    expect(child.events).toEqual([
      expect.objectContaining({ name: 'retry', attributes: { attempt: 2 } }),
    ]);
    expect(child.status).toEqual({ code: OtlpStatusCode.Error, message: 'boom' });
    expect(child.scope).toEqual({ name: 'spec-scope', version: '1.2.3' });
    expect(child.durationMs).toBeGreaterThanOrEqual(0);
    expect(typeof child.serviceName).toBe('string');
  });

  it.each([
    ['protobuf', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])],
    ['json', Buffer.from('{"resourceSpans": ')],
    ['json', Buffer.from('[1,2]')],
    ['json', Buffer.from('{"resourceSpans": 5}')],
    [
      'json',
      Buffer.from(
        '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"xyz","spanId":"00f067aa0ba902b7"}]}]}]}',
      ),
    ],
  ] as const)('rejects a malformed %s body with a clear error', (encoding, body) => {
    expect(() => decodeOtlpTraces(body, encoding)).toThrow(OtlpDecodeError);
  });

  const span = (fields: object) =>
    Buffer.from(
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                    spanId: '00f067aa0ba902b7',
                    ...fields,
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
  it.each([
    [
      'a non-integer time',
      span({ startTimeUnixNano: '1.5' }),
      /startTimeUnixNano must be an integer/,
    ],
    ['a negative time', span({ endTimeUnixNano: -3 }), /endTimeUnixNano must be an integer/],
    ['an object time', span({ startTimeUnixNano: { n: 1 } }), /startTimeUnixNano/],
    [
      'spans as an object',
      Buffer.from('{"resourceSpans":[{"scopeSpans":[{"spans":{"a":1}}]}]}'),
      /spans must be an array/,
    ],
    [
      'scopeSpans as a string',
      Buffer.from('{"resourceSpans":[{"scopeSpans":"x"}]}'),
      /scopeSpans must be an array/,
    ],
    [
      'a span that is a number',
      Buffer.from('{"resourceSpans":[{"scopeSpans":[{"spans":[7]}]}]}'),
      /must be an object/,
    ],
    ['attributes as an object', span({ attributes: { a: 1 } }), /attributes must be an array/],
    ['events as a string', span({ events: 'x' }), /events must be an array/],
    [
      'resource as a number',
      Buffer.from('{"resourceSpans":[{"resource":{"attributes":5}}]}'),
      /attributes must be an array/,
    ],
    ['an attribute that is null', span({ attributes: [null] }), /malformed OTLP trace export/],
  ])('rejects %s with an OtlpDecodeError that says what is wrong', (_case, body, reason) => {
    expect(() => decodeOtlpTraces(body, 'json')).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpTraces(body, 'json')).toThrow(reason);
  });

  it('recognises the OTLP content types', () => {
    expect(otlpEncodingOf('application/x-protobuf')).toBe('protobuf');
    expect(otlpEncodingOf('application/json; charset=utf-8')).toBe('json');
    expect(otlpEncodingOf('text/plain')).toBeUndefined();
    expect(otlpEncodingOf(undefined)).toBeUndefined();
  });
});
