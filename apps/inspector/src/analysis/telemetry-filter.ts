import type { DecodedSpan } from '@cruddur/telemetry-wire';
import { HttpError } from '../http/http-error';
import type { StoredTrace, TraceSummary } from '../store/telemetry-store';
import { OtlpSpanKind } from '@cruddur/telemetry-wire';
import { allConditionsHold, parseConditions } from './attribute-filter';
import type { AttributeCondition } from './attribute-filter';
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
  /**
   * Conditions one span must meet all of (`where=` and each `attr=`; see parseConditions): a
   * span passes if it meets them, a trace if one of its spans does.
   */
  conditions?: AttributeCondition[];
  /** Only what started at or after this time (ms since the epoch): sinceMinutes, or fromMs. */
  sinceMs?: number;
  /** Only what started before this time (ms since the epoch). */
  untilMs?: number;
  /** A call of the service map: `caller`'s span is the parent of a span of `callee`. */
  edge?: { caller: string; callee: string; kind?: 'request' | 'event' };
}

/**
 * Reads a filter from query parameters: service, route, status (ok|error), user, minDurationMs,
 * where (conditions: `key=value`, `key>n`, `key exists`…, joined by `,`), attr (one condition,
 * repeatable), sinceMinutes or fromMs/toMs, and caller/callee/edgeKind (a service map edge). Bad
 * values are a 400 naming the parameter.
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
  const conditions = [
    ...params.getAll('where').flatMap((where) => parseConditions(where, 'where')),
    ...params.getAll('attr').flatMap((attr) => parseConditions(attr, 'attr')),
  ];
  if (conditions.length) filter.conditions = conditions;
  const from = text('fromMs');
  if (from !== undefined)
    filter.sinceMs = Math.max(filter.sinceMs ?? 0, nonNegative('fromMs', from));
  const to = text('toMs');
  if (to !== undefined) filter.untilMs = nonNegative('toMs', to);
  const caller = text('caller');
  const callee = text('callee');
  if ((caller === undefined) !== (callee === undefined)) {
    throw new HttpError(400, 'caller and callee go together (a call of the service map)');
  }
  if (caller !== undefined && callee !== undefined) {
    const kind = text('edgeKind');
    if (kind !== undefined && kind !== 'request' && kind !== 'event') {
      throw new HttpError(400, `edgeKind must be request or event, got ${JSON.stringify(kind)}`);
    }
    filter.edge = { caller, callee, ...(kind ? { kind } : {}) };
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

/** Whether a call goes from a span of one service to a span of another, as the map draws it. */
export function edgeKindOf(parent: DecodedSpan, child: DecodedSpan): 'request' | 'event' {
  return parent.kind === OtlpSpanKind.Producer || child.kind === OtlpSpanKind.Consumer
    ? 'event'
    : 'request';
}

function hasEdge(trace: StoredTrace, edge: NonNullable<TelemetryFilter['edge']>): boolean {
  const byId = new Map<string, DecodedSpan>();
  for (const span of trace.spans) byId.set(span.spanId, span);
  for (const span of trace.spans) {
    if (span.serviceName !== edge.callee || !span.parentSpanId) continue;
    const parent = byId.get(span.parentSpanId);
    if (parent?.serviceName !== edge.caller) continue;
    if (!edge.kind || edgeKindOf(parent, span) === edge.kind) return true;
  }
  return false;
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
  if (filter.untilMs !== undefined && startMs >= filter.untilMs) return false;
  if (filter.conditions && !allConditionsHold(span, filter.conditions)) return false;
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
  if (filter.untilMs !== undefined && summary.startMs >= filter.untilMs) return false;
  const { route, user, conditions, edge } = filter;
  if (route !== undefined && !trace.spans.some((span) => routeOf(span) === route)) return false;
  if (user !== undefined && summary.user !== user && !trace.spans.some((s) => userOf(s) === user)) {
    return false;
  }
  if (conditions && !trace.spans.some((span) => allConditionsHold(span, conditions))) return false;
  if (edge && !hasEdge(trace, edge)) return false;
  return true;
}
