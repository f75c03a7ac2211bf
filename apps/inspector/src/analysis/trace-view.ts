import { OtlpSpanKind, OtlpStatusCode, toXRayTraceId } from '@cruddur/telemetry-wire';
import type { Attributes, DecodedSpan } from '@cruddur/telemetry-wire';
import type { RollbarItemRecord, XraySegmentRecord } from '../store/telemetry-records';
import type { StoredTrace, TelemetryStore, TraceSummary } from '../store/telemetry-store';
import { criticalPath, criticalTimes, selfTimes } from './critical-path';
import type { CriticalSection } from './critical-path';
import { logLinesInTimeOrder } from './log-lines';
import type { LogLine } from './log-lines';
import { PropagationIndex, xrayIssuesOf } from './propagation';
import type { PropagationIssue } from './propagation';
import { endMsOf, nanosToMs, startMsOf } from './span-fields';

/** One row of the waterfall. */
export interface WaterfallSpan {
  spanId: string;
  parentSpanId?: string;
  /** 0 for a root; the waterfall indents by it. */
  depth: number;
  /** The parent is named but not stored (not arrived yet, or exported elsewhere). */
  missingParent: boolean;
  service: string;
  name: string;
  kind: 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
  /** From the trace's start. */
  offsetMs: number;
  durationMs: number;
  /** The duration less the time a child was running (Jaeger's self time). */
  selfTimeMs: number;
  /** How long the request waited on this span itself ({@link TraceView.criticalPath}); 0 if never. */
  criticalMs: number;
  status: { code: 'unset' | 'ok' | 'error'; message?: string };
  attributes: Attributes;
  events: Array<{ name: string; offsetMs: number; attributes: Attributes }>;
  resource: Attributes;
  scope: { name: string; version?: string };
}

/** Everything the inspector knows of one trace id: one page for one request. */
export interface TraceView {
  traceId: string;
  /** The same id as X-Ray writes it. */
  xrayTraceId: string;
  summary: TraceSummary;
  /** Spans in waterfall order: depth first, siblings by start time (then name). */
  spans: WaterfallSpan[];
  /**
   * The critical path, latest first: what the request was waiting on, when (offsets from the
   * trace start, as the spans').
   */
  criticalPath: CriticalSection[];
  /** Where the trace's context was lost: missing parents, calls that began another trace, X-Ray gaps. */
  propagationIssues: PropagationIssue[];
  xraySegments: readonly XraySegmentRecord[];
  /** Every log line of the trace id, in the order they were written, whatever their stream. */
  logLines: LogLine[];
  rollbarItems: readonly RollbarItemRecord[];
}

const KIND_NAMES: Record<number, WaterfallSpan['kind']> = {
  [OtlpSpanKind.Unspecified]: 'unspecified',
  [OtlpSpanKind.Internal]: 'internal',
  [OtlpSpanKind.Server]: 'server',
  [OtlpSpanKind.Client]: 'client',
  [OtlpSpanKind.Producer]: 'producer',
  [OtlpSpanKind.Consumer]: 'consumer',
};

const STATUS_NAMES: Record<number, WaterfallSpan['status']['code']> = {
  [OtlpStatusCode.Unset]: 'unset',
  [OtlpStatusCode.Ok]: 'ok',
  [OtlpStatusCode.Error]: 'error',
};

/**
 * The page of one trace id. Spans may be absent (a trace seen only through its logs, segments or
 * items still has a page); returns undefined when nothing at all is stored under the id.
 */
