import type { LogEventRecord } from '../store/telemetry-records';

/** A log line as the trace page and the CLI show it: its structure read out of the message. */
export interface LogLine {
  /** The store's sequence number: a stable id, and the tie-breaker for lines of the same ms. */
  sequence: number;
  /** When the line was written (ms since the epoch): the line's own `timestamp`, else the event's. */
  timestamp: number;
  /** The `service` field, else the log stream's name (the services name streams after themselves). */
  service: string;
  /** Lower-case level (`error`, `warn`, `info`, `debug`…), or `''` when the line names none. */
  level: string;
  /** The human part: `message` (or `msg`) of a JSON line, else the whole line. */
  message: string;
  /** The span the line was written in (`span_id`, `spanId`), when it names one. */
  spanId?: string;
  /** A stack trace the line carries (`stack`, `error.stack`), as its lines. */
  stack?: string[];
  /** Every other field of a JSON line, for "the rest on demand". */
  fields: Record<string, unknown>;
  logGroupName: string;
  logStreamName: string;
}

/** Fields that become columns of a {@link LogLine} and so are not repeated in `fields`. */
const COLUMN_FIELDS = new Set([
  'timestamp',
  'time',
  '@timestamp',
  'level',
  'severity',
  'service',
  'message',
  'msg',
  'span_id',
  'spanId',
  'stack',
]);

const LEVEL_IN_TEXT = /\b(fatal|error|warn(?:ing)?|info|debug|verbose|trace)\b/i;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * Reads one stored log event into a {@link LogLine}. JSON lines (the services' winston format:
 * timestamp, level, service, context, message, trace_id, span_id, user_id, stack…) give their
 * fields; any other text is kept whole as the message, with a level if it names one.
 */
export function toLogLine(event: LogEventRecord): LogLine {
  const record = parseObject(event.message);
  const base = {
    sequence: event.sequence,
    logGroupName: event.logGroupName,
    logStreamName: event.logStreamName,
  };
  if (!record) {
    return {
      ...base,
      timestamp: event.timestamp,
      service: event.logStreamName,
      level: normalizeLevel(LEVEL_IN_TEXT.exec(event.message.slice(0, 200))?.[1]),
      message: event.message,
      fields: {},
    };
  }
  const fields: Record<string, unknown> = {};
  for (const key in record) if (!COLUMN_FIELDS.has(key)) fields[key] = record[key];
  const spanId = text(record.span_id) ?? text(record.spanId);
  const stack = stackOf(record);
  return {
    ...base,
    timestamp: timestampOf(record) ?? event.timestamp,
    service: text(record.service) ?? event.logStreamName,
    level: normalizeLevel(text(record.level) ?? text(record.severity)),
    message: text(record.message) ?? text(record.msg) ?? '',
    ...(spanId && SPAN_ID.test(spanId.toLowerCase()) ? { spanId: spanId.toLowerCase() } : {}),
    ...(stack ? { stack } : {}),
    fields,
  };
}

/**
 * The log lines of a trace in the order they were written: by timestamp, then by arrival (the
 * store's sequence), whatever stream each came through.
 */
export function logLinesInTimeOrder(events: readonly LogEventRecord[]): LogLine[] {
  return events.map(toLogLine).sort((a, b) => a.timestamp - b.timestamp || a.sequence - b.sequence);
}

function parseObject(message: string): Record<string, unknown> | undefined {
  const trimmed = message.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function timestampOf(record: Record<string, unknown>): number | undefined {
  for (const key of ['timestamp', '@timestamp', 'time']) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value)) {
      // Seconds (pino's `time` is ms, some loggers write seconds): below 1e11 cannot be ms.
      return value < 1e11 ? value * 1000 : value;
    }
    if (typeof value === 'string') {
      const parsed = Date.parse(value);
      if (Number.isFinite(parsed)) return parsed;
    }
  }
  return undefined;
}

function stackOf(record: Record<string, unknown>): string[] | undefined {
  const error = record.error as { stack?: unknown } | undefined;
  const stack = record.stack ?? (typeof error === 'object' && error ? error.stack : undefined);
  if (typeof stack === 'string' && stack) return stack.split(/\r?\n/);
  if (Array.isArray(stack) && stack.length)
    return stack.flatMap((part) => String(part).split('\n'));
  return undefined;
}

function normalizeLevel(level: string | undefined): string {
  if (!level) return '';
  const lower = level.toLowerCase();
  return lower === 'warning' ? 'warn' : lower;
}
