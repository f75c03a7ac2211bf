import { ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { InMemoryTracing } from '@cruddur/testing';
import { extractFromPacket, injectIntoPacket, readPacketHeaders } from './packet-carrier';

describe('packet carrier', () => {
  let tracing: InMemoryTracing;

  beforeAll(() => {
    tracing = InMemoryTracing.install();
  });
  afterAll(() => tracing.uninstall());

  function callerContext() {
    const span = trace.getTracer('spec').startSpan('caller');
    const baggage = propagation.createBaggage({ 'app.user_id': { value: 'andrewbrown' } });
    return { span, active: propagation.setBaggage(trace.setSpan(ROOT_CONTEXT, span), baggage) };
  }

  it("writes the active trace context and baggage into Nest's packet metadata and reads them back", () => {
    const { span, active } = callerContext();
    const packet = context.with(active, () =>
      injectIntoPacket({ pattern: 'activities.home', data: {} }),
    );

    expect(packet.pattern).toBe('activities.home');
    expect(packet).not.toHaveProperty('headers');
    expect(packet.metadata.traceparent).toBe(
      `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`,
    );
    expect(packet.metadata.baggage).toBe('app.user_id=andrewbrown');

    const extracted = extractFromPacket(JSON.parse(JSON.stringify(packet)));
    expect(trace.getSpanContext(extracted)).toMatchObject({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      isRemote: true,
    });
    expect(propagation.getBaggage(extracted)?.getEntry('app.user_id')?.value).toBe('andrewbrown');
    span.end();
  });

  it('assigns metadata on the packet it is given, as a dispatch hook must', () => {
    const packet: { pattern: string; data: object; metadata?: Record<string, string> } = {
      pattern: 'p',
      data: {},
    };
    injectIntoPacket(packet, ROOT_CONTEXT);
    expect(packet.metadata).toEqual({});
  });

  it('keeps metadata the packet already had', () => {
    const packet = injectIntoPacket(
      { pattern: 'p', metadata: { 'x-request-id': 'abc' } },
      ROOT_CONTEXT,
    );
    expect(packet.metadata).toEqual({ 'x-request-id': 'abc' });
  });

  it("reads the previous release's headers field, so a rolling upgrade keeps one trace", () => {
    const { span, active } = callerContext();
    const headers: Record<string, string> = {};
    propagation.inject(active, headers);
    const extracted = extractFromPacket({ pattern: 'p', data: {}, id: '1', headers });
    expect(trace.getSpanContext(extracted)?.spanId).toBe(span.spanContext().spanId);
    span.end();
  });

  it('prefers metadata over the legacy headers field when a packet has both', () => {
    const older = callerContext();
    const newer = callerContext();
    const legacy: Record<string, string> = {};
    const metadata: Record<string, string> = {};
    propagation.inject(older.active, legacy);
    propagation.inject(newer.active, metadata);
    const extracted = extractFromPacket({ headers: legacy, metadata });
    expect(trace.getSpanContext(extracted)?.spanId).toBe(newer.span.spanContext().spanId);
  });

  it.each([
    ['no packet', undefined],
    ['a string packet', 'garbage'],
    ['an array packet', [1, 2]],
    ['metadata that is not an object', { metadata: 'traceparent' }],
    ['metadata that is an array', { metadata: ['00-abc'] }],
    ['metadata that is null', { metadata: null }],
    ['a traceparent that is a number', { metadata: { traceparent: 7 } }],
    ['a traceparent that is an object', { metadata: { traceparent: { toString: 'x' } } }],
    ['a malformed traceparent', { metadata: { traceparent: '00-xyz-abc-01' } }],
    ['a megabyte traceparent', { metadata: { traceparent: `00-${'a'.repeat(1 << 20)}` } }],
    [
      'an all-zero trace id',
      { metadata: { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' } },
    ],
    ['legacy headers that are not an object', { headers: 'traceparent' }],
  ])('yields the base context for %s', (_case, packet) => {
    const extracted = extractFromPacket(packet);
    expect(trace.getSpanContext(extracted)).toBeUndefined();
  });

  it('drops non-string, oversized and surplus entries, and looks at only the first ones', () => {
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`h${i}`, 'v']));
    expect(Object.keys(readPacketHeaders({ metadata: many }))).toHaveLength(16);
    expect(
      readPacketHeaders({ metadata: { big: 'x'.repeat(9000), ok: 'y', n: 1, o: {} } }),
    ).toEqual({ ok: 'y' });
    expect(readPacketHeaders({ metadata: { TraceParent: 'v' } })).toEqual({ traceparent: 'v' });
  });

  it('never pollutes a prototype with __proto__ or constructor keys', () => {
    const hostile = JSON.parse(
      '{"metadata":{"__proto__":{"polluted":"yes"},"constructor":"x","traceparent":"nope"},' +
        '"headers":{"__proto__":"x"}}',
    ) as unknown;
    const read = readPacketHeaders(hostile);
    expect(read.constructor).toBe('x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(trace.getSpanContext(extractFromPacket(hostile))).toBeUndefined();
  });
});
