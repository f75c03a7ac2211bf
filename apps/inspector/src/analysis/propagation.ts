import { OtlpSpanKind } from '@cruddur/telemetry-wire';
import type { DecodedSpan } from '@cruddur/telemetry-wire';
import type { XraySegmentRecord } from '../store/telemetry-records';
import type { StoredTrace } from '../store/telemetry-store';
import { endMsOf, startMsOf } from './span-fields';

/** Where a trace's context was (probably) lost. */
export interface PropagationIssue {
  kind:
    | 'missing-parent'
    | 'context-lost'
    | 'started-new-trace'
    | 'segment-without-span'
    | 'span-without-segment';
  /** The span of this trace the issue is about (absent for a segment without a span). */
  spanId?: string;
  /** One sentence for the trace page. */
  message: string;
  /** The other half, in another trace: the new trace a call started, or the call that started this one. */
  other?: { traceId: string; spanId: string; service: string; name: string };
}

const CALLER_KINDS = new Set<number>([OtlpSpanKind.Client, OtlpSpanKind.Producer]);
const ENTRY_KINDS = new Set<number>([OtlpSpanKind.Server, OtlpSpanKind.Consumer]);
/** Clock skew allowed between a caller's span and its callee's (same machine: small). */
const SKEW_MS = 5;
/** A callee starts within this long after its caller's span ends when the call is async. */
const ASYNC_SLACK_MS = 1000;

interface Candidate {
  traceId: string;
  span: DecodedSpan;
  startMs: number;
  endMs: number;
}

/**
 * Caller spans with no child and entry spans with no parent, across every stored trace, so a
 * trace's lost halves can be found in other traces. Build one per request (it is O(spans)).
 */
export class PropagationIndex {
  /**
   * SERVER/CONSUMER spans without a parent id (each began a trace), by start time, listed under
   * each key a caller could match them by (see matchKeys): only those can score.
   */
  private readonly roots = new Map<string, Candidate[]>();
  /** CLIENT/PRODUCER spans no stored span names as parent, by start time, by match key. */
  private readonly childless = new Map<string, Candidate[]>();
  private readonly orphans = new Map<string, number>();

  constructor(traces: Iterable<StoredTrace>) {
    for (const trace of traces) {
      const ids = new Set<string>();
      const parents = new Set<string>();
      for (const span of trace.spans) {
        ids.add(span.spanId);
        if (span.parentSpanId) parents.add(span.parentSpanId);
      }
      let orphans = 0;
      for (const span of trace.spans) {
        if (span.parentSpanId && !ids.has(span.parentSpanId)) orphans++;
        const candidate = () => ({
          traceId: trace.traceId,
          span,
          startMs: startMsOf(span),
          endMs: endMsOf(span),
        });
        if (!span.parentSpanId && ENTRY_KINDS.has(span.kind)) {
          file(this.roots, entryKeys(span), candidate());
        } else if (CALLER_KINDS.has(span.kind) && !parents.has(span.spanId)) {
          file(this.childless, callerKeys(span), candidate());
        }
      }
      if (orphans) this.orphans.set(trace.traceId, orphans);
    }
    for (const list of [...this.roots.values(), ...this.childless.values()]) {
      list.sort((a, b) => a.startMs - b.startMs);
    }
  }

  /** How many issues the trace list shows for a trace (without the X-Ray checks). */
  countOf(trace: StoredTrace): number {
    return this.spanIssuesOf(trace).length;
  }

