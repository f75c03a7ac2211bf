import { OtlpStatusCode } from '@cruddur/telemetry-wire';
import { healthTrace, makeSpan, spanIdOf, traceIdOf } from '../../test/span-fixtures';
import { HttpError } from '../http/http-error';
import { TelemetryStore } from '../store/telemetry-store';
import { figures } from './percentiles';
import { heatmapRowEdges, parseSpanQuery, rowOf, runSpanQuery } from './span-query';

const query = (text: string) => parseSpanQuery(new URLSearchParams(text), 1_700_000_100_000);

function tenHealthTraces(): TelemetryStore {
  const store = new TelemetryStore();
  for (let n = 0; n < 10; n++) {
    store.ingestSpans(
      healthTrace(traceIdOf(n + 1), 1_700_000_000_000 + n * 1000, n % 2 ? 'worf' : 'andrewbrown'),
    );
  }
  return store;
}

describe('span queries (Honeycomb model)', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
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

  it('runs the default calculations grouped by service, with a heatmap holding every span', () => {
    const result = runSpanQuery(tenHealthTraces(), query('groupBy=service&columns=10'));
    expect(result.groupBy).toBe('service.name');
    expect(result.count).toBe(50);
    expect(result.groups.map((group) => [group.key, group.count])).toEqual([
      ['gateway', 30],
      ['home-activities', 10],
      ['notifications', 10],
    ]);
    expect(result.groups[0].values).toMatchObject({
      COUNT: 30,
      'P50(duration_ms)': 15,
      'P90(duration_ms)': 20,
      'MAX(duration_ms)': 20,
    });
    expect(result.groups[0].series.reduce((sum, point) => sum + point.count, 0)).toBe(30);
    const heatmap = result.heatmap!;
    expect(heatmap.cells.flat().reduce((sum, count) => sum + count, 0)).toBe(50);
    expect(heatmap.rowEdges[0]).toBe(5);
    // The top label is the largest value, and the top row holds it.
    expect(heatmap.maxValue).toBe(20);
    expect(heatmap.cells.some((column) => column[15] > 0)).toBe(true);
  });

  it('computes COUNT_DISTINCT, AVG, SUM, MIN, P95 over any numeric attribute, grouped by any attribute', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(1);
    store.ingestSpans(
      [200, 200, 500, 404].map((status, i) =>
        makeSpan({
          traceId,
          spanId: spanIdOf(i + 1),
          attributes: {
            'http.response.status_code': status,
            'app.user_id': i < 2 ? 'a' : 'b',
            region: i % 2 ? 'eu' : 'us',
          },
        }),
      ),
    );
    const result = runSpanQuery(
      store,
      query(
        'groupBy=region&calcs=COUNT,COUNT_DISTINCT(app.user_id),AVG(http.response.status_code),SUM(http.response.status_code),MIN(http.response.status_code),P95(http.response.status_code),HEATMAP(http.response.status_code)',
      ),
    );
    expect(result.totals).toEqual({
      COUNT: 4,
      'COUNT_DISTINCT(app.user_id)': 2,
      'AVG(http.response.status_code)': 326,
      'SUM(http.response.status_code)': 1304,
      'MIN(http.response.status_code)': 200,
      'P95(http.response.status_code)': 500,
    });
    expect(
      result.groups.map((group) => [group.key, group.values['AVG(http.response.status_code)']]),
    ).toEqual([
      ['eu', 302],
      ['us', 350],
    ]);
    expect(result.heatmap).toMatchObject({
      field: 'http.response.status_code',
      minValue: 200,
      maxValue: 500,
    });
    // AVG of a field no span has is no value, not 0.
    expect(runSpanQuery(store, query('calcs=AVG(nope)')).totals).toEqual({ 'AVG(nope)': null });
  });

  it('filters with where conditions, route, user, status, time range and root-only', () => {
    const store = new TelemetryStore();
    store.ingestSpans(healthTrace(traceIdOf(1), undefined, 'andrewbrown'));
    const failing = healthTrace(traceIdOf(2), undefined, 'worf');
    failing[3].status = { code: OtlpStatusCode.Error };
    store.ingestSpans(failing);
    const count = (text: string) => runSpanQuery(store, query(text)).count;
    expect(
      runSpanQuery(store, query('rootOnly=true&groupBy=user')).groups.map((g) => g.key),
    ).toEqual(['andrewbrown', 'worf']);
    expect(count('route=/api/health')).toBe(2);
    expect(count('user=worf')).toBe(5);
    expect(count('status=error')).toBe(1);
    expect(count('where=rpc.service=notifications')).toBe(2);
    expect(count('where=rpc.service exists')).toBe(4);
    expect(count('where=rpc.service !exists')).toBe(6);
    expect(count('where=duration_ms>=10, service.name=gateway')).toBe(4);
    expect(count('where=duration_ms>8 and duration_ms<20')).toBe(4);
    expect(count('where=status_code=error')).toBe(1);
    expect(count('attr=rpc.service')).toBe(4);
    expect(count('minDurationMs=10')).toBe(6);
    expect(count('fromMs=1700000000003&toMs=1700000000004')).toBe(2);
  });

  it('keeps the time window', () => {
    const store = new TelemetryStore();
    store.ingestSpans([makeSpan({ traceId: traceIdOf(1), spanId: spanIdOf(1) })]);
    store.ingestSpans([
      makeSpan({ traceId: traceIdOf(2), spanId: spanIdOf(2) }, { baseMs: 1_700_000_090_000 }),
    ]);
    expect(runSpanQuery(store, query('sinceMinutes=1')).count).toBe(1);
  });

  it('puts every value in the row whose lower edge it reaches', () => {
    const edges = heatmapRowEdges(1, 1000, 3);
    expect(edges.map((edge) => Math.round(edge))).toEqual([1, 10, 100]);
    expect([1, 9.9, 10, 999, 1000].map((value) => rowOf(edges, value))).toEqual([0, 0, 1, 2, 2]);
    expect(heatmapRowEdges(-10, 10, 4)).toEqual([-10, -5, 0, 5]);
  });

  it.each([
    ['groupBy=a b', /groupBy must be one field/],
    ['rootOnly=maybe', /rootOnly must be true or false/],
    ['columns=1', /columns must be/],
    ['status=fine', /status must be ok or error/],
    ['minDurationMs=-1', /minDurationMs must be a number/],
    ['calcs=MEDIAN(x)', /calcs: cannot read "MEDIAN\(x\)"/],
    ['calcs=P90', /P90 needs a field/],
    ['where=duration_ms>fast', /duration_ms> needs a number/],
    ['where=>5', /cannot read/],
    ['caller=gateway', /caller and callee go together/],
  ])('refuses %s with a 400 naming it', (text, message) => {
    expect(() => query(text)).toThrow(HttpError);
    expect(() => query(text)).toThrow(message);
  });
});
