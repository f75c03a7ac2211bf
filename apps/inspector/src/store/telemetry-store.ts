import { Variables, isSecretName } from '@cruddur/contracts';
import type { DecodedSpan } from '@cruddur/telemetry-wire';
import { endMsOf, isErrorSpan, routeOf, startMsOf, userOf } from '../analysis/span-fields';
import { BoundedIndex } from './bounded-index';
import { SCRUBBED, scrubSecrets } from './secret-scrubber';
import type {
  LogEventInput,
  LogEventRecord,
  RollbarItemInput,
  RollbarItemRecord,
  StoreLimits,
  StoreStats,
  XraySegmentDocument,
  XraySegmentRecord,
} from './telemetry-records';
import { normalizeTraceId, traceIdInLogMessage, traceIdInObject } from './trace-ids';

/** The default {@link StoreLimits}. */
export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxTraces: Variables.INSPECTOR_MAX_TRACES.fallback,
  maxSpans: Variables.INSPECTOR_MAX_SPANS.fallback,
  maxLogEvents: Variables.INSPECTOR_MAX_LOG_EVENTS.fallback,
  maxXraySegments: Variables.INSPECTOR_MAX_XRAY_SEGMENTS.fallback,
  maxRollbarItems: Variables.INSPECTOR_MAX_ROLLBAR_ITEMS.fallback,
};

/**
 * What the store took in, as it took it in (secrets already scrubbed): an on-disk journal
 * writes these and replays them through the `ingest*` methods on the next start.
 */
export type IngestRecord =
  | { spans: DecodedSpan[] }
  | { xraySegments: XraySegmentDocument[] }
  | { logEvents: LogEventInput[] }
  | { rollbarItem: RollbarItemInput };

/** One trace's spans as they arrived. */
export interface StoredTrace {
  traceId: string;
  spans: DecodedSpan[];
  /**
   * Each span's start in ms since the epoch, parallel to `spans`: worked out once on the way in,
   * since every query over 100,000 spans needs it and parsing the nanosecond string is not free.
   */
  startsMs: number[];
}

/** What the trace list shows of a trace, computed once per change. */
export interface TraceSummary {
  traceId: string;
  /** The root span's name (or the earliest span's, while the root has not arrived). */
  rootName: string;
  rootService: string;
  /** The root's route (`http.route`, else its name). */
  route: string;
  services: string[];
  startMs: number;
  durationMs: number;
  spanCount: number;
  errorCount: number;
  user?: string;
  /**
   * True while no span without a parent is stored: the root has not arrived yet, or the trace
   * began in a caller that exports elsewhere.
   */
  partial: boolean;
}

interface TraceEntry extends StoredTrace {
  summary?: TraceSummary;
}

/**
 * Everything the inspector received, in memory and bounded: spans grouped by trace, and the X-Ray
 * segments, log events and Rollbar items of the same traces. The receivers call the `ingest*`
 * methods; the API reads. When a cap is reached the oldest entries go and are counted.
 *
 * Secrets never get in: OTLP export headers are not passed here at all, and credential-named
 * attributes, segment fields and item fields are scrubbed on the way in.
 */
export class TelemetryStore {
  readonly limits: StoreLimits;

  private readonly traces = new Map<string, TraceEntry>();
  /** Trace ids in arrival order of their first span: the eviction order. */
  private traceOrder: string[] = [];
  private traceOrderHead = 0;
  private spanCount = 0;
  private evictedTraces = 0;
  private evictedSpans = 0;
  private sequence = 0;
  private spanChanges = 0;
  private readonly logEvents: BoundedIndex<LogEventRecord>;
  private readonly xraySegments: BoundedIndex<XraySegmentRecord>;
  private readonly rollbarItems: BoundedIndex<RollbarItemRecord>;
  /** Told of everything stored (the on-disk journal listens here). */
  private listener?: (record: IngestRecord) => void;

  constructor(limits: Partial<StoreLimits> = {}) {
    this.limits = { ...DEFAULT_STORE_LIMITS, ...limits };
    this.logEvents = new BoundedIndex(this.limits.maxLogEvents);
    this.xraySegments = new BoundedIndex(this.limits.maxXraySegments);
    this.rollbarItems = new BoundedIndex(this.limits.maxRollbarItems);
  }

  /** Hands every later ingest, scrubbed, to `listener` (one listener; undefined removes it). */
  onIngest(listener: ((record: IngestRecord) => void) | undefined): void {
    this.listener = listener;
  }

