import type { DecodedSpan } from '@cruddur/telemetry-wire';
import { HttpError } from '../http/http-error';
import type { TelemetryStore } from '../store/telemetry-store';
import { isErrorSpan, routeOf, startMsOf, userOf } from './span-fields';
import { parseTelemetryFilter, spanMatches } from './telemetry-filter';
import type { TelemetryFilter } from './telemetry-filter';

/** What a query can group spans by. */
export const GROUP_BY = ['none', 'service', 'route', 'user', 'name', 'trace'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A Honeycomb-like query over stored spans: COUNT, P50/P90/P99 and HEATMAP(duration_ms). */
export interface LatencyQuery {
  filter: TelemetryFilter;
  /** @default 'none' */
  groupBy: GroupBy;
  /** Only spans without a parent (one per request). @default false */
  rootOnly: boolean;
  /** Time columns of the heatmap and of each group's series. @default 40 */
  columns: number;
  /** Groups returned, largest first; the rest are summed into "(other)". @default 20 */
  maxGroups: number;
}

/** Count and latency figures of a set of spans. */
export interface LatencyFigures {
  count: number;
  errorCount: number;
  p50: number;
  p90: number;
  p99: number;
  maxMs: number;
}

export interface QueryGroup extends LatencyFigures {
  key: string;
  /** Per time column: how many spans and their P90 (0 when none). */
  series: Array<{ count: number; p90: number }>;
}

export interface LatencyQueryResult extends LatencyFigures {
  groupBy: GroupBy;
  /** From the first to the last matching span's start, ms since the epoch (0 when none matched). */
  fromMs: number;
  toMs: number;
  columnMs: number;
  groups: QueryGroup[];
  heatmap: {
    /** Lower edges of the latency rows in ms (log-spaced), ascending; the last row is open. */
    rowEdgesMs: number[];
    /** cells[column][row]: spans in that time column and latency row. */
    cells: number[][];
    maxCell: number;
  };
}

const HEATMAP_ROWS = 16;

/**
 * Reads a query from parameters: the filter's (see parseTelemetryFilter), groupBy, rootOnly
 * (true/false), columns (2-200).
 */
export function parseLatencyQuery(params: URLSearchParams, now = Date.now()): LatencyQuery {
  const groupBy = (params.get('groupBy') || 'none') as GroupBy;
  if (!GROUP_BY.includes(groupBy)) {
    throw new HttpError(400, `groupBy must be one of ${GROUP_BY.join(', ')}`);
  }
  const rootOnly = params.get('rootOnly') ?? 'false';
  if (rootOnly !== 'true' && rootOnly !== 'false') {
    throw new HttpError(400, 'rootOnly must be true or false');
  }
  const columns = Number(params.get('columns') ?? 40);
  if (!Number.isInteger(columns) || columns < 2 || columns > 200) {
    throw new HttpError(400, 'columns must be a whole number from 2 to 200');
  }
  return {
    filter: parseTelemetryFilter(params, now),
    groupBy,
    rootOnly: rootOnly === 'true',
    columns,
    maxGroups: 20,
  };
}

/** Runs a query over every stored span. */
export function runLatencyQuery(store: TelemetryStore, query: LatencyQuery): LatencyQueryResult {
  const durations: number[] = [];
  const starts: number[] = [];
  const keys: string[] = [];
  const errors: boolean[] = [];
  let fromMs = Infinity;
  let toMs = -Infinity;
  let shortest = Infinity;
  let longest = 0;
  for (const trace of store.allTraces()) {
    for (const span of trace.spans) {
      if (query.rootOnly && span.parentSpanId) continue;
      const start = startMsOf(span);
      if (!spanMatches(span, query.filter, start)) continue;
      durations.push(span.durationMs);
      starts.push(start);
      keys.push(groupKey(span, query.groupBy));
      errors.push(isErrorSpan(span));
      if (start < fromMs) fromMs = start;
      if (start > toMs) toMs = start;
      if (span.durationMs < shortest) shortest = span.durationMs;
      if (span.durationMs > longest) longest = span.durationMs;
    }
  }
  const count = durations.length;
  if (count === 0) {
    return {
      groupBy: query.groupBy,
      ...figures([], 0),
      fromMs: 0,
      toMs: 0,
      columnMs: 0,
      groups: [],
      heatmap: { rowEdgesMs: [], cells: [], maxCell: 0 },
    };
  }
  const columnMs = Math.max(1, Math.ceil((toMs - fromMs + 1) / query.columns));
  const columnOf = (start: number) =>
    Math.min(query.columns - 1, Math.floor((start - fromMs) / columnMs));

  // Groups: indexes of their spans, largest groups first.
  const members = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const list = members.get(keys[i]);
    if (list) list.push(i);
    else members.set(keys[i], [i]);
  }
  const ranked = [...members.entries()].sort((a, b) => b[1].length - a[1].length);
  if (ranked.length > query.maxGroups) {
    const rest = ranked.splice(query.maxGroups - 1).flatMap(([, indexes]) => indexes);
    ranked.push(['(other)', rest]);
  }
  const groups = ranked.map(([key, indexes]): QueryGroup => {
    const columns: number[][] = Array.from({ length: query.columns }, () => []);
    let errorCount = 0;
    for (const i of indexes) {
      columns[columnOf(starts[i])].push(durations[i]);
      if (errors[i]) errorCount++;
    }
    return {
      key,
      ...figures(
        indexes.map((i) => durations[i]),
        errorCount,
      ),
      series: columns.map((values) => ({ count: values.length, p90: figures(values, 0).p90 })),
    };
  });

  const minDuration = Math.max(0.01, shortest);
  const maxDuration = Math.max(minDuration * 1.0001, longest);
  const ratio = Math.pow(maxDuration / minDuration, 1 / HEATMAP_ROWS);
  const rowEdgesMs = Array.from({ length: HEATMAP_ROWS }, (_, row) => minDuration * ratio ** row);
  const cells = Array.from({ length: query.columns }, () =>
    new Array<number>(HEATMAP_ROWS).fill(0),
  );
  let maxCell = 0;
  for (let i = 0; i < count; i++) {
    const row =
      durations[i] <= minDuration
        ? 0
        : Math.min(
            HEATMAP_ROWS - 1,
            Math.floor(Math.log(durations[i] / minDuration) / Math.log(ratio)),
          );
    const column = cells[columnOf(starts[i])];
    column[row]++;
    if (column[row] > maxCell) maxCell = column[row];
  }
  const errorCount = errors.filter(Boolean).length;
  return {
    groupBy: query.groupBy,
    ...figures(durations, errorCount),
    fromMs,
    toMs,
    columnMs,
    groups,
    heatmap: { rowEdgesMs, cells, maxCell },
  };
}

function groupKey(span: DecodedSpan, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'none':
      return 'all spans';
    case 'service':
      return span.serviceName;
    case 'route':
      return routeOf(span);
    case 'user':
      return userOf(span) ?? '(no user)';
    case 'name':
      return span.name;
    case 'trace':
      return span.traceId;
  }
}

/**
 * Count, errors and nearest-rank percentiles of `durations`. Sorted as a Float64Array: a typed
 * array sorts numerically without a comparator call per comparison, several times faster at
 * 100,000 spans.
 */
export function figures(durations: readonly number[], errorCount: number): LatencyFigures {
  if (durations.length === 0) return { count: 0, errorCount, p50: 0, p90: 0, p99: 0, maxMs: 0 };
  const values = Float64Array.from(durations).sort();
  const rank = (q: number) => values[Math.max(0, Math.ceil(q * values.length) - 1)];
  return {
    count: values.length,
    errorCount,
    p50: rank(0.5),
    p90: rank(0.9),
    p99: rank(0.99),
    maxMs: values[values.length - 1],
  };
}
