/** The timing of one span, all a critical-path or self-time computation needs. */
export interface SpanTiming {
  spanId: string;
  /** Undefined, or not among the spans given, for a root. */
  parentSpanId?: string;
  startMs: number;
  endMs: number;
}

/** A stretch of the critical path: the request was waiting on `spanId` from `startMs` to `endMs`. */
export interface CriticalSection {
  spanId: string;
  startMs: number;
  endMs: number;
}

/**
 * The critical path of a trace, as Jaeger computes it: start at the root's end and walk back in
 * time; at each span, the child that finished last (before the point reached) is what the span
 * was waiting for, so the path goes down into it, and comes back up to the parent at that child's
 * start. Stretches where no child was running belong to the span itself. Children are first
 * clipped to their parent (a child running past its parent's end did not hold the parent up),
 * and children starting after their parent ended are ignored.
 *
 * Returns the sections latest first, as the walk finds them; their lengths add up to the root's
 * duration. Iterative, so a hostile trace nested 100,000 deep cannot overflow the stack.
 */
export function criticalPath(spans: readonly SpanTiming[]): CriticalSection[] {
  if (!spans.length) return [];
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const children = new Map<string, SpanTiming[]>();
  let root: SpanTiming | undefined;
  for (const span of spans) {
    const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
    if (!parent || parent === span) {
      // The earliest root (or orphan) is the request; it is what the user waited on.
      if (!root || span.startMs < root.startMs) root = span;
      continue;
    }
    const list = children.get(parent.spanId);
    if (list) list.push(span);
    else children.set(parent.spanId, [span]);
  }
  if (!root) return [];
  // Clipped copies: [start, end] of each child within its parent's, top down.
  const clipped = new Map<string, { startMs: number; endMs: number }>();
  clipped.set(root.spanId, { startMs: root.startMs, endMs: root.endMs });
  const order: SpanTiming[] = [root];
  for (let i = 0; i < order.length; i++) {
    const parent = clipped.get(order[i].spanId)!;
    for (const child of children.get(order[i].spanId) ?? []) {
      if (clipped.has(child.spanId) || child.startMs > parent.endMs) continue;
      clipped.set(child.spanId, {
        startMs: Math.max(child.startMs, parent.startMs),
        endMs: Math.min(child.endMs, parent.endMs),
      });
      order.push(child);
    }
  }
  const parentOf = (spanId: string) => {
    const parentId = byId.get(spanId)?.parentSpanId;
    return parentId && clipped.has(parentId) && spanId !== root!.spanId ? parentId : undefined;
  };

  const sections: CriticalSection[] = [];
  let current: string | undefined = root.spanId;
  /** Where the walk is in time: the end of what is still to be explained in `current`. */
  let until = clipped.get(root.spanId)!.endMs;
  /** Children already walked into: a zero-length child ends where it starts, so `until` alone
   * would pick it again. */
  const walked = new Set<string>();
  const guard = spans.length * 4 + 4;
  for (let steps = 0; current && steps < guard; steps++) {
    const span: { startMs: number; endMs: number } = clipped.get(current)!;
    let lastChild: string | undefined;
    let lastEnd = -Infinity;
    for (const child of children.get(current) ?? []) {
      const timing = clipped.get(child.spanId);
      if (!timing || walked.has(child.spanId) || timing.endMs > until) continue;
      if (
        timing.endMs > lastEnd ||
        (timing.endMs === lastEnd && lastChild && child.spanId < lastChild)
      ) {
        lastEnd = timing.endMs;
        lastChild = child.spanId;
      }
    }
    if (lastChild) {
      if (lastEnd < until) sections.push({ spanId: current, startMs: lastEnd, endMs: until });
      walked.add(lastChild);
      current = lastChild;
      until = lastEnd;
      continue;
    }
    // No child left before `until`: the span itself was the work, back to its start; then the
    // parent resumes from this span's start.
    if (until > span.startMs)
      sections.push({ spanId: current, startMs: span.startMs, endMs: until });
    const parent = parentOf(current);
    until = span.startMs;
    current = parent;
  }
  return sections;
}

/**
 * Each span's self time: its duration minus the time at least one of its children was running
 * (children clipped to the span; overlapping children counted once). Jaeger's "self time".
 */
export function selfTimes(spans: readonly SpanTiming[]): Map<string, number> {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const childIntervals = new Map<string, Array<[number, number]>>();
  for (const span of spans) {
    const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
    if (!parent || parent === span) continue;
    const start = Math.max(span.startMs, parent.startMs);
    const end = Math.min(span.endMs, parent.endMs);
    if (end <= start) continue;
    const list = childIntervals.get(parent.spanId);
    if (list) list.push([start, end]);
    else childIntervals.set(parent.spanId, [[start, end]]);
  }
  const result = new Map<string, number>();
  for (const span of spans) {
    const duration = Math.max(0, span.endMs - span.startMs);
    const intervals = childIntervals.get(span.spanId);
    if (!intervals) {
      result.set(span.spanId, duration);
      continue;
    }
    intervals.sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let [runStart, runEnd] = intervals[0];
    for (const [start, end] of intervals.slice(1)) {
      if (start > runEnd) {
        covered += runEnd - runStart;
        [runStart, runEnd] = [start, end];
      } else if (end > runEnd) runEnd = end;
    }
    covered += runEnd - runStart;
    result.set(span.spanId, Math.max(0, duration - covered));
  }
  return result;
}

/** Milliseconds each span spent on the critical path (0 or absent when it never was). */
export function criticalTimes(sections: readonly CriticalSection[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const section of sections) {
    times.set(section.spanId, (times.get(section.spanId) ?? 0) + section.endMs - section.startMs);
  }
  return times;
}
