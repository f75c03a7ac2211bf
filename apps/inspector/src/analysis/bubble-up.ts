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
  // Shares are proportions: a uniform sample of each side estimates them well, and keeps a
  // selection of 90,000 spans at the 100,000-span cap from costing seconds.
  const selected = valueCounts(sample(selection, MAX_SAMPLE));
  const rest = valueCounts(sample(baseline, MAX_SAMPLE));
  const selectedTotal = Math.min(selection.length, MAX_SAMPLE);
  const restTotal = Math.min(baseline.length, MAX_SAMPLE);
  const dimensions: BubbleUpDimension[] = [];
  for (const [key, counts] of selected) {
    if (SKIPPED.has(key)) continue;
    if (counts.size > Math.max(20, selectedTotal * 0.5)) continue;
    const others = rest.get(key) ?? new Map<string, number>();
    // A span without the field counts as "(none)" on either side.
    const present = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
    const none = selectedTotal - present(counts);
    const restNone = restTotal - present(others);
    const shareOf = (map: Map<string, number>, missing: number, total: number, value: string) =>
      ((value === NONE ? missing : 0) + (map.get(value) ?? 0)) / total;
    const values = [
      ...new Set([...counts.keys(), ...others.keys(), ...(none || restNone ? [NONE] : [])]),
    ]
      .map((value) => ({
        value,
        selectionShare: shareOf(counts, none, selectedTotal, value),
        baselineShare: shareOf(others, restNone, restTotal, value),
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

const NONE = '(none)';
/** Spans looked at per side. */
const MAX_SAMPLE = 10_000;

/** Every `n`th span so that at most `max` are left (deterministic, spread over the whole set). */
function sample<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

/** key → value → spans, in one pass over each span's own fields (not one pass per key). */
function valueCounts(spans: readonly DecodedSpan[]): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  const add = (key: string, raw: unknown) => {
    if (raw === undefined) return;
    const value = typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : String(raw);
    let values = counts.get(key);
    if (!values) counts.set(key, (values = new Map()));
    values.set(value, (values.get(value) ?? 0) + 1);
  };
  for (const span of spans) {
    for (const key of DERIVED) add(key, fieldOf(span, key));
    for (const key in span.resource) {
      if (!(key in span.attributes) && !DERIVED.includes(key)) add(key, span.resource[key]);
    }
    for (const key in span.attributes) add(key, span.attributes[key]);
  }
  return counts;
}
