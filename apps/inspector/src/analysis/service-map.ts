import { OtlpSpanKind } from '@cruddur/telemetry-wire';
import type { DecodedSpan } from '@cruddur/telemetry-wire';
import type { TelemetryStore } from '../store/telemetry-store';
import { figures } from './percentiles';
import { endMsOf, isErrorSpan, startMsOf } from './span-fields';
import { edgeKindOf } from './telemetry-filter';

/** A service: the requests it served (its entry spans). */
export interface ServiceNode {
  service: string;
  spanCount: number;
  /** Spans that entered the service: roots, and children of another service's span. */
  requests: number;
  errorRate: number;
  p90Ms: number;
  /** When the service's latest span ended (ms since the epoch); 0 for a peer that never reported. */
  lastHeardMs: number;
  /** Its replicas: the distinct `service.instance.id`s of its spans' resources, sorted. */
  instances: string[];
}

/** Calls from one service to another: requests (client→server) and events (producer→consumer) apart. */
export interface ServiceEdge {
  from: string;
  to: string;
  kind: 'request' | 'event';
  count: number;
  /** Calls per minute over the map's time window. */
  ratePerMinute: number;
  errorRate: number;
  /** As the caller saw it: its client/producer span when it has one, else the callee's span. */
  p90Ms: number;
}

export interface ServiceMap {
  nodes: ServiceNode[];
  edges: ServiceEdge[];
}

const CALLER_KINDS = new Set<number>([OtlpSpanKind.Client, OtlpSpanKind.Producer]);

/**
 * Services and the calls between them, from parent/child links that cross a service boundary.
 * A client span whose callee never reported (down, or not instrumented) still makes an edge, to
 * the peer its attributes name (peer.service, rpc.service, server.address), so failed calls show.
 */
export function buildServiceMap(
  store: TelemetryStore,
  sinceMs?: number,
  now = Date.now(),
): ServiceMap {
  const nodes = new Map<
    string,
    {
      spans: number;
      entries: number[];
      errors: number;
      lastHeardMs: number;
      instances: Set<string>;
    }
  >();
  const edges = new Map<
    string,
    { from: string; to: string; kind: 'request' | 'event'; latencies: number[]; errors: number }
  >();
  let earliest = Infinity;
  const nodeOf = (service: string) => {
    let node = nodes.get(service);
    if (!node) {
      node = { spans: 0, entries: [], errors: 0, lastHeardMs: 0, instances: new Set() };
      nodes.set(service, node);
    }
    return node;
  };
  const addEdge = (
    from: string,
    to: string,
    kind: 'request' | 'event',
    latencyMs: number,
    failed: boolean,
  ) => {
    const key = `${from}\u0000${to}\u0000${kind}`;
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { from, to, kind, latencies: [], errors: 0 }));
    edge.latencies.push(latencyMs);
    if (failed) edge.errors++;
  };

  for (const trace of store.allTraces()) {
    const byId = new Map<string, DecodedSpan>();
    for (const span of trace.spans) byId.set(span.spanId, span);
    /** Caller spans whose callee reported, and spans with a child in their own service. */
    const answered = new Set<string>();
    for (const span of trace.spans) {
      const start = startMsOf(span);
      if (sinceMs !== undefined && start < sinceMs) continue;
      if (start < earliest) earliest = start;
      const node = nodeOf(span.serviceName);
      node.spans++;
      const end = endMsOf(span);
      if (end > node.lastHeardMs) node.lastHeardMs = end;
      const instance = span.resource['service.instance.id'];
      if (typeof instance === 'string' && instance) node.instances.add(instance);
      const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
      if (parent && parent.serviceName === span.serviceName) {
        answered.add(parent.spanId);
        continue;
      }
      node.entries.push(span.durationMs);
      if (isErrorSpan(span)) node.errors++;
      if (!parent) continue;
      const callerSide = CALLER_KINDS.has(parent.kind);
      if (callerSide) answered.add(parent.spanId);
      addEdge(
        parent.serviceName,
        span.serviceName,
        edgeKindOf(parent, span),
        callerSide ? parent.durationMs : span.durationMs,
        isErrorSpan(span) || (callerSide && isErrorSpan(parent)),
      );
    }
    for (const span of trace.spans) {
      if (!CALLER_KINDS.has(span.kind) || answered.has(span.spanId)) continue;
      if (sinceMs !== undefined && startMsOf(span) < sinceMs) continue;
      const peer = peerOf(span);
      if (peer && peer !== span.serviceName) {
        nodeOf(peer);
        addEdge(
          span.serviceName,
          peer,
          span.kind === OtlpSpanKind.Producer ? 'event' : 'request',
          span.durationMs,
          isErrorSpan(span),
        );
      }
    }
  }

  // The window the rates are over: the asked-for one, else since the first span seen.
  const windowMinutes = Math.max(1, (now - (sinceMs ?? Math.min(earliest, now))) / 60_000);
  return {
    nodes: [...nodes.entries()]
      .map(([service, node]) => {
        const { p90 } = figures(node.entries, 0);
        return {
          service,
          spanCount: node.spans,
          requests: node.entries.length,
          errorRate: node.entries.length ? node.errors / node.entries.length : 0,
          p90Ms: p90,
          lastHeardMs: node.lastHeardMs,
          instances: [...node.instances].sort(),
        };
      })
      .sort((a, b) => a.service.localeCompare(b.service)),
    edges: [...edges.values()]
      .map((edge) => ({
        from: edge.from,
        to: edge.to,
        kind: edge.kind,
        count: edge.latencies.length,
        ratePerMinute: edge.latencies.length / windowMinutes,
        errorRate: edge.errors / edge.latencies.length,
        p90Ms: figures(edge.latencies, 0).p90,
      }))
      .sort(
        (a, b) =>
          a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.kind.localeCompare(b.kind),
      ),
  };
}

function peerOf(span: DecodedSpan): string | undefined {
  for (const key of ['peer.service', 'rpc.service', 'server.address', 'net.peer.name']) {
    const value = span.attributes[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
