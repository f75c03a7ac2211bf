import type { DecodedSpan } from '@cruddur/telemetry-wire';
import { HttpError } from '../http/http-error';
import type { TelemetryStore } from '../store/telemetry-store';
import { nearestRank } from './percentiles';
import { fieldOf, startMsOf } from './span-fields';
import { parseTelemetryFilter, spanMatches } from './telemetry-filter';
import type { TelemetryFilter } from './telemetry-filter';

/** Honeycomb's calculations. */
export const CALC_OPS = [
  'COUNT',
  'COUNT_DISTINCT',
  'AVG',
  'SUM',
  'MIN',
  'MAX',
  'P50',
  'P75',
  'P90',
  'P95',
  'P99',
  'HEATMAP',
] as const;
export type CalcOp = (typeof CALC_OPS)[number];

/** One calculation: `COUNT`, or an op over a field (`P90(duration_ms)`). */
export interface Calculation {
  op: CalcOp;
  /** The field (see fieldOf); absent for COUNT. */
  field?: string;
  /** As written back: `P90(duration_ms)`. */
  label: string;
}

/** A query over stored spans, Honeycomb's model: WHERE (the filter), GROUP BY, calculations. */
export interface SpanQuery {
  filter: TelemetryFilter;
  calcs: Calculation[];
  /** A field to group by (any attribute, resource attribute or derived field), or 'none'. */
  groupBy: string;
  /** Only spans without a parent (one per request). @default false */
  rootOnly: boolean;
  /** Time columns of the heatmap and of each group's series. @default 40 */
  columns: number;
  /** Groups returned, largest first; the rest are summed into "(other)". @default 20 */
  maxGroups: number;
}

/** A HEATMAP's cells. */
export interface Heatmap {
  field: string;
  /** Lower edges of the value rows, ascending (log-spaced when every value is positive). */
  rowEdges: number[];
  /** cells[column][row]: spans in that time column and value row. */
  cells: number[][];
  maxCell: number;
  minValue: number;
  /** The largest value: the top row holds values up to and including it. */
  maxValue: number;
}

export interface QueryGroup {
  key: string;
  count: number;
  /** Each calculation's value (by label); null when it has no value (AVG of nothing). */
  values: Record<string, number | null>;
  /** Spans per time column. */
  series: Array<{ count: number }>;
}

export interface SpanQueryResult {
  groupBy: string;
  calcs: Calculation[];
  count: number;
  totals: Record<string, number | null>;
  /** From the first to the last matching span's start, ms since the epoch (0 when none matched). */
  fromMs: number;
  toMs: number;
  columnMs: number;
  groups: QueryGroup[];
  /** The first HEATMAP calculation's, if one was asked for. */
  heatmap?: Heatmap;
}

/** The old page's names for common groupings, still accepted. */
const GROUP_ALIASES: Record<string, string> = {
  service: 'service.name',
  trace: 'trace.trace_id',
};

const DEFAULT_CALCS =
  'COUNT,P50(duration_ms),P90(duration_ms),P99(duration_ms),MAX(duration_ms),HEATMAP(duration_ms)';
const HEATMAP_ROWS = 16;
const CALC = /^([a-z_0-9]+)\s*(?:\(\s*([^()]*?)\s*\))?$/i;

/** Reads `COUNT, P90(duration_ms), HEATMAP(duration_ms)`; a 400 names what it cannot read. */
export function parseCalculations(text: string): Calculation[] {
  const calcs = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): Calculation => {
      const match = CALC.exec(part);
      const op = match?.[1].toUpperCase() as CalcOp | undefined;
      if (!match || !op || !CALC_OPS.includes(op)) {
        throw new HttpError(
          400,
          `calcs: cannot read ${JSON.stringify(part)} (one of ${CALC_OPS.join(', ')}, e.g. P90(duration_ms))`,
        );
      }
      const field = match[2] || undefined;
      if (op === 'COUNT') return { op, label: 'COUNT' };
      if (!field) throw new HttpError(400, `calcs: ${op} needs a field, e.g. ${op}(duration_ms)`);
      return { op, field, label: `${op}(${field})` };
    });
  if (!calcs.length) throw new HttpError(400, 'calcs: name at least one calculation, e.g. COUNT');
  return calcs;
}

