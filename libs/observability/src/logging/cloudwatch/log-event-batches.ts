import { PutLogEventsLimits, logEventSize } from '@cruddur/telemetry-wire';
import { CORRELATION_FIELDS, LogField } from '../logging.constants';

/** One event waiting to be sent: the line, its time, and what it costs in a batch. */
export interface QueuedLogEvent {
  timestamp: number;
  message: string;
  /** UTF-8 bytes of `message` plus the 26 CloudWatch counts per event. */
  size: number;
}

/** The limits a batch is built under; the defaults are PutLogEvents' own. */
export interface BatchLimits {
  maxBatchBytes: number;
  maxBatchEvents: number;
  maxBatchSpanMs: number;
}

/** PutLogEvents' limits. */
export const PUT_LOG_EVENTS_BATCH_LIMITS: BatchLimits = {
  maxBatchBytes: PutLogEventsLimits.MAX_BATCH_BYTES,
  maxBatchEvents: PutLogEventsLimits.MAX_BATCH_EVENTS,
  maxBatchSpanMs: PutLogEventsLimits.MAX_BATCH_SPAN_MS,
};

/** Appended to a message that was cut to fit; `N` is how many bytes were cut. */
export const TRUNCATION_MARKER = '…[truncated N bytes]';

/**
 * An event whose size is at most `maxEventBytes`. A JSON line that is too large keeps its
 * correlation fields: its longest string fields are shortened, each ending in the truncation
 * marker, and `truncated_bytes` says how much was cut - so Logs Insights still parses it and
 * finds it by trace id. Text that is not JSON is cut at a character boundary with the marker.
 */
export function fitLogEvent(
  message: string,
  timestamp: number,
  maxEventBytes: number,
): QueuedLogEvent {
  const size = logEventSize(message);
  if (size <= maxEventBytes) return { timestamp, message, size };
  const budget = maxEventBytes - PutLogEventsLimits.EVENT_OVERHEAD_BYTES;
  const fitted =
    shrinkJson(message, budget) ??
    cutText(message, budget, size - PutLogEventsLimits.EVENT_OVERHEAD_BYTES);
  return { timestamp, message: fitted, size: logEventSize(fitted) };
}

function shrinkJson(message: string, budget: number): string | undefined {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(message);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    record = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const originalBytes = Buffer.byteLength(message, 'utf8');
  record[LogField.TruncatedBytes] = 0;
  // Cut the longest string field until the line fits; a handful of rounds at most.
  for (let round = 0; round < 64; round++) {
    const line = JSON.stringify(record);
    const excess = Buffer.byteLength(line, 'utf8') - budget;
    if (excess <= 0) {
      record[LogField.TruncatedBytes] = originalBytes - Buffer.byteLength(line, 'utf8');
      const final = JSON.stringify(record);
      return Buffer.byteLength(final, 'utf8') <= budget ? final : undefined;
    }
    const longest = Object.entries(record)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest || longest[1].length < 64) {
      // Only non-string or short fields left: keep the correlation fields and the message.
      const kept = Object.fromEntries(CORRELATION_FIELDS.map((field) => [field, record[field]]));
      const rest = JSON.stringify(record);
      return JSON.stringify({
        ...kept,
        [LogField.Message]: cutText(rest, Math.floor(budget / 2), originalBytes),
        [LogField.TruncatedBytes]: originalBytes - Math.floor(budget / 2),
      });
    }
    const [key, value] = longest;
    // JSON escaping can make a character cost up to 6 bytes; cut generously, then re-measure.
    const keepBytes = Math.max(0, Buffer.byteLength(value, 'utf8') - excess - 64);
    record[key] = cutText(value, keepBytes, Buffer.byteLength(value, 'utf8'));
  }
  return undefined;
}

/** `text` cut to at most `maxBytes` UTF-8 bytes, marker included, never inside a character. */
function cutText(text: string, maxBytes: number, originalBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  let keep = Math.max(0, maxBytes - Buffer.byteLength(TRUNCATION_MARKER, 'utf8') - 8);
  // Step back over UTF-8 continuation bytes so no character is split.
  while (keep > 0 && (bytes[keep] & 0xc0) === 0x80) keep--;
  const marker = TRUNCATION_MARKER.replace('N', String(originalBytes - keep));
  return bytes.subarray(0, keep).toString('utf8') + marker;
}

/**
 * How many of `events` (oldest first) make the next batch: as many as fit in the byte and count
 * limits while the first and last are at most 24 h apart. Always at least one, since every
 * queued event fits a batch on its own.
 */
export function nextBatchLength(
  events: readonly QueuedLogEvent[],
  limits: BatchLimits = PUT_LOG_EVENTS_BATCH_LIMITS,
): number {
  let bytes = 0;
  let earliest = Infinity;
  let latest = -Infinity;
  let count = 0;
  for (const event of events) {
    const first = Math.min(earliest, event.timestamp);
    const last = Math.max(latest, event.timestamp);
    if (
      count > 0 &&
      (count + 1 > limits.maxBatchEvents ||
        bytes + event.size > limits.maxBatchBytes ||
        last - first > limits.maxBatchSpanMs)
    ) {
      break;
    }
    bytes += event.size;
    earliest = first;
    latest = last;
    count++;
  }
  return count;
}

/** The batch in the order PutLogEvents requires: by timestamp, ties in arrival order. */
export function chronological(events: readonly QueuedLogEvent[]): QueuedLogEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.timestamp - b.event.timestamp || a.index - b.index)
    .map(({ event }) => event);
}
