/**
 * The waterfall's pure parts: which rows show when subtrees are collapsed, which spans match a
 * search, and where bars and critical-path stretches sit on the track. Spans come in the API's
 * waterfall order (depth first) with their `depth`.
 */

/** For each span id, how many spans sit beneath it (its whole subtree, itself excluded). */
export function subtreeSizes(spans) {
  const sizes = new Map();
  const open = [];
  for (const span of spans) {
    while (open.length && open[open.length - 1].depth >= span.depth) open.pop();
    for (const ancestor of open) sizes.set(ancestor.spanId, sizes.get(ancestor.spanId) + 1);
    sizes.set(span.spanId, 0);
    open.push(span);
  }
  return sizes;
}

/**
 * The rows to draw: every span not inside a collapsed subtree, each with `childCount` (its
 * subtree size, for the toggle) and `collapsed`.
 */
export function visibleRows(spans, collapsed) {
  const sizes = subtreeSizes(spans);
  const rows = [];
  let hideBelowDepth = Infinity;
  for (const span of spans) {
    if (span.depth > hideBelowDepth) continue;
    hideBelowDepth = Infinity;
    const isCollapsed = collapsed.has(span.spanId) && sizes.get(span.spanId) > 0;
    rows.push({ span, childCount: sizes.get(span.spanId), collapsed: isCollapsed });
    if (isCollapsed) hideBelowDepth = span.depth;
  }
  return rows;
}

/**
 * The ids of spans matching a search: every word of `query` (case-insensitive) found in the
 * span's name, service, id, status message, or an attribute's key or value.
 */
export function searchSpans(spans, query) {
  const words = String(query || '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  const matches = new Set();
  if (!words.length) return matches;
  for (const span of spans) {
    const haystack = [
      span.name,
      span.service,
      span.spanId,
      span.status?.message ?? '',
      ...Object.entries(span.attributes ?? {}).map(
        ([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : value}`,
      ),
    ]
      .join('\n')
      .toLowerCase();
    if (words.every((word) => haystack.includes(word))) matches.add(span.spanId);
  }
  return matches;
}

/**
 * The ids of the ancestors of `spanIds` (so collapsed subtrees holding a search match can be
 * opened).
 */
export function ancestorsOf(spans, spanIds) {
  const parentOf = new Map(spans.map((span) => [span.spanId, span.parentSpanId]));
  const ancestors = new Set();
  for (const id of spanIds) {
    let parent = parentOf.get(id);
    const seen = new Set();
    while (parent && parentOf.has(parent) && !seen.has(parent)) {
      seen.add(parent);
      ancestors.add(parent);
      parent = parentOf.get(parent);
    }
  }
  return ancestors;
}

/** A bar's left edge and width in % of the track; always at least 0.4% wide so it shows. */
export function barGeometry(span, totalMs) {
  const total = Math.max(totalMs, 0.001);
  const left = Math.min(100, Math.max(0, (span.offsetMs / total) * 100));
  const width = Math.max(0.4, Math.min(100 - left, (span.durationMs / total) * 100));
  return { left, width };
}

/**
 * The critical-path stretches of one span, as {left, width} in % of the track (the API gives
 * sections in ms from the trace start).
 */
export function criticalStretches(criticalPath, spanId, totalMs) {
  const total = Math.max(totalMs, 0.001);
  return criticalPath
    .filter((section) => section.spanId === spanId)
    .map((section) => ({
      left: (section.startMs / total) * 100,
      width: Math.max(0.2, ((section.endMs - section.startMs) / total) * 100),
    }))
    .sort((a, b) => a.left - b.left);
}
