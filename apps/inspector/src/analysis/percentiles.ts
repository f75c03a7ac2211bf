/** Count and latency figures of a set of spans. */
export interface LatencyFigures {
  count: number;
  errorCount: number;
  p50: number;
  p90: number;
  p99: number;
  maxMs: number;
}

/**
 * Count, errors and nearest-rank percentiles of `durations`. Sorted as a Float64Array: a typed
 * array sorts numerically without a comparator call per comparison, several times faster at
 * 100,000 spans.
 */
export function figures(durations: readonly number[], errorCount: number): LatencyFigures {
  if (durations.length === 0) return { count: 0, errorCount, p50: 0, p90: 0, p99: 0, maxMs: 0 };
  const values = Float64Array.from(durations).sort();
  return {
    count: values.length,
    errorCount,
    p50: nearestRank(values, 0.5),
    p90: nearestRank(values, 0.9),
    p99: nearestRank(values, 0.99),
    maxMs: values[values.length - 1],
  };
}

/** The nearest-rank `q` quantile of ascending `sorted` (NaN when empty). */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}