/**
 * Reads a query from parameters: the filter's (see parseTelemetryFilter), calcs, groupBy (any
 * field, or none), rootOnly (true/false), columns (2-200).
 */
export function parseSpanQuery(params: URLSearchParams, now = Date.now()): SpanQuery {
  const rawGroup = (params.get('groupBy') || 'none').trim();
  const groupBy = GROUP_ALIASES[rawGroup] ?? rawGroup;
  if (/[\s,]/.test(groupBy)) throw new HttpError(400, 'groupBy must be one field name, or none');
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
    calcs: parseCalculations(params.get('calcs') || DEFAULT_CALCS),
    groupBy,
    rootOnly: rootOnly === 'true',
    columns,
    maxGroups: 20,
  };
}

/** The spans a query's WHERE selects, with their start times. */
export function matchingSpans(
  store: TelemetryStore,
  query: Pick<SpanQuery, 'filter' | 'rootOnly'>,
) {
  const spans: DecodedSpan[] = [];
  const starts: number[] = [];
  for (const trace of store.allTraces()) {
    for (const span of trace.spans) {
      if (query.rootOnly && span.parentSpanId) continue;
      const start = startMsOf(span);
      if (!spanMatches(span, query.filter, start)) continue;
      spans.push(span);
      starts.push(start);
    }
  }
  return { spans, starts };
}

/** Runs a query over every stored span. */
export function runSpanQuery(store: TelemetryStore, query: SpanQuery): SpanQueryResult {
  const { spans, starts } = matchingSpans(store, query);
  const count = spans.length;
  if (!count) {
    return {
      groupBy: query.groupBy,
      calcs: query.calcs,
      count: 0,
      totals: {},
      fromMs: 0,
      toMs: 0,
      columnMs: 0,
      groups: [],
    };
  }
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const start of starts) {
    if (start < fromMs) fromMs = start;
    if (start > toMs) toMs = start;
  }
  const columnMs = Math.max(1, Math.ceil((toMs - fromMs + 1) / query.columns));
  const columnOf = (start: number) =>
    Math.min(query.columns - 1, Math.floor((start - fromMs) / columnMs));

  const members = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const key = query.groupBy === 'none' ? 'all spans' : keyText(fieldOf(spans[i], query.groupBy));
    const list = members.get(key);
    if (list) list.push(i);
    else members.set(key, [i]);
  }
  const ranked = [...members.entries()].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
  );
  if (ranked.length > query.maxGroups) {
    const rest = ranked.splice(query.maxGroups - 1).flatMap(([, indexes]) => indexes);
    ranked.push(['(other)', rest]);
  }
  const all = Array.from({ length: count }, (_, i) => i);
  const groups = ranked.map(([key, indexes]): QueryGroup => {
    const series = Array.from({ length: query.columns }, () => ({ count: 0 }));
    for (const i of indexes) series[columnOf(starts[i])].count++;
    return { key, count: indexes.length, values: calculate(query.calcs, spans, indexes), series };
  });
  const heatmapCalc = query.calcs.find((calc) => calc.op === 'HEATMAP');
  return {
    groupBy: query.groupBy,
    calcs: query.calcs,
    count,
    totals: calculate(query.calcs, spans, all),
    fromMs,
    toMs,
    columnMs,
    groups,
    ...(heatmapCalc
      ? { heatmap: buildHeatmap(heatmapCalc.field!, spans, starts, query.columns, columnOf) }
      : {}),
  };
}