  /**
   * What the store holds now, as ingest records in arrival order per signal: replayed into an
   * empty store with the same caps, they give the same contents (the journal's compaction).
   */
  *contents(): IterableIterator<IngestRecord> {
    // An id can be listed twice if its trace was evicted and came back: write it once.
    const written = new Set<string>();
    for (let i = this.traceOrderHead; i < this.traceOrder.length; i++) {
      const trace = this.traces.get(this.traceOrder[i]);
      if (!trace || written.has(trace.traceId)) continue;
      written.add(trace.traceId);
      yield { spans: trace.spans };
    }
    for (const event of this.logEvents.all()) {
      const { logGroupName, logStreamName, timestamp, message, traceId } = event;
      yield { logEvents: [{ logGroupName, logStreamName, timestamp, message, traceId }] };
    }
    for (const segment of this.xraySegments.all()) yield { xraySegments: [segment.document] };
    for (const item of this.rollbarItems.all()) {
      yield { rollbarItem: { data: item.data, traceId: item.traceId } };
    }
  }

  /** Spans decoded from an OTLP export (the OTLP receiver calls this). */
  ingestSpans(spans: readonly DecodedSpan[]): void {
    for (const span of spans) {
      scrubSpanAttributes(span);
      let entry = this.traces.get(span.traceId);
      if (!entry) {
        entry = { traceId: span.traceId, spans: [], startsMs: [] };
        this.traces.set(span.traceId, entry);
        this.traceOrder.push(span.traceId);
      }
      entry.spans.push(span);
      entry.startsMs.push(startMsOf(span));
      entry.summary = undefined;
      this.spanCount++;
    }
    if (spans.length) {
      this.spanChanges++;
      this.listener?.({ spans: spans as DecodedSpan[] });
    }
    this.evictTraces();
  }

  /**
   * X-Ray segment documents (the X-Ray UDP receiver calls this once per datagram). Returns how many
   * were stored; a document without a valid `trace_id` is skipped.
   */
  ingestXraySegments(documents: readonly XraySegmentDocument[]): number {
    const stored: XraySegmentDocument[] = [];
    for (const document of documents) {
      const traceId = normalizeTraceId(document.trace_id);
      if (!traceId) continue;
      const scrubbed = scrubSecrets(document);
      this.xraySegments.add({
        sequence: ++this.sequence,
        traceId,
        document: scrubbed,
        ingestedAt: Date.now(),
      });
      stored.push(scrubbed);
    }
    if (stored.length) this.listener?.({ xraySegments: stored });
    return stored.length;
  }

  /** Log events of one PutLogEvents call (the CloudWatch Logs emulator calls this). */
  ingestLogEvents(events: readonly LogEventInput[]): void {
    const now = Date.now();
    for (const event of events) {
      this.logEvents.add({
        sequence: ++this.sequence,
        logGroupName: event.logGroupName,
        logStreamName: event.logStreamName,
        timestamp: event.timestamp,
        message: event.message,
        traceId: normalizeTraceId(event.traceId) ?? traceIdInLogMessage(event.message),
        ingestedAt: now,
      });
    }
    if (events.length) this.listener?.({ logEvents: events as LogEventInput[] });
  }

  /** One Rollbar item (the Rollbar item API handler calls this); returns the stored record. */
  ingestRollbarItem(item: RollbarItemInput): RollbarItemRecord {
    const data = scrubSecrets(item.data);
    const record: RollbarItemRecord = {
      sequence: ++this.sequence,
      uuid: typeof data.uuid === 'string' && data.uuid ? data.uuid : `inspector-${this.sequence}`,
      traceId: normalizeTraceId(item.traceId) ?? traceIdInObject(data, 2),
      level: typeof data.level === 'string' ? data.level : 'error',
      environment: typeof data.environment === 'string' ? data.environment : undefined,
      title: rollbarTitle(data),
      data,
      ingestedAt: Date.now(),
    };
    this.rollbarItems.add(record);
    this.listener?.({ rollbarItem: { data, traceId: record.traceId } });
    return record;
  }

  /** Changes on every batch of spans stored: lets readers cache what they derive from spans. */
  get spanVersion(): number {
    return this.spanChanges;
  }

  /** The trace with this id, or undefined (never stored, or evicted). */
  trace(traceId: string): StoredTrace | undefined {
    return this.traces.get(traceId);
  }

  /** Every stored trace, oldest first. */
  allTraces(): IterableIterator<StoredTrace> {
    return this.traces.values();
  }

  /** The summary of one stored trace. */
  summaryOf(trace: StoredTrace): TraceSummary {
    const entry = trace as TraceEntry;
    entry.summary ??= summarize(entry);
    return entry.summary;
  }

  /** The most recent trace (by start time), or undefined when none is stored. */
  latestTrace(): StoredTrace | undefined {
    let latest: StoredTrace | undefined;
    let latestStart = -Infinity;
    for (const trace of this.traces.values()) {
      const start = this.summaryOf(trace).startMs;
      if (start >= latestStart) {
        latest = trace;
        latestStart = start;
      }
    }
    return latest;
  }

  logEventsOf(traceId: string): readonly LogEventRecord[] {
    return this.logEvents.ofTrace(traceId);
  }

