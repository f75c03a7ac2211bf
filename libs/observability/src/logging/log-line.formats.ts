import { format } from 'winston';
import type { Logform } from 'winston';
import { LOG_LEVELS, LogField } from './logging.constants';
import type { LogLevel } from './logging.constants';
import type { SecretRedactor } from './secret-redactor';

/** winston's own keys on a log record (triple-beam): the formatted line and the level. */
export const MESSAGE = Symbol.for('message');
const SPLAT = Symbol.for('splat');

const ORDER: readonly string[] = [
  LogField.Timestamp,
  LogField.Level,
  LogField.Service,
  LogField.Context,
  LogField.Message,
  LogField.TraceId,
  LogField.SpanId,
  LogField.XRayTraceId,
  LogField.UserId,
];

/**
 * Drops a record below the logger's level before any other format runs. winston itself runs the
 * logger's formats on every record and filters by level only in each transport, so `LOG_LEVEL=warn`
 * would still pay for the timestamp, the trace fields and the redaction of every info line.
 * `level` is read on each record, so changing `logger.level` later still works. Unknown levels
 * pass (winston reports them).
 */
export function levelFilter(level: () => string): Logform.Format {
  return format((info) => {
    const severity = LOG_LEVELS[info.level as LogLevel];
    const threshold = LOG_LEVELS[level() as LogLevel];
    return severity === undefined || threshold === undefined || severity <= threshold
      ? info
      : false;
  })();
}

/** What `recordFormat` needs to know. */
export interface RecordFormatOptions {
  service: string;
  redactor: SecretRedactor;
}

/**
 * Shapes every record the same way whatever logged it (Nest through nest-winston, or winston
 * directly): the service name, a string `stack` (nest-winston passes `[trace]`), an `error`
 * reduced to name/message/stack, and every secret redacted - before any transport sees it.
 */
export function recordFormat(options: RecordFormatOptions): Logform.Format {
  return format((info) => {
    info[LogField.Service] = options.service;
    const stack = info[LogField.Stack] as unknown;
    if (Array.isArray(stack)) {
      const lines = stack.filter((line): line is string => typeof line === 'string' && !!line);
      if (lines.length) info[LogField.Stack] = lines.join('\n');
      else delete info[LogField.Stack];
    }
    if (info.error instanceof Error) {
      if (!info[LogField.Stack] && info.error.stack) info[LogField.Stack] = info.error.stack;
      info.error = { name: info.error.name, message: info.error.message };
    }
    if (typeof info.message !== 'string') {
      info.message = info.message instanceof Error ? info.message.message : toText(info.message);
    }
    for (const key of Object.keys(info)) {
      if (key === LogField.Level) continue;
      info[key] = options.redactor.isSecretKey(key)
        ? '[REDACTED]'
        : options.redactor.redact(info[key]);
    }
    delete (info as Record<symbol, unknown>)[SPLAT];
    return info;
  })();
}

/** The fields of a record in the documented order, then the rest; undefined ones left out. */
export function orderedFields(info: Logform.TransformableInfo): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) {
    if (info[key] !== undefined) ordered[key] = info[key];
  }
  for (const [key, value] of Object.entries(info)) {
    if (value !== undefined && !(key in ordered)) ordered[key] = value;
  }
  return ordered;
}

/** Compact single-line JSON of a record (bigints as strings), as stdout and CloudWatch get it. */
export function toJsonLine(info: Logform.TransformableInfo): string {
  return JSON.stringify(orderedFields(info), (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

/** One JSON object per line. */
export function jsonLineFormat(): Logform.Format {
  return format((info) => {
    (info as Record<symbol, unknown>)[MESSAGE] = toJsonLine(info);
    return info;
  })();
}

const COLORS: Record<string, string> = {
  fatal: '\x1b[1;31m',
  error: '\x1b[31m',
  warn: '\x1b[33m',
  info: '\x1b[32m',
  debug: '\x1b[35m',
  verbose: '\x1b[36m',
};
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * A line for people reading a terminal:
 * `23:41:07.123 INFO  [ActivitiesController] message  trace=4bf9… user=andrewbrown {extra}`.
 */
export function prettyLineFormat(options: { colors: boolean }): Logform.Format {
  return format((info) => {
    const paint = (code: string | undefined, text: string) =>
      options.colors && code ? `${code}${text}${RESET}` : text;
    const fields = orderedFields(info);
    const time = String(fields[LogField.Timestamp] ?? '').slice(11, 23);
    const level = String(info.level).toUpperCase().padEnd(5);
    const context = fields[LogField.Context]
      ? paint('\x1b[33m', `[${fields[LogField.Context]}] `)
      : '';
    const trace = fields[LogField.TraceId]
      ? paint(DIM, ` trace=${fields[LogField.TraceId]} span=${fields[LogField.SpanId]}`)
      : '';
    const user = fields[LogField.UserId] ? paint(DIM, ` user=${fields[LogField.UserId]}`) : '';
    for (const key of [...ORDER, LogField.Stack]) delete fields[key];
    const extra = Object.keys(fields).length ? paint(DIM, ` ${JSON.stringify(fields)}`) : '';
    const stack = info[LogField.Stack]
      ? `\n${paint(COLORS.error, String(info[LogField.Stack]))}`
      : '';
    (info as Record<symbol, unknown>)[MESSAGE] =
      `${paint(DIM, time)} ${paint(COLORS[info.level], level)} ${context}${String(info.message)}` +
      `${trace}${user}${extra}${stack}`;
    return info;
  })();
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