/** A span's value of a field as a number, or undefined when it is not one. */
export function numericField(span: DecodedSpan, field: string): number | undefined {
  const value = fieldOf(span, field);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

function calculate(
  calcs: readonly Calculation[],
  spans: readonly DecodedSpan[],
  indexes: readonly number[],
) {
  const values: Record<string, number | null> = {};
  const sortedCache = new Map<string, Float64Array>();
  const sortedOf = (field: string) => {
    let sorted = sortedCache.get(field);
    if (!sorted) {
      const numbers: number[] = [];
      for (const i of indexes) {
        const value = numericField(spans[i], field);
        if (value !== undefined) numbers.push(value);
      }
      sorted = Float64Array.from(numbers).sort();
      sortedCache.set(field, sorted);
    }
    return sorted;
  };
  for (const calc of calcs) {
    if (calc.op === 'HEATMAP') continue;
    if (calc.op === 'COUNT') {
      values[calc.label] = indexes.length;
      continue;
    }
    const field = calc.field!;
    if (calc.op === 'COUNT_DISTINCT') {
      const distinct = new Set<string>();
      for (const i of indexes) {
        const value = fieldOf(spans[i], field);
        if (value !== undefined) distinct.add(keyText(value));
      }
      values[calc.label] = distinct.size;
      continue;
    }
    const sorted = sortedOf(field);
    if (!sorted.length) {
      values[calc.label] = null;
      continue;
    }
    let sum = 0;
    if (calc.op === 'SUM' || calc.op === 'AVG') for (const value of sorted) sum += value;
    const quantile = /^P(\d+)$/.exec(calc.op);
    values[calc.label] =
      calc.op === 'SUM'
        ? sum
        : calc.op === 'AVG'
          ? sum / sorted.length
          : calc.op === 'MIN'
            ? sorted[0]
            : calc.op === 'MAX'
              ? sorted[sorted.length - 1]
              : nearestRank(sorted, Number(quantile![1]) / 100);
  }
  return values;
}

function buildHeatmap(
  field: string,
  spans: readonly DecodedSpan[],
  starts: readonly number[],
  columns: number,
  columnOf: (start: number) => number,
): Heatmap | undefined {
  const values: number[] = [];
  const columnIndexes: number[] = [];
  let minValue = Infinity;
  let maxValue = -Infinity;
  for (let i = 0; i < spans.length; i++) {
    const value = numericField(spans[i], field);
    if (value === undefined) continue;
    values.push(value);
    columnIndexes.push(columnOf(starts[i]));
    if (value < minValue) minValue = value;
    if (value > maxValue) maxValue = value;
  }
  const cells = Array.from({ length: columns }, () => new Array<number>(HEATMAP_ROWS).fill(0));
  if (!values.length)
    return { field, rowEdges: [], cells: [], maxCell: 0, minValue: 0, maxValue: 0 };
  const rowEdges = heatmapRowEdges(minValue, maxValue);
  let maxCell = 0;
  for (let i = 0; i < values.length; i++) {
    const row = rowOf(rowEdges, values[i]);
    const column = cells[columnIndexes[i]];
    column[row]++;
    if (column[row] > maxCell) maxCell = column[row];
  }
  return { field, rowEdges, cells, maxCell, minValue, maxValue };
}

/**
 * Lower edges of the heatmap's rows from the smallest to the largest value: log-spaced when every
 * value is positive (latencies), evenly spaced otherwise.
 */
export function heatmapRowEdges(minValue: number, maxValue: number, rows = HEATMAP_ROWS): number[] {
  if (minValue > 0) {
    const low = Math.max(0.001, minValue);
    const high = Math.max(low * 1.0001, maxValue);
    const ratio = Math.pow(high / low, 1 / rows);
    return Array.from({ length: rows }, (_, row) => low * ratio ** row);
  }
  const step = Math.max(1e-9, (maxValue - minValue) / rows);
  return Array.from({ length: rows }, (_, row) => minValue + step * row);
}

/** The row a value falls in: the last whose lower edge it reaches. */
export function rowOf(rowEdges: readonly number[], value: number): number {
  let low = 0;
  let high = rowEdges.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (rowEdges[mid] <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

function keyText(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
