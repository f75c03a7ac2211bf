import { healthTrace, makeSpan, traceIdOf } from '../../test/span-fixtures';
import { TelemetryStore } from '../store/telemetry-store';
import { buildTraceView } from './trace-view';

describe('the trace page', () => {
  it('orders spans depth first, siblings by start, with offsets from the trace start', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(1);
    store.ingestSpans(healthTrace(traceId).reverse());
    const view = buildTraceView(store, traceId)!;
    expect(view.xrayTraceId).toBe(`1-${traceId.slice(0, 8)}-${traceId.slice(8)}`);
    expect(view.spans.map((span) => [span.depth, span.service, span.offsetMs])).toEqual([
      [0, 'gateway', 0],
      [1, 'gateway', 2],
      [2, 'home-activities', 3],
      [1, 'gateway', 2],
      [2, 'notifications', 4],
    ]);
    expect(view.spans[0]).toMatchObject({
      kind: 'server',
      status: { code: 'unset' },
      missingParent: false,
    });
  });

  it('shows orphans and parent cycles instead of losing them', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(2);
    store.ingestSpans([
      makeSpan({
        traceId,
        spanId: 'd000000000000001',
        parentSpanId: 'ffffffffffffffff',
        name: 'orphan',
      }),
      makeSpan({
        traceId,
        spanId: 'd000000000000002',
        parentSpanId: 'd000000000000003',
        name: 'loop a',
      }),
      makeSpan({
        traceId,
        spanId: 'd000000000000003',
        parentSpanId: 'd000000000000002',
        name: 'loop b',
      }),
    ]);
    const view = buildTraceView(store, traceId)!;
    expect(view.spans.map((span) => span.name).sort()).toEqual(['loop a', 'loop b', 'orphan']);
    expect(view.spans.find((span) => span.name === 'orphan')!.missingParent).toBe(true);
  });

  it('has a page for a trace known only from its logs, and none for an unknown id', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(3);
    store.ingestLogEvents([
      { logGroupName: 'g', logStreamName: 's', timestamp: 1, message: 'm', traceId },
    ]);
    expect(buildTraceView(store, traceId)).toMatchObject({
      spans: [],
      logLines: [{ message: 'm', service: 's' }],
    });
    expect(buildTraceView(store, traceIdOf(4))).toBeUndefined();
  });

  it('keeps the last version of an X-Ray segment sent twice (in progress, then closed)', () => {
    const store = new TelemetryStore();
    const segment = {
      trace_id: '1-4bf92f35-77b34da6a3ce929d0e0e4736',
      id: '53995c3f42cd8ad8',
      name: 'gw',
      start_time: 1,
    };
    store.ingestXraySegments([{ ...segment, in_progress: true }]);
    store.ingestXraySegments([{ ...segment, end_time: 2 }]);
    const view = buildTraceView(store, '4bf92f3577b34da6a3ce929d0e0e4736')!;
    expect(view.xraySegments.map((record) => record.document)).toEqual([
      { ...segment, end_time: 2 },
    ]);
  });
});
