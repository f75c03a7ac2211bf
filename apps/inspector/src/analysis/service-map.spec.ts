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

    const map = buildServiceMap(store);
    expect(map.edges).toEqual([
      { from: 'gateway', to: 'home-activities', count: 2, errorRate: 0, p90Ms: 8 },
      { from: 'gateway', to: 'notifications', count: 2, errorRate: 0.5, p90Ms: 15 },
    ]);
    expect(map.nodes).toEqual([
      { service: 'gateway', spanCount: 6, requests: 2, errorRate: 0, p90Ms: 20 },
      { service: 'home-activities', spanCount: 2, requests: 2, errorRate: 0, p90Ms: 5 },
      { service: 'notifications', spanCount: 2, requests: 2, errorRate: 0.5, p90Ms: 10 },
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
    expect(buildServiceMap(store).edges).toEqual([
      { from: 'gateway', to: 'home-activities', count: 1, errorRate: 1, p90Ms: 10 },
    ]);
  });
});
