import type { TelemetryStore, TraceSummary } from '../store/telemetry-store';
import type { WaterfallSpan } from './trace-view';

/** One row of a comparison: a span of the trace, of the baseline, or both matched. */
export interface CompareRow {
  service: string;
  name: string;
  depth: number;
  /** 'trace' or 'baseline' when only one side has the span. */
  only?: 'trace' | 'baseline';
  selfMs: number | null;
  baselineSelfMs: number | null;
  /** selfMs − baselineSelfMs (a missing side counts as 0). */
  selfDiffMs: number;
  durationMs: number | null;
  baselineDurationMs: number | null;
}

/**
 * Lines up two waterfalls span by span: a span's key is the path of service/name pairs from
 * the root down to it, plus how many same-keyed siblings came before it (so the second of two
 * identical calls matches the second). Rows keep the trace's waterfall order, then the
 * baseline-only spans; see {@link sortBySelfDiff} for the page's order.
 */
export function diffTraces(
  trace: readonly WaterfallSpan[],
  baseline: readonly WaterfallSpan[],
): CompareRow[] {
  const mine = keyed(trace);
  const theirs = keyed(baseline);
  const rows: CompareRow[] = [];
  for (const [key, span] of mine) {
    const other = theirs.get(key);
    rows.push(row(span, other));
  }
  for (const [key, span] of theirs) {
    if (mine.has(key)) continue;
    rows.push({
      service: span.service,
      name: span.name,
      depth: span.depth,
      only: 'baseline',
      selfMs: null,
      baselineSelfMs: span.selfTimeMs,
      selfDiffMs: -span.selfTimeMs,
      durationMs: null,
      baselineDurationMs: span.durationMs,
    });
  }
  return rows;
}

/** Largest self-time difference (either way) first. */
export function sortBySelfDiff(rows: CompareRow[]): CompareRow[] {
  return [...rows].sort((a, b) => Math.abs(b.selfDiffMs) - Math.abs(a.selfDiffMs));
}

function row(span: WaterfallSpan, other: WaterfallSpan | undefined): CompareRow {
  return {
    service: span.service,
    name: span.name,
    depth: span.depth,
    ...(other ? {} : { only: 'trace' as const }),
    selfMs: span.selfTimeMs,
    baselineSelfMs: other?.selfTimeMs ?? null,
    selfDiffMs: span.selfTimeMs - (other?.selfTimeMs ?? 0),
    durationMs: span.durationMs,
    baselineDurationMs: other?.durationMs ?? null,
  };
}

function keyed(spans: readonly WaterfallSpan[]): Map<string, WaterfallSpan> {
  const keys = new Map<string, WaterfallSpan>();
  const pathOf = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const span of spans) {
    const parentPath = span.parentSpanId ? (pathOf.get(span.parentSpanId) ?? '') : '';
    const base = `${parentPath}/${span.service}:${span.name}`;
    const index = seen.get(base) ?? 0;
    seen.set(base, index + 1);
    const path = `${base}#${index}`;
    pathOf.set(span.spanId, path);
    keys.set(path, span);
  }
  return keys;
}

/**
 * The median trace (by duration) of the same root service and route as `summary`, among the
 * stored complete traces other than itself; undefined when there is no other.
 */
export function medianTraceOf(
  store: TelemetryStore,
  summary: TraceSummary,
): { median?: TraceSummary; sampleSize: number } {
  const peers: TraceSummary[] = [];
  for (const trace of store.allTraces()) {
    if (trace.traceId === summary.traceId) continue;
    const other = store.summaryOf(trace);
    if (other.partial || other.rootService !== summary.rootService || other.route !== summary.route)
      continue;
    peers.push(other);
  }
  if (!peers.length) return { sampleSize: 0 };
  peers.sort((a, b) => a.durationMs - b.durationMs);
  return { median: peers[Math.floor((peers.length - 1) / 2)], sampleSize: peers.length };
}
