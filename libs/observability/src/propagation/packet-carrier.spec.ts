import { ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { InMemoryTracing } from '@cruddur/testing';
import { extractFromPacket, injectIntoPacket, readPacketHeaders } from './packet-carrier';

describe('packet carrier', () => {
  let tracing: InMemoryTracing;

  beforeAll(() => {
    tracing = InMemoryTracing.install();
  });
  afterAll(() => tracing.uninstall());

  it('writes the active trace context and baggage into packet headers and reads them back', () => {
    const span = trace.getTracer('spec').startSpan('caller');
    const baggage = propagation.createBaggage({ 'app.user_id': { value: 'andrewbrown' } });
    const active = propagation.setBaggage(trace.setSpan(ROOT_CONTEXT, span), baggage);

    const packet = context.with(active, () =>
      injectIntoPacket({ pattern: 'activities.home', data: {} }),
    );

    expect(packet.pattern).toBe('activities.home');
    expect(packet.headers.traceparent).toBe(
      `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`,
    );
    expect(packet.headers.baggage).toBe('app.user_id=andrewbrown');

    const extracted = extractFromPacket(JSON.parse(JSON.stringify(packet)));
    expect(trace.getSpanContext(extracted)).toMatchObject({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      isRemote: true,
    });
    expect(propagation.getBaggage(extracted)?.getEntry('app.user_id')?.value).toBe('andrewbrown');
    span.end();
  });

  it('keeps headers the packet already had', () => {
    const packet = injectIntoPacket(
      { pattern: 'p', headers: { 'x-request-id': 'abc' } },
      ROOT_CONTEXT,
    );
    expect(packet.headers).toEqual({ 'x-request-id': 'abc' });
  });

  it.each([
    ['no packet', undefined],
    ['a string packet', 'garbage'],
    ['an array packet', [1, 2]],
    ['headers that are not an object', { headers: 'traceparent' }],
    ['headers that are an array', { headers: ['00-abc'] }],
    ['a traceparent that is a number', { headers: { traceparent: 7 } }],
    ['a malformed traceparent', { headers: { traceparent: '00-xyz-abc-01' } }],
    [
      'an all-zero trace id',
      { headers: { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' } },
    ],
  ])('yields the base context for %s', (_case, packet) => {
    const extracted = extractFromPacket(packet);
    expect(trace.getSpanContext(extracted)).toBeUndefined();
  });

  it('drops non-string, oversized and surplus header entries', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`h${i}`, 'v']));
    expect(Object.keys(readPacketHeaders({ headers: many }))).toHaveLength(16);
    expect(readPacketHeaders({ headers: { big: 'x'.repeat(9000), ok: 'y', n: 1, o: {} } })).toEqual(
      {
        ok: 'y',
      },
    );
    expect(readPacketHeaders({ headers: { TraceParent: 'v' } })).toEqual({ traceparent: 'v' });
  });
});