export function buildTraceView(
  store: TelemetryStore,
  traceId: string,
  propagation: PropagationIndex = new PropagationIndex(store.allTraces()),
): TraceView | undefined {
  const trace: StoredTrace | undefined = store.trace(traceId);
  const xraySegments = store.xraySegmentsOf(traceId);
  const logEvents = store.logEventsOf(traceId);
  const rollbarItems = store.rollbarItemsOf(traceId);
  if (!trace && !xraySegments.length && !logEvents.length && !rollbarItems.length) return undefined;
  const summary = trace ? store.summaryOf(trace) : emptySummary(traceId);
  const spans = trace?.spans ?? [];
  const timings = spans.map((span) => ({
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    startMs: startMsOf(span) - summary.startMs,
    endMs: endMsOf(span) - summary.startMs,
  }));
  const path = criticalPath(timings);
  const segments = latestOfEachSegment(xraySegments);
  return {
    traceId,
    xrayTraceId: toXRayTraceId(traceId),
    summary,
    spans: waterfall(spans, summary.startMs, selfTimes(timings), criticalTimes(path)),
    criticalPath: path,
    propagationIssues: trace
      ? [...propagation.spanIssuesOf(trace), ...xrayIssuesOf(spans, segments)]
      : [],
    xraySegments: segments,
    logLines: logLinesInTimeOrder(logEvents),
    rollbarItems,
  };
}

/** The SDKs may send a segment twice (in progress, then complete): keep the last of each id. */
function latestOfEachSegment(records: readonly XraySegmentRecord[]): XraySegmentRecord[] {
  const byId = new Map<string, XraySegmentRecord>();
  for (const record of records) {
    byId.delete(record.document.id);
    byId.set(record.document.id, record);
  }
  return [...byId.values()].sort((a, b) => a.document.start_time - b.document.start_time);
}

function waterfall(
  spans: readonly DecodedSpan[],
  traceStartMs: number,
  self: ReadonlyMap<string, number>,
  critical: ReadonlyMap<string, number>,
): WaterfallSpan[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string | undefined, DecodedSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    const siblings = children.get(parent);
    if (siblings) siblings.push(span);
    else children.set(parent, [span]);
  }
  for (const siblings of children.values()) {
    siblings.sort((a, b) => startMsOf(a) - startMsOf(b) || a.name.localeCompare(b.name));
  }
  const rows: WaterfallSpan[] = [];
  const visited = new Set<string>();
  // Depth first without recursion (a hostile export may nest spans 100,000 deep), roots first,
  // then anything a parent cycle hid from them.
  const walk = (top: DecodedSpan) => {
    const stack: Array<[DecodedSpan, number]> = [[top, 0]];
    while (stack.length) {
      const [span, depth] = stack.pop()!;
      if (visited.has(span.spanId)) continue;
      visited.add(span.spanId);
      rows.push({
        ...toRow(span, depth, ids, traceStartMs),
        selfTimeMs: self.get(span.spanId) ?? span.durationMs,
        criticalMs: critical.get(span.spanId) ?? 0,
      });
      const kids = children.get(span.spanId) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], depth + 1]);
    }
  };
  for (const root of children.get(undefined) ?? []) walk(root);
  for (const span of spans) if (!visited.has(span.spanId)) walk(span);
  return rows;
}

function toRow(
  span: DecodedSpan,
  depth: number,
  ids: ReadonlySet<string>,
  traceStartMs: number,
): Omit<WaterfallSpan, 'selfTimeMs' | 'criticalMs'> {
  return {
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    depth,
    missingParent: span.parentSpanId !== undefined && !ids.has(span.parentSpanId),
    service: span.serviceName,
    name: span.name,
    kind: KIND_NAMES[span.kind] ?? 'unspecified',
    offsetMs: startMsOf(span) - traceStartMs,
    durationMs: span.durationMs,
    status: {
      code: STATUS_NAMES[span.status.code] ?? 'unset',
      ...(span.status.message ? { message: span.status.message } : {}),
    },
    attributes: span.attributes,
    events: span.events.map((event) => ({
      name: event.name,
      offsetMs: nanosToMs(event.timeUnixNano) - traceStartMs,
      attributes: event.attributes,
    })),
    resource: span.resource,
    scope: span.scope,
  };
}

function emptySummary(traceId: string): TraceSummary {
  return {
    traceId,
    rootName: '(no spans received)',
    rootService: '',
    route: '',
    services: [],
    startMs: 0,
    durationMs: 0,
    spanCount: 0,
    errorCount: 0,
    partial: true,
  };
}
