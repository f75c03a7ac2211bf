import { OtlpStatusCode } from '@cruddur/telemetry-wire';
import type { DecodedSpan } from '@cruddur/telemetry-wire';

/** Attributes that name the user a span worked for (the project's baggage attribute first). */
const USER_ATTRIBUTES = ['app.user_id', 'enduser.id', 'user.id'];

/** When a span started, in milliseconds since the epoch. */
export function startMsOf(span: DecodedSpan): number {
  return nanosToMs(span.startTimeUnixNano);
}

/** When a span ended, in milliseconds since the epoch. */
export function endMsOf(span: DecodedSpan): number {
  return nanosToMs(span.endTimeUnixNano);
}

/**
 * Milliseconds from a decimal nanosecond string. Nanoseconds since the epoch are beyond a double's
 * 53 bits, microseconds are not: dropping the last three digits first keeps offsets exact to 1 µs.
 */
export function nanosToMs(nanos: string): number {
  return nanos.length > 3 ? Number(nanos.slice(0, -3)) / 1e3 : Number(nanos) / 1e6;
}

/** Whether the span ended with an error status. */
export function isErrorSpan(span: DecodedSpan): boolean {
  return span.status.code === OtlpStatusCode.Error;
}

/** The route a span served: `http.route` when the HTTP instrumentation set one, else its name. */
export function routeOf(span: DecodedSpan): string {
  const route = span.attributes['http.route'];
  return typeof route === 'string' && route ? route : span.name;
}

/** The user a span worked for, if any attribute names one. */
export function userOf(span: DecodedSpan): string | undefined {
  for (const key of USER_ATTRIBUTES) {
    const value = span.attributes[key];
    if (typeof value === 'string' && value) return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

const KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_NAMES = ['unset', 'ok', 'error'];

/**
 * A span's value of `key`, Honeycomb style: every attribute and resource attribute is a column,
 * and so are a few derived fields: `duration_ms`, `name`, `service.name`, `trace.trace_id`,
 * `trace.span_id`, `trace.parent_id`, `span.kind`, `status_code`, `error`, `http.route` (else
 * the name, as the trace list's route). Span attributes win over resource attributes.
 */
export function fieldOf(span: DecodedSpan, key: string): unknown {
  switch (key) {
    case 'duration_ms':
      return span.durationMs;
    case 'name':
      return span.name;
    case 'service.name':
    case 'service':
      return span.serviceName;
    case 'trace.trace_id':
      return span.traceId;
    case 'trace.span_id':
      return span.spanId;
    case 'trace.parent_id':
      return span.parentSpanId;
    case 'span.kind':
      return KIND_NAMES[span.kind] ?? 'unspecified';
    case 'status_code':
      return STATUS_NAMES[span.status.code] ?? 'unset';
    case 'error':
      return isErrorSpan(span);
    case 'route':
      return routeOf(span);
    case 'user':
      return userOf(span);
  }
  if (key in span.attributes) return span.attributes[key];
  if (key in span.resource) return span.resource[key];
  return undefined;
}

/** The fields {@link fieldOf} derives, for the UI's lists of keys. */
export const DERIVED_FIELDS = [
  'duration_ms',
  'name',
  'service.name',
  'trace.trace_id',
  'span.kind',
  'status_code',
  'error',
];
