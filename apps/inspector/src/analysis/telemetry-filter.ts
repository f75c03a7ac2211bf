import type { DecodedSpan } from '@cruddur/telemetry-wire';
import { HttpError } from '../http/http-error';
import type { StoredTrace, TraceSummary } from '../store/telemetry-store';
import { isErrorSpan, routeOf, userOf } from './span-fields';

/** What the trace list and the queries can be narrowed to. Every field is optional. */
export interface TelemetryFilter {
  service?: string;
  /** A span's `http.route`, else its name. */
  route?: string;
  status?: 'ok' | 'error';
  /** `app.user_id` (or `enduser.id`). */
  user?: string;
  minDurationMs?: number;
  /** `key` (the attribute exists) or `key=value` (its value, as text, is `value`). */
  attribute?: { key: string; value?: string };
  /** Only what started at or after this time (ms since the epoch). */
  sinceMs?: number;
}

/**
 * Reads a filter from query parameters: service, route, status (ok|error), user, minDurationMs,
 * attr (`key` or `key=value`) and sinceMinutes. Bad values are a 400 naming the parameter.
 */
export function parseTelemetryFilter(params: URLSearchParams, now = Date.now()): TelemetryFilter {
  const filter: TelemetryFilter = {};
  const text = (name: string) => params.get(name)?.trim() || undefined;
  filter.service = text('service');
  filter.route = text('route');
  filter.user = text('user');
  const status = text('status');
  if (status !== undefined) {
    if (status !== 'ok' && status !== 'error') {
      throw new HttpError(400, `status must be ok or error, got ${JSON.stringify(status)}`);
    }
    filter.status = status;
  }
  const minDuration = text('minDurationMs');
  if (minDuration !== undefined) filter.minDurationMs = nonNegative('minDurationMs', minDuration);
  const since = text('sinceMinutes');
  if (since !== undefined) filter.sinceMs = now - nonNegative('sinceMinutes', since) * 60_000;
  const attribute = text('attr');
  if (attribute !== undefined) {
    const equals = attribute.indexOf('=');
    filter.attribute =
      equals < 0
        ? { key: attribute }
        : { key: attribute.slice(0, equals).trim(), value: attribute.slice(equals + 1).trim() };
    if (!filter.attribute.key) throw new HttpError(400, 'attr must be key or key=value');
  }
  return filter;
}

function nonNegative(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new HttpError(400, `${name} must be a number of at least 0, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function hasAttribute(span: DecodedSpan, attribute: NonNullable<TelemetryFilter['attribute']>) {
  if (!(attribute.key in span.attributes)) return false;
  if (attribute.value === undefined) return true;
  const value = span.attributes[attribute.key];
  const asText =
    typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return asText === attribute.value;
}

/** Whether one span passes the filter (queries look at spans). */
export function spanMatches(span: DecodedSpan, filter: TelemetryFilter, startMs: number): boolean {
  if (filter.service !== undefined && span.serviceName !== filter.service) return false;
  if (filter.route !== undefined && routeOf(span) !== filter.route) return false;
  if (filter.status !== undefined && isErrorSpan(span) !== (filter.status === 'error'))
    return false;
  if (filter.user !== undefined && userOf(span) !== filter.user) return false;
  if (filter.minDurationMs !== undefined && span.durationMs < filter.minDurationMs) return false;
  if (filter.sinceMs !== undefined && startMs < filter.sinceMs) return false;
  if (filter.attribute && !hasAttribute(span, filter.attribute)) return false;
  return true;
}

/**
 * Whether a trace passes the filter (the trace list looks at traces): the trace's own figures for
 * status, duration and time, and any of its spans for service, route, user and attribute.
 */
export function traceMatches(
  trace: StoredTrace,
  summary: TraceSummary,
  filter: TelemetryFilter,
): boolean {
  if (filter.service !== undefined && !summary.services.includes(filter.service)) return false;
  if (filter.status !== undefined && summary.errorCount > 0 !== (filter.status === 'error')) {
    return false;
  }
  if (filter.minDurationMs !== undefined && summary.durationMs < filter.minDurationMs) return false;
  if (filter.sinceMs !== undefined && summary.startMs < filter.sinceMs) return false;
  const { route, user, attribute } = filter;
  if (route !== undefined && !trace.spans.some((span) => routeOf(span) === route)) return false;
  if (user !== undefined && summary.user !== user && !trace.spans.some((s) => userOf(s) === user)) {
    return false;
  }
  if (attribute && !trace.spans.some((span) => hasAttribute(span, attribute))) return false;
  return true;
}
