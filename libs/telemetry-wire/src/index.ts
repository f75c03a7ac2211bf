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
  MAX_ROLLBAR_ITEM_BYTES,
  ROLLBAR_ITEM_PATH,
  handleRollbarItemRequest,
} from './rollbar/rollbar-item-api';
export type {
  RollbarApiRequest,
  RollbarApiResponse,
  RollbarItemApiOptions,
} from './rollbar/rollbar-item-api';
export type {
  RollbarItem,
  RollbarItemData,
  RollbarLevel,
  RollbarTrace,
} from './rollbar/rollbar-item';
export {
  MAX_XRAY_DATAGRAM_BYTES,
  XRAY_DATAGRAM_HEADER,
  XRayDecodeError,
  decodeXRayDatagram,
  encodeXRayDatagram,
} from './xray/xray-datagram';
export {
  flattenXRayDocument,
  otelTraceIdToXRay,
  toXRayTraceId,
  xrayTraceIdToOtel,
} from './xray/xray-segment-document';
export type { XRayEntity, XRayEntityDocument } from './xray/xray-segment-document';
export {
  CLOUDWATCH_LOGS_TARGET_PREFIX,
  CloudWatchLogsEmulator,
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