  /** The issues found from spans alone: missing parents, and calls whose callee began a new trace. */
  spanIssuesOf(trace: StoredTrace): PropagationIssue[] {
    const issues: PropagationIssue[] = [];
    const ids = new Set(trace.spans.map((span) => span.spanId));
    const parents = new Set(trace.spans.map((span) => span.parentSpanId));
    for (const span of trace.spans) {
      if (span.parentSpanId && !ids.has(span.parentSpanId)) {
        // An entry span whose caller is outside the mesh (a browser, a load balancer) names a
        // parent that was never exported here; it is still where the trace's start went missing.
        const caller = this.callerOf(span, trace.traceId, true);
        issues.push({
          kind: 'missing-parent',
          spanId: span.spanId,
          message: `${span.serviceName} "${span.name}" names parent span ${span.parentSpanId}, which never arrived (its service exports elsewhere, or that export was lost)`,
          ...(caller ? { other: caller } : {}),
        });
      }
      if (!span.parentSpanId && ENTRY_KINDS.has(span.kind)) {
        const caller = this.callerOf(span, trace.traceId, false);
        if (caller) {
          issues.push({
            kind: 'started-new-trace',
            spanId: span.spanId,
            message: `${span.serviceName} "${span.name}" started a new trace, but ${caller.service} "${caller.name}" (trace ${caller.traceId}) called it then and has no child: the call did not carry the trace context`,
            other: caller,
          });
        }
      }
      if (CALLER_KINDS.has(span.kind) && !parents.has(span.spanId)) {
        const callee = this.calleeOf(span, trace.traceId);
        if (callee) {
          issues.push({
            kind: 'context-lost',
            spanId: span.spanId,
            message: `${span.serviceName} "${span.name}" has no child, and ${callee.service} "${callee.name}" began trace ${callee.traceId} while it ran: the call did not carry the trace context`,
            other: callee,
          });
        }
      }
    }
    return issues;
  }

  /**
   * A childless caller in another trace that `entry` most likely answered. The pairing must be
   * mutual (the caller's best callee is this entry), so a busy service's unrelated request at the
   * same moment is not blamed.
   */
  private callerOf(entry: DecodedSpan, traceId: string, anyKind: boolean) {
    const best = this.bestCallerOf(entry, traceId, anyKind);
    if (!best || this.bestCalleeOf(best.span, best.traceId)?.span !== entry) return undefined;
    return describe(best);
  }

  /** A trace-starting entry span in another trace that answered `caller` (mutual, as above). */
  private calleeOf(caller: DecodedSpan, traceId: string) {
    const best = this.bestCalleeOf(caller, traceId);
    if (!best || this.bestCallerOf(best.span, best.traceId, false)?.span !== caller) {
      return undefined;
    }
    return describe(best);
  }

  private bestCallerOf(entry: DecodedSpan, traceId: string, anyKind: boolean) {
    if (!anyKind && !ENTRY_KINDS.has(entry.kind)) return undefined;
    const start = startMsOf(entry);
    let best: Candidate | undefined;
    let bestScore = 0;
    // Callers that started before the entry (allowing skew), at most a minute earlier.
    for (const key of entryKeys(entry)) {
      const list = this.childless.get(key) ?? [];
      for (let i = upperBound(list, start + SKEW_MS) - 1; i >= 0; i--) {
        const caller = list[i];
        if (caller.startMs < start - 60_000) break;
        if (caller.traceId === traceId || caller.span.serviceName === entry.serviceName) continue;
        if (start > caller.endMs + ASYNC_SLACK_MS) continue;
        const score = matchScore(caller.span, entry);
        if (score > bestScore) [best, bestScore] = [caller, score];
      }
    }
    return best;
  }

  private bestCalleeOf(caller: DecodedSpan, traceId: string) {
    const start = startMsOf(caller);
    const end = endMsOf(caller) + ASYNC_SLACK_MS;
    let best: Candidate | undefined;
    let bestScore = 0;
    for (const key of callerKeys(caller)) {
      const list = this.roots.get(key) ?? [];
      for (let i = lowerBound(list, start - SKEW_MS); i < list.length; i++) {
        const root = list[i];
        if (root.startMs > end) break;
        if (root.traceId === traceId || root.span.serviceName === caller.serviceName) continue;
        const score = matchScore(caller, root.span);
        if (score > bestScore) [best, bestScore] = [root, score];
      }
    }
    return best;
  }

  /** Missing-parent counts, for tests and stats. */
  orphanCountOf(traceId: string): number {
    return this.orphans.get(traceId) ?? 0;
  }
}

