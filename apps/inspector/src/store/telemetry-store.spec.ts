import { OtlpStatusCode } from '@cruddur/telemetry-wire';
import { healthTrace, makeSpan, spanIdOf, traceIdOf } from '../../test/span-fixtures';
import { SCRUBBED } from './secret-scrubber';
import { TelemetryStore } from './telemetry-store';

describe('TelemetryStore', () => {
  it('groups spans by trace and summarizes each trace', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(1);
    const spans = healthTrace(traceId);
    store.ingestSpans(spans.slice(2));
    expect(store.summaryOf(store.trace(traceId)!)).toMatchObject({ partial: true, spanCount: 3 });

    store.ingestSpans(spans.slice(0, 2));
    expect(store.summaryOf(store.trace(traceId)!)).toEqual({
      traceId,
      rootName: 'GET /api/health',
      rootService: 'gateway',
      route: '/api/health',
      services: ['gateway', 'home-activities', 'notifications'],
      startMs: 1_700_000_000_000,
      durationMs: 20,
      spanCount: 5,
      errorCount: 0,
      user: 'andrewbrown',
      partial: false,
    });
  });

  it('evicts the oldest traces past maxTraces, and counts them', () => {
    const store = new TelemetryStore({ maxTraces: 3 });
    for (let n = 1; n <= 5; n++) store.ingestSpans(healthTrace(traceIdOf(n)));
    expect([...store.allTraces()].map((trace) => trace.traceId)).toEqual([
      traceIdOf(3),
      traceIdOf(4),
      traceIdOf(5),
    ]);
    expect(store.stats()).toMatchObject({
      traces: 3,
      spans: 15,
      evicted: { traces: 2, spans: 10 },
    });
  });

  it('evicts whole traces, oldest first, past maxSpans', () => {
    const store = new TelemetryStore({ maxSpans: 12 });
    for (let n = 1; n <= 4; n++) store.ingestSpans(healthTrace(traceIdOf(n)));
    expect(store.stats()).toMatchObject({
      traces: 2,
      spans: 10,
      evicted: { traces: 2, spans: 10 },
    });
    expect(store.trace(traceIdOf(1))).toBeUndefined();
    expect(store.trace(traceIdOf(4))?.spans).toHaveLength(5);
  });

  it('scrubs credential-named span attributes on the way in', () => {
    const store = new TelemetryStore();
    store.ingestSpans([
      makeSpan({
        traceId: traceIdOf(1),
        spanId: spanIdOf(1),
        attributes: {
          'http.request.header.authorization': 'Bearer abc',
          'http.request.header.cookie': 'session=1',
          'http.route': '/api',
        },
      }),
    ]);
    expect(store.trace(traceIdOf(1))!.spans[0].attributes).toEqual({
      'http.request.header.authorization': SCRUBBED,
      'http.request.header.cookie': SCRUBBED,
      'http.route': '/api',
    });
  });

  describe('log events', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const event = (message: string, extra = {}) => ({
      logGroupName: 'cruddur',
      logStreamName: 'notifications',
      timestamp: 1,
      message,
      ...extra,
    });

    it.each([
      ['a JSON trace_id', JSON.stringify({ message: 'hi', trace_id: traceId })],
      ['a nested JSON traceId', JSON.stringify({ message: 'hi', meta: { traceId } })],
      ['an X-Ray id', JSON.stringify({ xray_trace_id: '1-4bf92f35-77b34da6a3ce929d0e0e4736' })],
      ['text trace_id=', `Hello CloudWatch! trace_id=${traceId}`],
      ['a traceparent', `traceparent: 00-${traceId}-00f067aa0ba902b7-01 done`],
      ['an X-Amzn-Trace-Id', 'Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=53995c3f42cd8ad8'],
    ])('finds the trace in %s', (_how, message) => {
      const store = new TelemetryStore();
      store.ingestLogEvents([event(message)]);
      expect(store.logEventsOf(traceId).map((e) => e.message)).toEqual([message]);
    });

    it('takes an explicit trace id over the message, and keeps lines of no trace', () => {
      const store = new TelemetryStore();
      store.ingestLogEvents([event(`trace_id=${'1'.repeat(32)}`, { traceId }), event('plain')]);
      expect(store.logEventsOf(traceId)).toHaveLength(1);
      expect(store.recentLogEvents(10).map((e) => e.message)).toEqual([
        'plain',
        `trace_id=${'1'.repeat(32)}`,
      ]);
    });

    it('keeps at most maxLogEvents, evicting (and counting) the oldest', () => {
      const store = new TelemetryStore({ maxLogEvents: 2 });
      store.ingestLogEvents([event('one', { traceId }), event('two', { traceId }), event('three')]);
      expect(store.logEventsOf(traceId).map((e) => e.message)).toEqual(['two']);
      expect(store.stats()).toMatchObject({ logEvents: 2, evicted: { logEvents: 1 } });
    });
  });

  describe('Rollbar items', () => {
    it('stores the item with its trace, title and level, and no secret', () => {
      const store = new TelemetryStore();
      const record = store.ingestRollbarItem({
        data: {
          level: 'error',
          environment: 'development',
          uuid: 'c0ffee00-0000-4000-8000-000000000000',
          body: { trace: { exception: { class: 'TypeError', message: 'x is undefined' } } },
          custom: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' },
          request: { headers: { Authorization: 'Bearer abc', 'X-Rollbar-Access-Token': 'tok' } },
          access_token: 'post_server_item_token',
        },
      });
      expect(record).toMatchObject({
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        title: 'TypeError: x is undefined',
        level: 'error',
        environment: 'development',
        uuid: 'c0ffee00-0000-4000-8000-000000000000',
      });
      const stored = JSON.stringify(store.rollbarItemsOf(record.traceId!));
      expect(stored).not.toMatch(/Bearer abc|post_server_item_token|"tok"/);
    });

    it('evicts the oldest past maxRollbarItems', () => {
      const store = new TelemetryStore({ maxRollbarItems: 1 });
      store.ingestRollbarItem({ data: { body: { message: { body: 'first' } } } });
      store.ingestRollbarItem({ data: { body: { message: { body: 'second' } } } });
      expect(store.recentRollbarItems(5).map((item) => item.title)).toEqual(['second']);
      expect(store.stats().evicted.rollbarItems).toBe(1);
    });
  });

  it('maps X-Ray trace ids onto the OpenTelemetry ones and skips segments without one', () => {
    const store = new TelemetryStore({ maxXraySegments: 1 });
    const segment = {
      trace_id: '1-4bf92f35-77b34da6a3ce929d0e0e4736',
      id: '53995c3f42cd8ad8',
      name: 'gateway',
      start_time: 1,
    };
    expect(store.ingestXraySegments([segment, { ...segment, trace_id: 'nope' }])).toBe(1);
    expect(store.xraySegmentsOf('4bf92f3577b34da6a3ce929d0e0e4736')).toHaveLength(1);
    store.ingestXraySegments([{ ...segment, id: '53995c3f42cd8ad9' }]);
    expect(store.stats()).toMatchObject({ xraySegments: 1, evicted: { xraySegments: 1 } });
  });

  it('counts error spans', () => {
    const store = new TelemetryStore();
    const spans = healthTrace(traceIdOf(1));
    spans[4].status = { code: OtlpStatusCode.Error, message: 'boom' };
    store.ingestSpans(spans);
    expect(store.summaryOf(store.trace(traceIdOf(1))!).errorCount).toBe(1);
  });
});
