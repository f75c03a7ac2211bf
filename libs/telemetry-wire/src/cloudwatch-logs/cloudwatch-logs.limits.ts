/**
 * The PutLogEvents rules as CloudWatch Logs documents them today (API reference, PutLogEvents):
 * shared by the emulator, which enforces them, and by clients, which must obey them.
 */
export const PutLogEventsLimits = {
  /** A batch: the UTF-8 bytes of every message plus `EVENT_OVERHEAD_BYTES` per event. */
  MAX_BATCH_BYTES: 1_048_576,
  /** What CloudWatch counts for each event on top of its message. */
  EVENT_OVERHEAD_BYTES: 26,
  MAX_BATCH_EVENTS: 10_000,
  /** The first and last event of one batch may be at most 24 h apart. */
  MAX_BATCH_SPAN_MS: 24 * 60 * 60 * 1000,
  /**
   * One event (message plus overhead) may be as large as a whole batch: "no larger than 1 MB".
   * Some partitions still document 256 KB; clients can be configured lower.
   */
  MAX_EVENT_BYTES: 1_048_576,
  /** Events further in the future are rejected (reported in rejectedLogEventsInfo). */
  MAX_FUTURE_MS: 2 * 60 * 60 * 1000,
  /** Events further in the past are rejected (reported in rejectedLogEventsInfo). */
  MAX_AGE_MS: 14 * 24 * 60 * 60 * 1000,
} as const;

/** The only values PutRetentionPolicy accepts for `retentionInDays`. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** What a message of `message` costs in a batch: its UTF-8 bytes plus the per-event overhead. */
export function logEventSize(message: string): number {
  return Buffer.byteLength(message, 'utf8') + PutLogEventsLimits.EVENT_OVERHEAD_BYTES;
}
