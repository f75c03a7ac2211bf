import type { DecodedSpan } from '@cruddur/telemetry-wire';
import { fieldOf } from './span-fields';

/** One attribute and how its values split between the selection and the rest. */
export interface BubbleUpDimension {
  key: string;
  /** The largest (selection share − baseline share) of any of its values: the ranking. */
  score: number;
  /** Its values, most over-represented in the selection first (at most 6). */
  values: Array<{ value: string; selectionShare: number; baselineShare: number }>;
}

export interface BubbleUpResult {
  selection: { count: number };
  baseline: { count: number };
  dimensions: BubbleUpDimension[];
}

/** Fields that tell every span apart (or are the selection itself): never a reason. */
const SKIPPED = new Set([
  'duration_ms',
  'trace.trace_id',
  'trace.span_id',
  'trace.parent_id',
  'span_id',
  'trace_id',
]);
/** Derived fields considered beside the attributes. */
const DERIVED = ['service.name', 'name', 'status_code', 'span.kind'];
const MIN_SCORE = 0.05;

/**
 * Honeycomb's BubbleUp: for every field the spans carry (attributes, resource attributes such
 * as service.instance.id, service, name, status), compare the share of each value in the
 * selected spans with its share in the others, and rank fields by the value most
 * over-represented in the selection. Fields with a distinct value on (almost) every span (ids,
 * timestamps) are skipped: they cannot explain a group.
 */
export function bubbleUp(
  selection: readonly DecodedSpan[],
  baseline: readonly DecodedSpan[],
  maxDimensions = 12,
): BubbleUpResult {
  // With nothing to compare against, every value is "over-represented": that explains nothing.
  if (!baseline.length || !selection.length) {
    return {
      selection: { count: selection.length },
      baseline: { count: baseline.length },
      dimensions: [],
    };
  }
  const keys = new Set<string>(DERIVED);
  for (const span of selection) {
    for (const key in span.attributes) keys.add(key);
    for (const key in span.resource) keys.add(key);
  }
  const dimensions: BubbleUpDimension[] = [];
  for (const key of keys) {
    if (SKIPPED.has(key)) continue;
    const selected = shares(selection, key);
    const rest = shares(baseline, key);
    if (selected.distinct > Math.max(20, selection.length * 0.5)) continue;
    const values = [...new Set([...selected.counts.keys(), ...rest.counts.keys()])]
      .map((value) => ({
        value,
        selectionShare: (selected.counts.get(value) ?? 0) / Math.max(1, selection.length),
        baselineShare: (rest.counts.get(value) ?? 0) / Math.max(1, baseline.length),
      }))
      .sort(
        (a, b) =>
          b.selectionShare - b.baselineShare - (a.selectionShare - a.baselineShare) ||
          a.value.localeCompare(b.value),
      );
    const score = values.length ? values[0].selectionShare - values[0].baselineShare : 0;
    if (score < MIN_SCORE) continue;
    dimensions.push({ key, score, values: values.slice(0, 6) });
  }
  dimensions.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  return {
    selection: { count: selection.length },
    baseline: { count: baseline.length },
    dimensions: dimensions.slice(0, maxDimensions),
  };
}

function shares(spans: readonly DecodedSpan[], key: string) {
  const counts = new Map<string, number>();
  for (const span of spans) {
    const raw = fieldOf(span, key);
    const value =
      raw === undefined ? '(none)' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { counts, distinct: counts.size };
}
