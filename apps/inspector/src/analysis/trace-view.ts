import { OtlpSpanKind, OtlpStatusCode } from '@cruddur/telemetry-wire';
import type { Attributes, DecodedSpan } from '@cruddur/telemetry-wire';
import type {
  LogEventRecord,
  RollbarItemRecord,
  XraySegmentRecord,
} from '../store/telemetry-records';
import type { StoredTrace, TelemetryStore, TraceSummary } from '../store/telemetry-store';
import { toXrayTraceId } from '../store/trace-ids';
import { nanosToMs, startMsOf } from './span-fields';

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
  xraySegments: readonly XraySegmentRecord[];
  logEvents: readonly LogEventRecord[];
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
export function buildTraceView(store: TelemetryStore, traceId: string): TraceView | undefined {
  const trace: StoredTrace | undefined = store.trace(traceId);
  const xraySegments = store.xraySegmentsOf(traceId);
  const logEvents = store.logEventsOf(traceId);
  const rollbarItems = store.rollbarItemsOf(traceId);
  if (!trace && !xraySegments.length && !logEvents.length && !rollbarItems.length) return undefined;
  const summary = trace ? store.summaryOf(trace) : emptySummary(traceId);
  return {
    traceId,
    xrayTraceId: toXrayTraceId(traceId),
    summary,
    spans: trace ? waterfall(trace.spans, summary.startMs) : [],
    xraySegments: latestOfEachSegment(xraySegments),
    logEvents,
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

function waterfall(spans: readonly DecodedSpan[], traceStartMs: number): WaterfallSpan[] {
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
      rows.push(toRow(span, depth, ids, traceStartMs));
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
): WaterfallSpan {
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
