import type { Attributes, AttributeValue, DecodedSpan, DecodedSpanEvent } from './decoded-span';

/**
 * The OpenTelemetry project's own generated protobuf classes for OTLP (shipped by
 * @opentelemetry/otlp-transformer up to 0.200; later versions hand-write the encoder and no longer
 * ship a decoder), so nothing here parses protobuf by hand.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const otlpRoot = require('otlp-transformer-generated/build/src/generated/root') as {
  opentelemetry: {
    proto: {
      collector: {
        trace: {
          v1: {
            ExportTraceServiceRequest: {
              decode(buffer: Uint8Array): unknown;
              toObject(message: unknown, options: object): unknown;
            };
          };
        };
      };
    };
  };
};
const ExportTraceServiceRequest =
  otlpRoot.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/** The encodings of an OTLP/HTTP body. */
export type OtlpEncoding = 'protobuf' | 'json';

/** Thrown for a body that is not a valid OTLP trace export; the message says what is wrong. */
export class OtlpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtlpDecodeError';
  }
}

/** Which encoding a Content-Type names, or undefined for one OTLP/HTTP does not use. */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') {
    return 'protobuf';
  }
  if (mediaType === 'application/json') return 'json';
  return undefined;
}

/** Decodes an ExportTraceServiceRequest body (already un-gzipped) into flat spans. */
export function decodeOtlpTraces(body: Uint8Array, encoding: OtlpEncoding): DecodedSpan[] {
  const request = encoding === 'protobuf' ? decodeProtobuf(body) : decodeJson(body);
  try {
    return flatten(request);
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw error;
    // The body is untrusted input: whatever else a shape we did not foresee makes fail (a
    // TypeError on a number where an object belongs) is still a bad body, not our failure.
    throw new OtlpDecodeError(`malformed OTLP trace export: ${(error as Error).message}`);
  }
}

/** Plain-object form of the request, identical for both encodings (hex ids, string longs). */
interface RawRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: RawKeyValue[] };
    scopeSpans?: Array<{
      scope?: { name?: string; version?: string };
      spans?: RawSpan[];
    }>;
  }>;
}

interface RawKeyValue {
  key?: string;
  value?: RawAnyValue;
}

interface RawAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: RawAnyValue[] };
  kvlistValue?: { values?: RawKeyValue[] };
  bytesValue?: string;
}

interface RawSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  traceState?: string;
  name?: string;
  kind?: number | string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: RawKeyValue[];
  events?: Array<{ name?: string; timeUnixNano?: string | number; attributes?: RawKeyValue[] }>;
  status?: { code?: number | string; message?: string };
}

function decodeProtobuf(body: Uint8Array): RawRequest {
  let message: unknown;
  try {
    message = ExportTraceServiceRequest.decode(body);
  } catch (error) {
    throw new OtlpDecodeError(`not an OTLP protobuf trace export: ${(error as Error).message}`);
  }
  const raw = ExportTraceServiceRequest.toObject(message, {
    longs: String,
    enums: Number,
    bytes: String,
    defaults: false,
  }) as RawRequest;
  // protobufjs renders bytes as base64; OTLP/JSON (and everyone reading ids) uses hex.
  for (const resourceSpans of raw.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        span.traceId = base64ToHex(span.traceId);
        span.spanId = base64ToHex(span.spanId);
        span.parentSpanId = base64ToHex(span.parentSpanId);
      }
    }
  }
  return raw;
}

