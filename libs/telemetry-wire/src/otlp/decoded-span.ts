/** An attribute value as OTLP carries it, flattened to plain JSON. */
export type AttributeValue =
  string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

/** OTLP span kinds (SPAN_KIND_*), numbered as on the wire. */
export enum OtlpSpanKind {
  Unspecified = 0,
  Internal = 1,
  Server = 2,
  Client = 3,
  Producer = 4,
  Consumer = 5,
}

/** OTLP status codes (STATUS_CODE_*). */
export enum OtlpStatusCode {
  Unset = 0,
  Ok = 1,
  Error = 2,
}

export interface DecodedSpanEvent {
  name: string;
  timeUnixNano: string;
  attributes: Attributes;
}

/** One span from an OTLP export, with its resource and scope folded in. */
export interface DecodedSpan {
  /** 32 lower-case hex digits. */
  traceId: string;
  /** 16 lower-case hex digits. */
  spanId: string;
  /** Absent for a root span. */
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind: OtlpSpanKind;
  /** Nanoseconds since the epoch, as a decimal string (beyond Number's precision). */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationMs: number;
  attributes: Attributes;
  events: DecodedSpanEvent[];
  status: { code: OtlpStatusCode; message?: string };
  /** The resource's `service.name`, or "unknown_service". */
  serviceName: string;
  resource: Attributes;
  scope: { name: string; version?: string };
}
