import { OtlpStatusCode } from '@cruddur/telemetry-wire';
import { healthTrace, makeSpan, spanIdOf, traceIdOf } from '../../test/span-fixtures';
import { HttpError } from '../http/http-error';
import { TelemetryStore } from '../store/telemetry-store';
import { figures, parseLatencyQuery, runLatencyQuery } from './latency-query';

const query = (text: string) => parseLatencyQuery(new URLSearchParams(text), 1_700_000_100_000);

describe('latency queries', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, shuffled order
    expect(figures(values, 3)).toEqual({
      count: 100,
      errorCount: 3,
      p50: 50,
      p90: 90,
      p99: 99,
      maxMs: 100,
    });
    expect(figures([], 0)).toMatchObject({ count: 0, p90: 0 });
  });

  it('counts and ranks spans grouped by service, with a heatmap holding every span', () => {
    const store = new TelemetryStore();
    for (let n = 0; n < 10; n++)
      store.ingestSpans(healthTrace(traceIdOf(n + 1), 1_700_000_000_000 + n * 1000));
    const result = runLatencyQuery(store, query('groupBy=service&columns=10'));
    expect(result.count).toBe(50);
    expect(result.groups.map((group) => [group.key, group.count])).toEqual([
      ['gateway', 30],
      ['home-activities', 10],
      ['notifications', 10],
    ]);
    const gateway = result.groups[0];
    expect(gateway).toMatchObject({ p50: 15, p90: 20, p99: 20, maxMs: 20 });
    expect(gateway.series.reduce((sum, point) => sum + point.count, 0)).toBe(30);
    expect(result.heatmap.cells.flat().reduce((sum, count) => sum + count, 0)).toBe(50);
    expect(result.heatmap.rowEdgesMs[0]).toBe(5);
  });

  it('filters by route, user, status, attribute and root-only; groups by user', () => {
    const store = new TelemetryStore();
    store.ingestSpans(healthTrace(traceIdOf(1), undefined, 'andrewbrown'));
    const failing = healthTrace(traceIdOf(2), undefined, 'worf');
    failing[3].status = { code: OtlpStatusCode.Error };
    store.ingestSpans(failing);
    expect(
      runLatencyQuery(store, query('rootOnly=true&groupBy=user')).groups.map((g) => g.key),
    ).toEqual(['andrewbrown', 'worf']);
    expect(runLatencyQuery(store, query('route=/api/health')).count).toBe(2);
    expect(runLatencyQuery(store, query('user=worf')).count).toBe(5);
    expect(runLatencyQuery(store, query('status=error')).count).toBe(1);
    expect(runLatencyQuery(store, query('attr=rpc.service=notifications')).count).toBe(2);
    expect(runLatencyQuery(store, query('attr=rpc.service')).count).toBe(4);
    expect(runLatencyQuery(store, query('minDurationMs=10')).count).toBe(6);
  });

  it('keeps the time window', () => {
    const store = new TelemetryStore();
    store.ingestSpans([makeSpan({ traceId: traceIdOf(1), spanId: spanIdOf(1) })]);
    store.ingestSpans([
      makeSpan({ traceId: traceIdOf(2), spanId: spanIdOf(2) }, { baseMs: 1_700_000_090_000 }),
    ]);
    expect(runLatencyQuery(store, query('sinceMinutes=1')).count).toBe(1);
  });

  it.each([
    ['groupBy=colour', /groupBy must be one of/],
    ['rootOnly=maybe', /rootOnly must be true or false/],
    ['columns=1', /columns must be/],
    ['status=fine', /status must be ok or error/],
    ['minDurationMs=-1', /minDurationMs must be a number/],
    ['attr==x', /attr must be key/],
  ])('refuses %s with a 400 naming it', (text, message) => {
    expect(() => query(text)).toThrow(HttpError);
    expect(() => query(text)).toThrow(message);
  });
});
