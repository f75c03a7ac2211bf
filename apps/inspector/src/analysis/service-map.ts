import { OtlpSpanKind } from '@cruddur/telemetry-wire';
import type { DecodedSpan } from '@cruddur/telemetry-wire';
import type { TelemetryStore } from '../store/telemetry-store';
import { figures } from './latency-query';
import { isErrorSpan, startMsOf } from './span-fields';

/** A service: the requests it served (its entry spans). */
export interface ServiceNode {
  service: string;
  spanCount: number;
  /** Spans that entered the service: roots, and children of another service's span. */
  requests: number;
  errorRate: number;
  p90Ms: number;
}

/** Calls from one service to another. */
export interface ServiceEdge {
  from: string;
  to: string;
  count: number;
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
export function buildServiceMap(store: TelemetryStore, sinceMs?: number): ServiceMap {
  const nodes = new Map<string, { spans: number; entries: number[]; errors: number }>();
  const edges = new Map<
    string,
    { from: string; to: string; latencies: number[]; errors: number }
  >();
  const nodeOf = (service: string) => {
    let node = nodes.get(service);
    if (!node) nodes.set(service, (node = { spans: 0, entries: [], errors: 0 }));
    return node;
  };
  const addEdge = (from: string, to: string, latencyMs: number, failed: boolean) => {
    const key = `${from}\u0000${to}`;
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { from, to, latencies: [], errors: 0 }));
    edge.latencies.push(latencyMs);
    if (failed) edge.errors++;
  };

  for (const trace of store.allTraces()) {
    const byId = new Map<string, DecodedSpan>();
    for (const span of trace.spans) byId.set(span.spanId, span);
    /** Caller spans whose callee reported, and spans with a child in their own service. */
    const answered = new Set<string>();
    for (const span of trace.spans) {
      if (sinceMs !== undefined && startMsOf(span) < sinceMs) continue;
      const node = nodeOf(span.serviceName);
      node.spans++;
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
        addEdge(span.serviceName, peer, span.durationMs, isErrorSpan(span));
      }
    }
  }

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
        };
      })
      .sort((a, b) => a.service.localeCompare(b.service)),
    edges: [...edges.values()]
      .map((edge) => ({
        from: edge.from,
        to: edge.to,
        count: edge.latencies.length,
        errorRate: edge.errors / edge.latencies.length,
        p90Ms: figures(edge.latencies, 0).p90,
      }))
      .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}

function peerOf(span: DecodedSpan): string | undefined {
  for (const key of ['peer.service', 'rpc.service', 'server.address', 'net.peer.name']) {
    const value = span.attributes[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
