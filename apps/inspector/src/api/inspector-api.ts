import { accountTelemetry } from '../analysis/accounting';
import type { ReceiverRefusals } from '../analysis/accounting';
import { findTraceId } from '../analysis/find-trace';
import { toOtlpJson } from '../analysis/otlp-json';
import { PropagationIndex } from '../analysis/propagation';
import { parseRegion, selectRegion } from '../analysis/query-region';
import { buildServiceMap } from '../analysis/service-map';
import { DERIVED_FIELDS, routeOf, userOf } from '../analysis/span-fields';
import { parseSpanQuery, runSpanQuery } from '../analysis/span-query';
import { parseTelemetryFilter, traceMatches } from '../analysis/telemetry-filter';
import { diffTraces, medianTraceOf, sortBySelfDiff } from '../analysis/trace-compare';
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
  /** Where the trace's context was lost, as the trace page lists it (without the X-Ray checks). */
  propagationIssues: number;
}

/** Where the API finds counters beyond the store's (receivers, plugged-in endpoints). */
export type StatsSource = () => Record<string, unknown>;

/** Where the API finds what the receivers refused, for /api/accounting. */
export type RefusalSource = () => { refusals: ReceiverRefusals[] };

/** An answer sent as a file to save rather than shown (the OTLP JSON download). */
export class Download {
  constructor(
    readonly filename: string,
    readonly body: unknown,
  ) {}
}

const MAX_LIST = 500;
/** The least time between two builds of the propagation index. */
const PROPAGATION_REBUILD_MS = 5_000;

/**
 * The JSON API under /api that the UI (and the trace CLI) reads. Every answer is computed from the
 * store on request; nothing here writes.
 */
export class InspectorApi {
  private readonly colors = new ServiceColors();
  private propagation?: { version: number; builtAt: number; index: PropagationIndex };

  constructor(
    private readonly store: TelemetryStore,
    private readonly extraStats: StatsSource = () => ({}),
    private readonly refusals: RefusalSource = () => ({ refusals: [] }),
  ) {}

  /** Answers GET `path` (under /api) or throws an HttpError (404 for an unknown path). */
  get(path: string, params: URLSearchParams): unknown {
    if (path === '/api/traces') return this.traces(params);
    if (path.startsWith('/api/traces/')) {
      const [id, view, ...rest] = decodeURIComponent(path.slice('/api/traces/'.length)).split('/');
      if (rest.length) throw new HttpError(404, `no API at ${path}`);
      if (!view) return this.trace(id);
      if (view === 'otlp') return this.otlp(id);
      if (view === 'compare') return this.compare(id);
      throw new HttpError(404, `no API at ${path} (a trace has /otlp and /compare)`);
    }
    if (path === '/api/find') return { traceId: findTraceId(this.store, params.get('id') ?? '') };
    if (path === '/api/query') return this.query(params);
    if (path === '/api/query/region') return this.region(params);
    if (path === '/api/service-map') return this.serviceMap(params);
    if (path === '/api/facets') return this.facets();
    if (path === '/api/accounting') return this.accounting();
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
    const shown = matched.slice(0, limit);
    const propagation = shown.length ? this.propagationIndex() : undefined;
    const traces: TraceListItem[] = shown.map((summary) => ({
      ...summary,
      ...this.store.linkedCountsOf(summary.traceId),
      propagationIssues: propagation!.countOf(this.store.trace(summary.traceId)!),
    }));
    return {
      total: matched.length,
      traces,
      serviceColors: this.colors.colorsOf(new Set(traces.flatMap((trace) => trace.services))),
    };
  }

  /** GET /api/traces/<id|last>: the trace page. */
  private trace(idOrLast: string) {
    const view = buildTraceView(this.store, this.traceIdOf(idOrLast), this.propagationIndex());
    if (!view) throw notHere(idOrLast);
    return { ...view, serviceColors: this.colors.colorsOf(view.summary.services) };
  }

