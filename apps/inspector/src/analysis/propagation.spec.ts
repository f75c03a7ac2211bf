import { OtlpSpanKind } from '@cruddur/telemetry-wire';
import { makeSpan, traceIdOf } from '../../test/span-fixtures';
import { TelemetryStore } from '../store/telemetry-store';
import { buildTraceView } from './trace-view';

describe('the broken propagation detector', () => {
  const caller = traceIdOf(1);
  const callee = traceIdOf(2);

  function storeWithLostCall(): TelemetryStore {
    const store = new TelemetryStore();
    store.ingestSpans([
      makeSpan(
        {
          traceId: caller,
          spanId: 'c000000000000001',
          name: 'GET /api/activities/home',
          kind: OtlpSpanKind.Server,
        },
        { durationMs: 50 },
      ),
      // The gateway called home-activities, but the call carried no trace context.
      makeSpan(
        {
          traceId: caller,
          spanId: 'c000000000000002',
          parentSpanId: 'c000000000000001',
          name: 'home-activities/activities.home',
          kind: OtlpSpanKind.Client,
          attributes: { 'rpc.service': 'home-activities' },
        },
        { startMs: 5, durationMs: 30 },
      ),
      // An unrelated request of the same service at the same time, under another name.
      makeSpan(
        {
          traceId: traceIdOf(3),
          spanId: 'c000000000000009',
          name: 'other/thing',
          kind: OtlpSpanKind.Server,
          serviceName: 'home-activities',
        },
        { startMs: 6, durationMs: 3 },
      ),
    ]);
    store.ingestSpans([
      makeSpan(
        {
          traceId: callee,
          spanId: 'c000000000000003',
          name: 'home-activities/activities.home',
          kind: OtlpSpanKind.Server,
          serviceName: 'home-activities',
        },
        { startMs: 7, durationMs: 20 },
      ),
    ]);
    return store;
  }

  it('finds the call whose callee began a new trace, from both ends', () => {
    const store = storeWithLostCall();
    const callerIssues = buildTraceView(store, caller)!.propagationIssues;
    expect(callerIssues).toEqual([
      expect.objectContaining({
        kind: 'context-lost',
        spanId: 'c000000000000002',
        other: expect.objectContaining({ traceId: callee, spanId: 'c000000000000003' }),
      }),
    ]);
    expect(buildTraceView(store, callee)!.propagationIssues).toEqual([
      expect.objectContaining({
        kind: 'started-new-trace',
        other: expect.objectContaining({ traceId: caller, spanId: 'c000000000000002' }),
      }),
    ]);
    expect(buildTraceView(store, traceIdOf(3))!.propagationIssues).toEqual([]);
  });

  it('does not blame a call whose callee never reported at all', () => {
    const store = new TelemetryStore();
    store.ingestSpans([
      makeSpan({
        traceId: caller,
        spanId: 'c000000000000001',
        name: 'GET /',
        kind: OtlpSpanKind.Server,
      }),
      makeSpan({
        traceId: caller,
        spanId: 'c000000000000002',
        parentSpanId: 'c000000000000001',
        name: 'home-activities/x',
        kind: OtlpSpanKind.Client,
        attributes: { 'rpc.service': 'home-activities' },
      }),
    ]);
    expect(buildTraceView(store, caller)!.propagationIssues).toEqual([]);
  });

  it('names a parent that never arrived and X-Ray segments without spans (and the reverse)', () => {
    const store = new TelemetryStore();
    store.ingestSpans([
      makeSpan({
        traceId: caller,
        spanId: 'c000000000000005',
        parentSpanId: 'ffffffffffffffff',
        name: 'GET /x',
        kind: OtlpSpanKind.Server,
      }),
      makeSpan({
        traceId: caller,
        spanId: 'c000000000000006',
        parentSpanId: 'c000000000000005',
        name: 'GET /y',
        kind: OtlpSpanKind.Server,
      }),
    ]);
    const xrayId = `1-${caller.slice(0, 8)}-${caller.slice(8)}`;
    store.ingestXraySegments([
      { trace_id: xrayId, id: 'c000000000000005', name: 'gateway', start_time: 1, end_time: 2 },
      { trace_id: xrayId, id: 'dddddddddddddddd', name: 'gateway', start_time: 1, end_time: 2 },
    ]);
    const kinds = buildTraceView(store, caller)!.propagationIssues.map((issue) => [
      issue.kind,
      issue.spanId,
    ]);
    expect(kinds).toEqual([
      ['missing-parent', 'c000000000000005'],
      ['segment-without-span', undefined],
      ['span-without-segment', 'c000000000000006'],
    ]);
  });
});
