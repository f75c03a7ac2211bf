import { ROOT_CONTEXT, context as contextApi, propagation } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';

/**
 * Trace context for transports whose packets have no headers of their own.
 *
 * Nest's TCP packet is `{ pattern, data, id }` (and Redis's and MQTT's JSON packets look the same), so
 * the context travels in one more field, `headers`, holding exactly what the configured propagators
 * would write as HTTP headers: `traceparent`, `tracestate`, `baggage` (and `x-amzn-trace-id` once the
 * X-Ray propagator is configured). A transport that has real headers (NATS, Kafka) can hand its
 * header map to the same `extractContext`.
 */
export const PACKET_HEADERS_FIELD = 'headers';

/** Header name to value, lower-case names, like an HTTP header block. */
export type PacketHeaders = Record<string, string>;

/** Bounds on what a packet may carry; anything beyond is ignored, never an error. */
const MAX_HEADERS = 16;
const MAX_HEADER_VALUE_LENGTH = 8192;

/** Returns a copy of `packet` whose `headers` carry `ctx` (default: the active context). */
export function injectIntoPacket<T extends object>(
  packet: T,
  ctx: Context = contextApi.active(),
): T & { headers: PacketHeaders } {
  const existing = readPacketHeaders(packet);
  const headers: PacketHeaders = { ...existing };
  propagation.inject(ctx, headers);
  return { ...packet, [PACKET_HEADERS_FIELD]: headers } as T & { headers: PacketHeaders };
}

/**
 * The context a received packet carries, on top of `base`. A packet with no headers, malformed
 * headers or headers the propagators reject yields `base` unchanged: the handler starts a new trace.
 */
export function extractFromPacket(packet: unknown, base: Context = ROOT_CONTEXT): Context {
  return extractContext(readPacketHeaders(packet), base);
}

/** The context in a header map, for transports that have real headers. */
export function extractContext(headers: PacketHeaders, base: Context = ROOT_CONTEXT): Context {
  return propagation.extract(base, headers);
}

/**
 * The string-valued entries of `packet.headers`, names lower-cased. Whatever else a peer put there
 * (numbers, nested objects, thousands of keys, megabyte values) is dropped here.
 */
export function readPacketHeaders(packet: unknown): PacketHeaders {
  if (!isRecord(packet)) return {};
  const raw = packet[PACKET_HEADERS_FIELD];
  if (!isRecord(raw)) return {};
  const headers: PacketHeaders = {};
  let count = 0;
  for (const [name, value] of Object.entries(raw)) {
    if (count >= MAX_HEADERS) break;
    if (typeof value !== 'string' || value.length > MAX_HEADER_VALUE_LENGTH) continue;
    headers[name.toLowerCase()] = value;
    count++;
  }
  return headers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