  /** GET /api/traces/<id>/otlp: the trace's spans as an OTLP/JSON export, to save. */
  private otlp(id: string) {
    const traceId = this.traceIdOf(id);
    const trace = this.store.trace(traceId);
    if (!trace) throw notHere(traceId);
    return new Download(`trace-${traceId}.json`, toOtlpJson(trace.spans));
  }

  /** GET /api/traces/<id>/compare: span by span against the median trace of its root route. */
  private compare(id: string) {
    const traceId = this.traceIdOf(id);
    const trace = this.store.trace(traceId);
    if (!trace) throw notHere(traceId);
    const summary = this.store.summaryOf(trace);
    const { median, sampleSize } = medianTraceOf(this.store, summary);
    if (!median) {
      throw new HttpError(
        404,
        `no other complete trace of ${summary.rootService} ${summary.route} to compare with`,
      );
    }
    const index = this.propagationIndex();
    const mine = buildTraceView(this.store, traceId, index)!;
    const theirs = buildTraceView(this.store, median.traceId, index)!;
    return {
      route: `${summary.rootService} ${summary.route}`,
      sampleSize,
      trace: summary,
      baseline: median,
      rows: sortBySelfDiff(diffTraces(mine.spans, theirs.spans)),
    };
  }

  /** GET /api/query: Honeycomb's calculations, groups and heatmap (see parseSpanQuery). */
  private query(params: URLSearchParams) {
    const result = runSpanQuery(this.store, parseSpanQuery(params));
    const serviceColors =
      result.groupBy === 'service.name'
        ? this.colors.colorsOf(result.groups.map((g) => g.key))
        : {};
    return { ...result, serviceColors };
  }

  /** GET /api/query/region: a heatmap region's (or the slowest spans') traces and BubbleUp. */
  private region(params: URLSearchParams) {
    const result = selectRegion(this.store, parseSpanQuery(params), parseRegion(params));
    return {
      ...result,
      serviceColors: this.colors.colorsOf(new Set(result.traces.flatMap((t) => t.services))),
    };
  }

  /** GET /api/service-map?sinceMinutes=N */
  private serviceMap(params: URLSearchParams) {
    const { sinceMs } = parseTelemetryFilter(params);
    const map = buildServiceMap(this.store, sinceMs);
    return { ...map, serviceColors: this.colors.colorsOf(map.nodes.map((node) => node.service)) };
  }

  /** GET /api/accounting: what was evicted or refused, and what services say they dropped. */
  private accounting() {
    return accountTelemetry(this.store, this.refusals().refusals);
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
        for (const key in span.resource) attributes.add(key);
      }
    }
    return {
      services: services.top(50),
      routes: routes.top(100),
      users: users.top(100),
      attributeKeys: [...new Set([...DERIVED_FIELDS, ...attributes.top(200)])],
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

  /** The trace id of a path segment: an id in any accepted form, or `last`. */
  private traceIdOf(idOrLast: string): string {
    if (idOrLast === 'last') {
      const traceId = this.store.latestTrace()?.traceId;
      if (!traceId) throw new HttpError(404, 'no trace received yet');
      return traceId;
    }
    const traceId = normalizeTraceId(idOrLast);
    if (!traceId) {
      throw new HttpError(
        400,
        `${JSON.stringify(idOrLast)} is not a trace id (32 hex digits, X-Ray's 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx, or a traceparent/traceresponse value)`,
      );
    }
    return traceId;
  }

  /**
   * The propagation index, rebuilt when spans changed but at most every few seconds: at the
   * 100,000-span cap a build costs a few hundred ms, and under steady ingest the spans change
   * between any two refreshes of the trace list. A count may lag new spans by that long.
   */
  private propagationIndex(): PropagationIndex {
    const version = this.store.spanVersion;
    const now = Date.now();
    const current = this.propagation;
    if (
      !current ||
      (current.version !== version && now - current.builtAt >= PROPAGATION_REBUILD_MS)
    ) {
      this.propagation = {
        version,
        builtAt: now,
        index: new PropagationIndex(this.store.allTraces()),
      };
    }
    return this.propagation!.index;
  }
}

function notHere(traceId: string): HttpError {
  return new HttpError(404, `trace ${traceId} is not here (never received, or evicted)`);
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
