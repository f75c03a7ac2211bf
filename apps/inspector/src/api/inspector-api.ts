import { parseLatencyQuery, runLatencyQuery } from '../analysis/latency-query';
import { buildServiceMap } from '../analysis/service-map';
import { routeOf, userOf } from '../analysis/span-fields';
import { parseTelemetryFilter, traceMatches } from '../analysis/telemetry-filter';
import { buildTraceView } from '../analysis/trace-view';
import { HttpError } from '../http/http-error';
import type { TelemetryStore, TraceSummary } from '../store/telemetry-store';
import { normalizeTraceId } from '../store/trace-ids';
import { ServiceColors } from './service-colors';

/** A row of the trace list. */
export interface TraceListItem extends TraceSummary {
  logEvents: number;
  xraySegments: number;
  rollbarItems: number;
}

/** Where the API finds counters beyond the store's (receivers, plugged-in endpoints). */
export type StatsSource = () => Record<string, unknown>;

const MAX_LIST = 500;

/**
 * The JSON API under /api that the UI (and the trace CLI) reads. Every answer is computed from the
 * store on request; nothing here writes.
 */
export class InspectorApi {
  private readonly colors = new ServiceColors();

  constructor(
    private readonly store: TelemetryStore,
    private readonly extraStats: StatsSource = () => ({}),
  ) {}

  /** Answers GET `path` (under /api) or throws an HttpError (404 for an unknown path). */
  get(path: string, params: URLSearchParams): unknown {
    if (path === '/api/traces') return this.traces(params);
    if (path.startsWith('/api/traces/')) {
      return this.trace(decodeURIComponent(path.slice('/api/traces/'.length)));
    }
    if (path === '/api/query') return this.query(params);
    if (path === '/api/service-map') return this.serviceMap(params);
    if (path === '/api/facets') return this.facets();
    if (path === '/api/logs') return this.recent(params, (n) => this.store.recentLogEvents(n));
    if (path === '/api/xray-segments') {
      return this.recent(params, (n) => this.store.recentXraySegments(n));
    }
    if (path === '/api/rollbar-items') {
      return this.recent(params, (n) => this.store.recentRollbarItems(n));
    }
    if (path === '/api/stats') return this.stats();
    throw new HttpError(404, `no API at ${path}`);
  }

  /** GET /api/traces: recent traces, newest first, filtered (see parseTelemetryFilter) + limit. */
  private traces(params: URLSearchParams) {
    const filter = parseTelemetryFilter(params);
    const limit = limitOf(params, 100);
    const matched: TraceSummary[] = [];
    for (const trace of this.store.allTraces()) {
      const summary = this.store.summaryOf(trace);
      if (traceMatches(trace, summary, filter)) matched.push(summary);
    }
    matched.sort((a, b) => b.startMs - a.startMs);
    const traces: TraceListItem[] = matched
      .slice(0, limit)
      .map((summary) => ({ ...summary, ...this.store.linkedCountsOf(summary.traceId) }));
    return {
      total: matched.length,
      traces,
      serviceColors: this.colors.colorsOf(new Set(traces.flatMap((trace) => trace.services))),
    };
  }

  /** GET /api/traces/<id|last>: the trace page. */
  private trace(idOrLast: string) {
    let traceId: string | undefined;
    if (idOrLast === 'last') {
      traceId = this.store.latestTrace()?.traceId;
      if (!traceId) throw new HttpError(404, 'no trace received yet');
    } else {
      traceId = normalizeTraceId(idOrLast);
      if (!traceId) {
        throw new HttpError(
          400,
          `${JSON.stringify(idOrLast)} is not a trace id (32 hex digits, or X-Ray's 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx)`,
        );
      }
    }
    const view = buildTraceView(this.store, traceId);
    if (!view) {
      throw new HttpError(404, `trace ${traceId} is not here (never received, or evicted)`);
    }
    return { ...view, serviceColors: this.colors.colorsOf(view.summary.services) };
  }

  /** GET /api/query: count, percentiles and heatmap (see parseLatencyQuery). */
  private query(params: URLSearchParams) {
    const result = runLatencyQuery(this.store, parseLatencyQuery(params));
    const serviceColors =
      result.groupBy === 'service' ? this.colors.colorsOf(result.groups.map((g) => g.key)) : {};
    return { ...result, serviceColors };
  }

  /** GET /api/service-map?sinceMinutes=N */
  private serviceMap(params: URLSearchParams) {
    const { sinceMs } = parseTelemetryFilter(params);
    const map = buildServiceMap(this.store, sinceMs);
    return { ...map, serviceColors: this.colors.colorsOf(map.nodes.map((node) => node.service)) };
  }

  /** GET /api/facets: the values the UI's filters offer, most frequent first. */
  private facets() {
    const services = new Counter();
    const routes = new Counter();
    const users = new Counter();
    const attributes = new Counter();
    for (const trace of this.store.allTraces()) {
      for (const span of trace.spans) {
        services.add(span.serviceName);
        routes.add(routeOf(span));
        const user = userOf(span);
        if (user) users.add(user);
        for (const key in span.attributes) attributes.add(key);
      }
    }
    return {
      services: services.top(50),
      routes: routes.top(100),
      users: users.top(100),
      attributeKeys: attributes.top(200),
    };
  }

  private recent<T>(params: URLSearchParams, read: (limit: number) => T[]) {
    return { items: read(limitOf(params, 100)) };
  }

  /** GET /api/stats: what is stored, what was evicted or refused, and the process's memory. */
  private stats() {
    const memory = process.memoryUsage();
    return {
      store: this.store.stats(),
      ...this.extraStats(),
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    };
  }
}

function limitOf(params: URLSearchParams, fallback: number): number {
  const raw = params.get('limit');
  if (raw === null) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) {
    throw new HttpError(400, `limit must be a whole number from 1 to ${MAX_LIST}`);
  }
  return limit;
}

/** Counts values and lists the most frequent. */
class Counter {
  private readonly counts = new Map<string, number>();

  add(value: string): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  top(limit: number): string[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([value]) => value);
  }
}
