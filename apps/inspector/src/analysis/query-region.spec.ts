import { OtlpStatusCode } from '@cruddur/telemetry-wire';
import { makeSpan, spanIdOf, traceIdOf } from '../../test/span-fixtures';
import { TelemetryStore } from '../store/telemetry-store';
import { bubbleUp } from './bubble-up';
import { parseRegion, selectRegion } from './query-region';
import { parseSpanQuery } from './span-query';

/** 40 requests; the 10 slow ones all ran on instance "b" for user "worf". */
function store(): TelemetryStore {
  const result = new TelemetryStore();
  for (let i = 0; i < 40; i++) {
    const slow = i % 4 === 0;
    result.ingestSpans([
      makeSpan(
        {
          traceId: traceIdOf(i + 1),
          spanId: spanIdOf(i + 1),
          name: 'GET /api/activities/home',
          attributes: {
            'app.user_id': slow ? 'worf' : i % 2 ? 'andrewbrown' : 'data',
            'http.route': '/api/activities/home',
          },
          resource: {
            'service.name': 'gateway',
            'service.instance.id': slow ? 'b' : i % 3 ? 'a' : 'b',
          },
          status: { code: slow && i % 8 === 0 ? OtlpStatusCode.Error : OtlpStatusCode.Unset },
        },
        { startMs: i * 100, durationMs: slow ? 400 + i : 20 + i },
      ),
    ]);
  }
  return result;
}

const params = (text: string) => new URLSearchParams(text);

describe('heatmap regions and BubbleUp', () => {
  it('selects the spans of a region and ranks what sets them apart', () => {
    const query = parseSpanQuery(params(''), 1_700_000_100_000);
    const region = parseRegion(
      params(
        'field=duration_ms&regionFromMs=0&regionToMs=2000000000000&minValue=300&maxValue=1000',
      ),
    );
    const result = selectRegion(store(), query, region);
    expect(result.spanCount).toBe(10);
    expect(result.traceCount).toBe(10);
    expect(result.traces[0].durationMs).toBe(436);
    const keys = result.bubbleUp.dimensions.map((dimension) => dimension.key);
    expect(keys.slice(0, 2).sort()).toEqual(['app.user_id', 'service.instance.id']);
    const user = result.bubbleUp.dimensions.find((dimension) => dimension.key === 'app.user_id')!;
    expect(user.score).toBe(1);
    expect(user.values[0]).toEqual({ value: 'worf', selectionShare: 1, baselineShare: 0 });
    // Everything is the same route: the route explains nothing, so it is not listed.
    expect(keys).not.toContain('http.route');
  });

  it('selects "slower than P90" of the query', () => {
    const result = selectRegion(
      store(),
      parseSpanQuery(params('')),
      parseRegion(params('slowerThan=p90')),
    );
    expect(result.thresholdMs).toBe(420);
    expect(result.spanCount).toBe(4);
  });

  it('keeps the largest value of the top row only when the region reaches the top', () => {
    const query = parseSpanQuery(params(''));
    const region = (extra: string) =>
      parseRegion(
        params(`regionFromMs=0&regionToMs=2000000000000&minValue=436&maxValue=436${extra}`),
      );
    expect(selectRegion(store(), query, region('')).spanCount).toBe(0);
    expect(selectRegion(store(), query, region('&includeMax=true')).spanCount).toBe(1);
  });

  it('refuses a region it cannot read', () => {
    expect(() => parseRegion(params('minValue=1'))).toThrow(/regionFromMs must be a number/);
    expect(() => parseRegion(params('slowerThan=p42'))).toThrow(/slowerThan must be/);
  });

  it('skips fields unique to every span, which explain nothing', () => {
    const spans = Array.from({ length: 30 }, (_, i) =>
      makeSpan({
        traceId: traceIdOf(i + 1),
        spanId: spanIdOf(i + 1),
        attributes: { 'request.id': `r${i}` },
      }),
    );
    expect(
      bubbleUp(spans.slice(0, 25), spans.slice(25)).dimensions.map((d) => d.key),
    ).not.toContain('request.id');
  });
});
