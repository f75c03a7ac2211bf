/**
 * The names of the fields a log line can carry: the ones on every line first, in the order they
 * are written, then those of particular lines. Logs Insights queries use them, and Rollbar items
 * share the correlation ones (RollbarItemFields).
 */
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
  /** How many bytes were cut from a line too large for CloudWatch (see `fitLogEvent`). */
  TruncatedBytes = 'truncated_bytes',
  // The access log's line (see AccessLogMiddleware).
  RemoteAddress = 'remote_address',
  Method = 'method',
  Scheme = 'scheme',
  Path = 'path',
  Status = 'status',
  DurationMs = 'duration_ms',
}

/**
 * The fields that tie a line to its service, request and user: a line cut to fit a backend's
 * limit keeps them whole, so it is still found by its trace id (either form) or its user.
 */
export const CORRELATION_FIELDS: readonly LogField[] = [
  LogField.Timestamp,
  LogField.Level,
  LogField.Service,
  LogField.Context,
  LogField.TraceId,
  LogField.SpanId,
  LogField.XRayTraceId,
  LogField.UserId,
];

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
