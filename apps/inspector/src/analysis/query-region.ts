import type { DecodedSpan } from '@cruddur/telemetry-wire';
import { HttpError } from '../http/http-error';
import type { TelemetryStore, TraceSummary } from '../store/telemetry-store';
import { bubbleUp } from './bubble-up';
import type { BubbleUpResult } from './bubble-up';
import { nearestRank } from './percentiles';
import { matchingSpans, numericField } from './span-query';
import type { SpanQuery } from './span-query';

/**
 * The spans picked out of a query's: a heatmap region (a time range and a value range of one
 * field), or "slower than the query's P90/P95/P99" of duration.
 */
export type QueryRegion =
  | {
      field: string;
      fromMs: number;
      toMs: number;
      minValue: number;
      maxValue: number;
      /** The region's top row is the heatmap's: its largest value is inside. */
      includeMax: boolean;
    }
  | { slowerThan: 'p50' | 'p90' | 'p95' | 'p99' };

/** The traces of a region and why its spans differ from the rest. */
export interface RegionResult {
  spanCount: number;
  traceCount: number;
  /** The threshold "slower than" used, in ms. */
  thresholdMs?: number;
  /** The slowest traces of the region first, at most `limit`. */
  traces: TraceSummary[];
  bubbleUp: BubbleUpResult;
}

/** Reads a region: field, regionFromMs, regionToMs, minValue, maxValue, includeMax, or slowerThan. */
export function parseRegion(params: URLSearchParams): QueryRegion {
  const slower = params.get('slowerThan');
  if (slower !== null) {
    if (slower !== 'p50' && slower !== 'p90' && slower !== 'p95' && slower !== 'p99') {
      throw new HttpError(400, 'slowerThan must be p50, p90, p95 or p99');
    }
    return { slowerThan: slower };
  }
  const number = (name: string) => {
    const raw = params.get(name);
    const value = Number(raw);
    if (raw === null || raw.trim() === '' || !Number.isFinite(value)) {
      throw new HttpError(
        400,
        `${name} must be a number (a heatmap region needs field, regionFromMs, regionToMs, minValue and maxValue), got ${JSON.stringify(raw)}`,
      );
    }
    return value;
  };
  const field = params.get('field')?.trim() || 'duration_ms';
  return {
    field,
    fromMs: number('regionFromMs'),
    toMs: number('regionToMs'),
    minValue: number('minValue'),
    maxValue: number('maxValue'),
    includeMax: params.get('includeMax') === 'true',
  };
}

/** Splits a query's spans into the region and the rest, and answers with both. */
export function selectRegion(
  store: TelemetryStore,
  query: SpanQuery,
  region: QueryRegion,
  limit = 100,
): RegionResult {
  const { spans, starts } = matchingSpans(store, query);
  const selected: DecodedSpan[] = [];
  const rest: DecodedSpan[] = [];
  let thresholdMs: number | undefined;
  if ('slowerThan' in region) {
    const sorted = Float64Array.from(spans.map((span) => span.durationMs)).sort();
    thresholdMs = nearestRank(sorted, Number(region.slowerThan.slice(1)) / 100);
    for (const span of spans) (span.durationMs > thresholdMs ? selected : rest).push(span);
  } else {
    for (let i = 0; i < spans.length; i++) {
      const value = numericField(spans[i], region.field);
      const inside =
        value !== undefined &&
        starts[i] >= region.fromMs &&
        starts[i] < region.toMs &&
        value >= region.minValue &&
        (value < region.maxValue || (region.includeMax && value <= region.maxValue));
      (inside ? selected : rest).push(spans[i]);
    }
  }
  const traceIds = new Set(selected.map((span) => span.traceId));
  const traces: TraceSummary[] = [];
  for (const traceId of traceIds) {
    const trace = store.trace(traceId);
    if (trace) traces.push(store.summaryOf(trace));
  }
  traces.sort((a, b) => b.durationMs - a.durationMs);
  return {
    spanCount: selected.length,
    traceCount: traceIds.size,
    ...(thresholdMs !== undefined ? { thresholdMs } : {}),
    traces: traces.slice(0, limit),
    bubbleUp: bubbleUp(selected, rest),
  };
}
