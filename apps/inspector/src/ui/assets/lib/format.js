/** How the UI writes numbers, times and counts. Pure functions (unit-tested in Vitest). */

/** 840 µs, 4.20 ms, 12.3 ms, 1.20 s; '–' for no value. */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 0.9995) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** 14:03:07.123 in the browser's time zone. */
export function formatTime(ms) {
  if (!ms) return '–';
  const date = new Date(ms);
  return `${date.toLocaleTimeString([], { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** The date and {@link formatTime}. */
export function formatDateTime(ms) {
  return ms ? `${new Date(ms).toLocaleDateString()} ${formatTime(ms)}` : '–';
}

/** 0.25 → 25%; small non-zero rates keep two decimals so they do not read as 0%. */
export function percent(rate) {
  return `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 0)}%`;
}

/** `1 span`, `2 spans`; `many` for irregular plurals (`1 reply`, `2 replies`). */
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The distinguishing end of a trace id: ids made for X-Ray start with the epoch seconds, so every
 * trace of the same second shares its first 8 digits.
 */
export function shortId(id) {
  return id ? `…${id.slice(-8)}` : '';
}

/** An attribute value as text: objects and arrays as JSON. */
export function valueText(value) {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** The time ranges the filters offer, in minutes, with the label each shows. */
export const TIME_RANGES = [
  { minutes: '5', label: '5 minutes' },
  { minutes: '15', label: '15 minutes' },
  { minutes: '60', label: '1 hour' },
  { minutes: '360', label: '6 hours' },
  { minutes: '1440', label: '24 hours' },
];

/** The label of a number of minutes: `1 hour`, `90 minutes`. */
export function minutesLabel(minutes) {
  const known = TIME_RANGES.find((range) => range.minutes === String(minutes));
  if (known) return known.label;
  const value = Number(minutes);
  return value % 60 === 0 ? plural(value / 60, 'hour') : plural(value, 'minute');
}
