import type { XRayEntityDocument } from '@cruddur/telemetry-wire';
/**
 * One CloudWatch Logs event as the inspector keeps it. The CloudWatch Logs emulator hands these to
 * {@link TelemetryStore.ingestLogEvents} on every accepted PutLogEvents call.
 */
export interface LogEventInput {
  logGroupName: string;
  logStreamName: string;
  /** Milliseconds since the epoch, as PutLogEvents carries it. */
  timestamp: number;
  message: string;
  /**
   * The trace the line belongs to, in any form {@link normalizeTraceId} accepts (32 hex digits, an
   * X-Ray `1-xxxxxxxx-…` id, a traceparent). @default found in the message (JSON `trace_id`,
   * `traceId`, `xray_trace_id`…, or `trace_id=<hex>` text), else none
   */
  traceId?: string;
}

/** A stored log event. */
export interface LogEventRecord {
  /** Monotonic per store, for stable ordering and paging. */
  sequence: number;
  logGroupName: string;
  logStreamName: string;
  timestamp: number;
  message: string;
  /** 32 lower-case hex digits, or undefined for a line that names no trace. */
  traceId?: string;
  /** When the inspector received it (ms since the epoch). */
  ingestedAt: number;
}

/**
 * One X-Ray segment or independent subsegment document, as the X-Ray daemon protocol carries it
 * after the `{"format":"json","version":1}` header line. Fields the X-Ray API requires are typed;
 * the rest is kept as sent.
 */
export type XraySegmentDocument = XRayEntityDocument & { trace_id: string };

/** A stored X-Ray segment. */
export interface XraySegmentRecord {
  sequence: number;
  /** The X-Ray id mapped to OpenTelemetry's 32 hex digits, so it joins the spans of the trace. */
  traceId: string;
  /** The document with secrets scrubbed. */
  document: XraySegmentDocument;
  ingestedAt: number;
}

/**
 * One Rollbar item, as the item API receives it (`POST /api/1/item/` with `{access_token, data}`).
 * The Rollbar handler passes `data` (never the token) to {@link TelemetryStore.ingestRollbarItem}.
 */
export interface RollbarItemInput {
  /** The item's `data` object (Rollbar's item schema: body, level, environment, uuid, …). */
  data: Record<string, unknown>;
  /**
   * The trace the error happened in, in any form {@link normalizeTraceId} accepts.
   * @default found in `data.custom` (trace_id, traceId, otel.trace_id…) or `data.trace_id`, else none
   */
  traceId?: string;
}

/** A stored Rollbar item. */
export interface RollbarItemRecord {
  sequence: number;
  /** The item's `data.uuid`, or one the inspector made up. */
  uuid: string;
  traceId?: string;
  level: string;
  environment?: string;
  /** A one-line title: the exception class and message, or the message body. */
  title: string;
  /** The item's `data` with secrets scrubbed. */
  data: Record<string, unknown>;
  ingestedAt: number;
}

/** Counts of what the store holds and what it had to drop. */
export interface StoreStats {
  traces: number;
  spans: number;
  logEvents: number;
  xraySegments: number;
  rollbarItems: number;
  /** Evicted (oldest first) to stay under the caps. */
  evicted: {
    traces: number;
    spans: number;
    logEvents: number;
    xraySegments: number;
    rollbarItems: number;
  };
  limits: StoreLimits;
}

/** How much the store keeps before evicting the oldest. */
export interface StoreLimits {
  /** @default 10000 */
  maxTraces: number;
  /** Spans across all traces; whole traces are evicted, oldest first (~2 KB of heap each). @default 100000 */
  maxSpans: number;
  /** @default 50000 */
  maxLogEvents: number;
  /** @default 50000 */
  maxXraySegments: number;
  /** @default 5000 */
  maxRollbarItems: number;
}
