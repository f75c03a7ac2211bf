/**
 * The duration scatter's pure part: where each trace's dot goes. Time runs left to right over
 * the traces shown, duration bottom to top on a log scale (a few slow requests among many fast
 * ones stay readable).
 */
export function scatterPoints(traces, { width, height, padding = 8 }) {
  if (!traces.length) return { points: [], minMs: 0, maxMs: 0, fromMs: 0, toMs: 0 };
  const starts = traces.map((trace) => trace.startMs);
  const durations = traces.map((trace) => Math.max(0.01, trace.durationMs));
  const fromMs = Math.min(...starts);
  const toMs = Math.max(...starts);
  const minMs = Math.min(...durations);
  const maxMs = Math.max(...durations);
  const logMin = Math.log(minMs);
  const logSpan = Math.log(maxMs) - logMin || 1;
  const timeSpan = toMs - fromMs || 1;
  const points = traces.map((trace, index) => ({
    traceId: trace.traceId,
    error: trace.errorCount > 0,
    x: padding + ((starts[index] - fromMs) / timeSpan) * (width - 2 * padding),
    y:
      height - padding - ((Math.log(durations[index]) - logMin) / logSpan) * (height - 2 * padding),
  }));
  return { points, minMs, maxMs, fromMs, toMs };
}