function decodeJson(body: Uint8Array): RawRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (error) {
    throw new OtlpDecodeError(`not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OtlpDecodeError('an OTLP/JSON trace export is a JSON object with resourceSpans');
  }
  const request = parsed as RawRequest;
  if (request.resourceSpans !== undefined && !Array.isArray(request.resourceSpans)) {
    throw new OtlpDecodeError('resourceSpans must be an array');
  }
  return request;
}

function flatten(request: RawRequest): DecodedSpan[] {
  const spans: DecodedSpan[] = [];
  for (const resourceSpans of listOf(request.resourceSpans, 'resourceSpans')) {
    objectOf(resourceSpans, 'resourceSpans[]');
    const resource = toAttributes(resourceSpans.resource?.attributes);
    const serviceName =
      typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown_service';
    for (const scopeSpans of listOf(resourceSpans.scopeSpans, 'scopeSpans')) {
      objectOf(scopeSpans, 'scopeSpans[]');
      const scope = { name: scopeSpans.scope?.name ?? '', version: scopeSpans.scope?.version };
      for (const span of listOf(scopeSpans.spans, 'spans')) {
        spans.push(toSpan(objectOf(span, 'spans[]'), serviceName, resource, scope));
      }
    }
  }
  return spans;
}

/** `value` as an array (absent is empty); anything else is a malformed export. */
function listOf<T>(value: T[] | undefined, field: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${field} must be an array`);
  return value;
}

function objectOf<T>(value: T, field: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OtlpDecodeError(`each of ${field} must be an object`);
  }
  return value;
}

/** A fixed64 time in nanoseconds, as OTLP/JSON writes it (a decimal string or an integer). */
function nanosOf(value: string | number | undefined, field: string, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  const text = String(value);
  if (!/^\d{1,20}$/.test(text)) {
    throw new OtlpDecodeError(
      `${field} must be an integer count of nanoseconds, got ${JSON.stringify(value).slice(0, 40)}`,
    );
  }
  return text;
}

function toSpan(
  span: RawSpan,
  serviceName: string,
  resource: Attributes,
  scope: DecodedSpan['scope'],
): DecodedSpan {
  const traceId = requireHexId(span.traceId, 32, 'traceId');
  const spanId = requireHexId(span.spanId, 16, 'spanId');
  const parent = span.parentSpanId
    ? requireHexId(span.parentSpanId, 16, 'parentSpanId')
    : undefined;
  const start = nanosOf(span.startTimeUnixNano, 'startTimeUnixNano', '0');
  const end = nanosOf(span.endTimeUnixNano, 'endTimeUnixNano', start);
  return {
    traceId,
    spanId,
    parentSpanId: parent && !/^0+$/.test(parent) ? parent : undefined,
    traceState: span.traceState || undefined,
    name: span.name ?? '',
    kind: Number(span.kind ?? 0),
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    durationMs: Number(BigInt(end) - BigInt(start)) / 1e6,
    attributes: toAttributes(span.attributes),
    events: listOf(span.events, 'events').map((event): DecodedSpanEvent => ({
      name: event.name ?? '',
      timeUnixNano: nanosOf(event.timeUnixNano, 'events[].timeUnixNano', '0'),
      attributes: toAttributes(event.attributes),
    })),
    status: {
      code: Number(span.status?.code ?? 0),
      ...(span.status?.message ? { message: span.status.message } : {}),
    },
    serviceName,
    resource,
    scope,
  };
}

function toAttributes(list: RawKeyValue[] | undefined): Attributes {
  const attributes: Attributes = {};
  for (const { key, value } of listOf(list, 'attributes')) {
    if (key !== undefined) attributes[key] = toValue(value);
  }
  return attributes;
}

function toValue(value: RawAnyValue | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(toValue);
  if (value.kvlistValue !== undefined) return toAttributes(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return null;
}

function base64ToHex(value: string | undefined): string | undefined {
  return value ? Buffer.from(value, 'base64').toString('hex') : undefined;
}

function requireHexId(value: string | undefined, length: number, field: string): string {
  const id = value?.toLowerCase();
  if (!id || id.length !== length || !/^[0-9a-f]+$/.test(id)) {
    throw new OtlpDecodeError(
      `${field} must be ${length} hex digits, got ${JSON.stringify(value)}`,
    );
  }
  return id;
}
