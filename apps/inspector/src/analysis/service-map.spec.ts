import { OtlpSpanKind, OtlpStatusCode } from '@cruddur/telemetry-wire';
import { healthTrace, makeSpan, traceIdOf } from '../../test/span-fixtures';
import { TelemetryStore } from '../store/telemetry-store';
import { buildServiceMap } from './service-map';

describe('the service map', () => {
  it('draws an edge per caller and callee service, with count, error rate and the caller-side P90', () => {
    const store = new TelemetryStore();
    store.ingestSpans(healthTrace(traceIdOf(1)));
    const failing = healthTrace(traceIdOf(2));
    failing[4].status = { code: OtlpStatusCode.Error };
    store.ingestSpans(failing);

    // Two minutes after the spans: the rate is per minute over the window since the first.
    const map = buildServiceMap(store, undefined, 1_700_000_120_000);
    const request = { kind: 'request', ratePerMinute: 1 };
    expect(map.edges).toEqual([
      { from: 'gateway', to: 'home-activities', ...request, count: 2, errorRate: 0, p90Ms: 8 },
      { from: 'gateway', to: 'notifications', ...request, count: 2, errorRate: 0.5, p90Ms: 15 },
    ]);
    const heard = { lastHeardMs: 1_700_000_000_020, instances: [] };
    expect(map.nodes).toEqual([
      { service: 'gateway', spanCount: 6, requests: 2, errorRate: 0, p90Ms: 20, ...heard },
      {
        service: 'home-activities',
        spanCount: 2,
        requests: 2,
        errorRate: 0,
        p90Ms: 5,
        lastHeardMs: 1_700_000_000_008,
        instances: [],
      },
      {
        service: 'notifications',
        spanCount: 2,
        requests: 2,
        errorRate: 0.5,
        p90Ms: 10,
        lastHeardMs: 1_700_000_000_014,
        instances: [],
      },
    ]);
  });

  it('shows a call whose callee never reported as an edge to the peer it named', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(3);
    store.ingestSpans([
      makeSpan({
        traceId,
        spanId: 'c000000000000001',
        name: 'GET /api/activities/home',
        kind: OtlpSpanKind.Server,
      }),
      makeSpan({
        traceId,
        spanId: 'c000000000000002',
        parentSpanId: 'c000000000000001',
        name: 'home-activities/activities.home',
        kind: OtlpSpanKind.Client,
        attributes: { 'rpc.service': 'home-activities' },
        status: { code: OtlpStatusCode.Error, message: 'connect ECONNREFUSED' },
      }),
    ]);
    expect(buildServiceMap(store, undefined, 1_700_000_060_000).edges).toEqual([
      {
        from: 'gateway',
        to: 'home-activities',
        kind: 'request',
        ratePerMinute: 1,
        count: 1,
        errorRate: 1,
        p90Ms: 10,
      },
    ]);
  });

  it('keeps events apart from requests, and names the replicas of each service', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(4);
    const instance = (id: string) => ({
      'service.name': 'notifications',
      'service.instance.id': id,
    });
    store.ingestSpans([
      makeSpan({
        traceId,
        spanId: 'e000000000000001',
        name: 'POST /api/activities',
        kind: OtlpSpanKind.Server,
      }),
      makeSpan({
        traceId,
        spanId: 'e000000000000002',
        parentSpanId: 'e000000000000001',
        name: 'notifications/activity.created',
        kind: OtlpSpanKind.Producer,
      }),
      makeSpan({
        traceId,
        spanId: 'e000000000000003',
        parentSpanId: 'e000000000000002',
        name: 'activity.created',
        kind: OtlpSpanKind.Consumer,
        serviceName: 'notifications',
        resource: instance('b'),
      }),
      makeSpan({
        traceId,
        spanId: 'e000000000000004',
        parentSpanId: 'e000000000000001',
        name: 'notifications/list',
        kind: OtlpSpanKind.Client,
      }),
      makeSpan({
        traceId,
        spanId: 'e000000000000005',
        parentSpanId: 'e000000000000004',
        name: 'notifications/list',
        kind: OtlpSpanKind.Server,
        serviceName: 'notifications',
        resource: instance('a'),
      }),
    ]);
    const map = buildServiceMap(store);
    expect(map.edges.map((edge) => [edge.from, edge.to, edge.kind, edge.count])).toEqual([
      ['gateway', 'notifications', 'event', 1],
      ['gateway', 'notifications', 'request', 1],
    ]);
    expect(map.nodes.find((node) => node.service === 'notifications')?.instances).toEqual([
      'a',
      'b',
    ]);
  });
});
