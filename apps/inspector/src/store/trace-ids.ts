import { xrayTraceIdToOtel } from '@cruddur/telemetry-wire';

const HEX_32 = /^[0-9a-f]{32}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const XRAY_HEADER_ROOT = /(?:^|;)\s*Root=(1-[0-9a-f]{8}-[0-9a-f]{24})/i;

/** JSON fields a log line names its trace with (winston, pino, OTel log bridges, X-Ray SDK). */
const TRACE_ID_FIELDS = [
  'trace_id',
  'traceId',
  'traceID',
  'trace.id',
  'otelTraceID',
  'otel.trace_id',
  'xray_trace_id',
  'xrayTraceId',
  'AWS-XRAY-TRACE-ID',
  'x-amzn-trace-id',
  'traceparent',
];
const TEXT_TRACE_ID =
  /(?:trace[_.-]?id|traceparent|x-amzn-trace-id|root)["']?\s*[=:]\s*["']?(?:[0-9a-f]{2}-)?([0-9a-f]{32}|1-[0-9a-f]{8}-[0-9a-f]{24})/i;

/**
 * The OpenTelemetry form (32 lower-case hex digits) of a trace id written as OTLP hex, an X-Ray id
 * (`1-5759e988-bd862e3fe1be46a994272793`: OpenTelemetry's X-Ray id generator makes the same trace
 * under both names), a W3C traceparent or an X-Amzn-Trace-Id header; undefined for anything else.
 */
export function normalizeTraceId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.trim().toLowerCase();
  if (HEX_32.test(id)) return /^0+$/.test(id) ? undefined : id;
  const xray = xrayTraceIdToOtel(id);
  if (xray) return xray;
  const traceparent = TRACEPARENT.exec(id);
  if (traceparent) return traceparent[1];
  const header = XRAY_HEADER_ROOT.exec(value);
  if (header) return normalizeTraceId(header[1]);
  return undefined;
}

/**
 * The trace a log line names: a JSON line's trace field (top level or one object down, as winston
 * puts metadata), else a `trace_id=<id>`-like fragment of plain text.
 */
export function traceIdInLogMessage(message: string): string | undefined {
  const trimmed = message.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const found = traceIdInObject(parsed, 1);
      if (found) return found;
    } catch {
      // Not JSON after all: the text scan below still applies.
    }
  }
  const text = TEXT_TRACE_ID.exec(message);
  return text ? normalizeTraceId(text[1]) : undefined;
}

/** A trace id in one of the usual fields of `value`, looking `depth` objects down. */
export function traceIdInObject(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of TRACE_ID_FIELDS) {
    const id = normalizeTraceId(record[field]);
    if (id) return id;
  }
  if (depth > 0) {
    for (const nested of Object.values(record)) {
      const id = traceIdInObject(nested, depth - 1);
      if (id) return id;
    }
  }
  return undefined;
}
