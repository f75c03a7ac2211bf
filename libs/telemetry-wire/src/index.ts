export { OtlpSpanKind, OtlpStatusCode } from './otlp/decoded-span';
export type {
  AttributeValue,
  Attributes,
  DecodedSpan,
  DecodedSpanEvent,
} from './otlp/decoded-span';
export { OtlpDecodeError, decodeOtlpTraces, otlpEncodingOf } from './otlp/otlp-trace-decoder';
export type { OtlpEncoding } from './otlp/otlp-trace-decoder';
export {
  CLOUDWATCH_LOGS_CONTENT_TYPE,
  CLOUDWATCH_LOGS_TARGET_PREFIX,
  CloudWatchLogsEmulator,
  CloudWatchLogsServiceError,
  compileFilterPattern,
} from './cloudwatch-logs/cloudwatch-logs.emulator';
export type {
  CloudWatchLogsEmulatorOptions,
  CloudWatchLogsRequest,
  CloudWatchLogsResponse,
  StoredLogEvent,
  StoredLogGroup,
  StoredLogStream,
} from './cloudwatch-logs/cloudwatch-logs.emulator';
export {
  createCloudWatchLogsListener,
  cloudWatchLogsErrorResponse,
} from './cloudwatch-logs/cloudwatch-logs.http-listener';
export type {
  CloudWatchLogsHttpRequest,
  CloudWatchLogsListenerOptions,
} from './cloudwatch-logs/cloudwatch-logs.http-listener';
export {
  PutLogEventsLimits,
  RETENTION_DAYS,
  logEventSize,
} from './cloudwatch-logs/cloudwatch-logs.limits';