  xraySegmentsOf(traceId: string): readonly XraySegmentRecord[] {
    return this.xraySegments.ofTrace(traceId);
  }

  rollbarItemsOf(traceId: string): readonly RollbarItemRecord[] {
    return this.rollbarItems.ofTrace(traceId);
  }

  /** How many log events, X-Ray segments and Rollbar items a trace has. */
  linkedCountsOf(traceId: string): {
    logEvents: number;
    xraySegments: number;
    rollbarItems: number;
  } {
    return {
      logEvents: this.logEvents.countOfTrace(traceId),
      xraySegments: this.xraySegments.countOfTrace(traceId),
      rollbarItems: this.rollbarItems.countOfTrace(traceId),
    };
  }

  /** The newest log events (any trace or none), newest first. */
  recentLogEvents(limit: number, predicate?: (event: LogEventRecord) => boolean): LogEventRecord[] {
    return this.logEvents.newest(limit, predicate);
  }

  /** The newest Rollbar items, newest first. */
  recentRollbarItems(limit: number): RollbarItemRecord[] {
    return this.rollbarItems.newest(limit);
  }

  /** The newest X-Ray segments, newest first. */
  recentXraySegments(limit: number): XraySegmentRecord[] {
    return this.xraySegments.newest(limit);
  }

  stats(): StoreStats {
    return {
      traces: this.traces.size,
      spans: this.spanCount,
      logEvents: this.logEvents.size,
      xraySegments: this.xraySegments.size,
      rollbarItems: this.rollbarItems.size,
      evicted: {
        traces: this.evictedTraces,
        spans: this.evictedSpans,
        logEvents: this.logEvents.evicted,
        xraySegments: this.xraySegments.evicted,
        rollbarItems: this.rollbarItems.evicted,
      },
      limits: { ...this.limits },
    };
  }

  private evictTraces(): void {
    while (
      this.traces.size > 1 &&
      (this.traces.size > this.limits.maxTraces || this.spanCount > this.limits.maxSpans)
    ) {
      const traceId = this.traceOrder[this.traceOrderHead];
      this.traceOrderHead++;
      const entry = this.traces.get(traceId);
      if (!entry) continue;
      this.traces.delete(traceId);
      this.spanCount -= entry.spans.length;
      this.evictedSpans += entry.spans.length;
      this.evictedTraces++;
    }
    if (this.traceOrderHead > 1024 && this.traceOrderHead * 2 > this.traceOrder.length) {
      this.traceOrder = this.traceOrder.slice(this.traceOrderHead);
      this.traceOrderHead = 0;
    }
  }
}

/** Replaces credential-named attribute values in place (the decoder made the span; it is ours). */
function scrubSpanAttributes(span: DecodedSpan): void {
  for (const key in span.attributes) {
    if (isSecretName(key)) span.attributes[key] = SCRUBBED;
  }
}

function summarize(trace: StoredTrace): TraceSummary {
  const ids = new Set<string>();
  for (const span of trace.spans) ids.add(span.spanId);
  let root: DecodedSpan | undefined;
  let orphan: DecodedSpan | undefined;
  let startMs = Infinity;
  let endMs = -Infinity;
  let errorCount = 0;
  const services = new Set<string>();
  for (const span of trace.spans) {
    const start = startMsOf(span);
    startMs = Math.min(startMs, start);
    endMs = Math.max(endMs, endMsOf(span));
    if (isErrorSpan(span)) errorCount++;
    services.add(span.serviceName);
    if (!span.parentSpanId) {
      if (!root || start < startMsOf(root)) root = span;
    } else if (!ids.has(span.parentSpanId)) {
      if (!orphan || start < startMsOf(orphan)) orphan = span;
    }
  }
  // Until the root arrives (or when the trace began in a caller that exports elsewhere), the
  // earliest span whose parent is missing stands in for it.
  const top = root ?? orphan ?? trace.spans[0];
  return {
    traceId: trace.traceId,
    rootName: top.name,
    rootService: top.serviceName,
    route: routeOf(top),
    services: [...services].sort(),
    startMs,
    durationMs: Math.max(0, endMs - startMs),
    spanCount: trace.spans.length,
    errorCount,
    user: userOf(top) ?? trace.spans.map(userOf).find(Boolean),
    partial: !root,
  };
}

function rollbarTitle(data: Record<string, unknown>): string {
  const body = data.body as Record<string, unknown> | undefined;
  const trace = (body?.trace ?? (body?.trace_chain as unknown[] | undefined)?.[0]) as
    { exception?: { class?: unknown; message?: unknown } } | undefined;
  if (trace?.exception) {
    const { class: errorClass, message } = trace.exception;
    return [errorClass, message].filter((part) => typeof part === 'string' && part).join(': ');
  }
  const message = body?.message as { body?: unknown } | undefined;
  if (typeof message?.body === 'string') return message.body;
  if (typeof data.title === 'string') return data.title;
  return '(no message)';
}