/**
 * X-Ray and OpenTelemetry disagreeing about one trace: the services' X-Ray recorder gives each
 * segment its span's id, so a segment id with no span (or a server span of a service that sends
 * segments, with no segment) means one of the two lost the request.
 */
export function xrayIssuesOf(
  spans: readonly DecodedSpan[],
  segments: readonly XraySegmentRecord[],
): PropagationIssue[] {
  if (!segments.length) return [];
  const issues: PropagationIssue[] = [];
  const spanIds = new Set(spans.map((span) => span.spanId));
  const segmentIds = new Set<string>();
  const xrayServices = new Set<string>();
  for (const { document } of segments) {
    segmentIds.add(document.id);
    xrayServices.add(document.name);
    if (!spanIds.has(document.id)) {
      issues.push({
        kind: 'segment-without-span',
        message: `X-Ray segment "${document.name}" (${document.id}) has no span of that id in this trace`,
      });
    }
  }
  for (const span of spans) {
    if (span.kind !== OtlpSpanKind.Server || !xrayServices.has(span.serviceName)) continue;
    if (!segmentIds.has(span.spanId)) {
      issues.push({
        kind: 'span-without-segment',
        spanId: span.spanId,
        message: `${span.serviceName} sends X-Ray segments, but its server span "${span.name}" has none`,
      });
    }
  }
  return issues;
}

/**
 * The keys a caller can be matched by: its name, the service it names as peer, its path. A pair
 * scores (matchScore) only if they share one, so the index lists each span under these.
 */
function callerKeys(caller: DecodedSpan): string[] {
  const keys = [`name:${caller.name}`];
  const peer = text(caller, ['peer.service', 'rpc.service', 'messaging.destination.name']);
  if (peer) keys.push(`service:${peer}`);
  const path = text(caller, ['url.path', 'http.target'])?.split('?')[0];
  if (path) keys.push(`path:${path}`);
  return keys;
}

/** The same keys as seen from the entry span: its name, its own service, its path. */
function entryKeys(entry: DecodedSpan): string[] {
  const keys = [`name:${entry.name}`, `service:${entry.serviceName}`];
  const path = text(entry, ['url.path', 'http.target', 'http.route'])?.split('?')[0];
  if (path) keys.push(`path:${path}`);
  return keys;
}

function file(index: Map<string, Candidate[]>, keys: readonly string[], candidate: Candidate) {
  for (const key of keys) {
    const list = index.get(key);
    if (list) list.push(candidate);
    else index.set(key, [candidate]);
  }
}

/**
 * How alike a caller and an entry span look: the peer the caller names is the entry's service,
 * the names match, or the path matches. 0 means "not this one".
 */
function matchScore(caller: DecodedSpan, entry: DecodedSpan): number {
  let score = 0;
  const peer = text(caller, ['peer.service', 'rpc.service', 'messaging.destination.name']);
  if (peer && peer === entry.serviceName) score += 2;
  if (caller.name === entry.name) score += 2;
  const callerPath = text(caller, ['url.path', 'http.target'])?.split('?')[0];
  const entryPath = text(entry, ['url.path', 'http.target', 'http.route'])?.split('?')[0];
  if (callerPath && entryPath && callerPath === entryPath) score += 2;
  const server = text(caller, ['server.address', 'net.peer.name']);
  if (server && server === entry.serviceName) score += 1;
  return score >= 2 ? score : 0;
}

function text(span: DecodedSpan, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = span.attributes[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

function describe(candidate: Candidate) {
  return {
    traceId: candidate.traceId,
    spanId: candidate.span.spanId,
    service: candidate.span.serviceName,
    name: candidate.span.name,
  };
}

/** The first index whose startMs is ≥ `ms`. */
function lowerBound(list: readonly Candidate[], ms: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid].startMs < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index whose startMs is > `ms`. */
function upperBound(list: readonly Candidate[], ms: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid].startMs <= ms) low = mid + 1;
    else high = mid;
  }
  return low;
}
