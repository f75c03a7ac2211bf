export { OtlpSpanKind, OtlpStatusCode } from './otlp/decoded-span';
export type {
  AttributeValue,
  Attributes,
  DecodedSpan,
  DecodedSpanEvent,
} from './otlp/decoded-span';
export { OtlpDecodeError, decodeOtlpTraces, otlpEncodingOf } from './otlp/otlp-trace-decoder';
export type { OtlpEncoding } from './otlp/otlp-trace-decoder';
