/** The fields of every log line, in the order they are written. Logs Insights queries use them. */
export enum LogField {
  Timestamp = 'timestamp',
  Level = 'level',
  Service = 'service',
  Context = 'context',
  Message = 'message',
  TraceId = 'trace_id',
  SpanId = 'span_id',
  /**
   * The X-Ray form of the trace id (`1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy`), written by the
   * `xrayTraceIdField` contributor on every line logged in a request.
   */
  XRayTraceId = 'xray_trace_id',
  UserId = 'user_id',
  Stack = 'stack',
}

/** The levels a service logs at, most severe first (Nest's levels; `log` is written `info`). */
export const LOG_LEVELS = {
  fatal: 0,
  error: 1,
  warn: 2,
  info: 3,
  debug: 4,
  verbose: 5,
} as const;

/** A level name of `LOG_LEVELS`. */
export type LogLevel = keyof typeof LOG_LEVELS;

/** Contexts of the lines this library writes itself. */
export enum LogContext {
  AccessLog = 'AccessLog',
  CloudWatchLogs = 'CloudWatchLogs',
}

/** Injection token of the service's `ServiceLogging` (its winston logger and transports). */
export const SERVICE_LOGGING = Symbol('SERVICE_LOGGING');

/** What replaces a secret in a log line. */
export const REDACTED = '[REDACTED]';
