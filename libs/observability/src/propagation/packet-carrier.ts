import {
  ROOT_CONTEXT,
  context as contextApi,
  defaultTextMapGetter,
  defaultTextMapSetter,
} from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { MeshPropagator } from './mesh-propagator';

/**
 * Trace context in a Nest microservice packet.
 *
 * Since Nest 12 a TCP (and Redis) packet is `{ pattern, data, id, metadata }`: `metadata` is Nest's own
 * out-of-band string map, filled on the client by `ClientProxy#setOnDispatchHook` and read on the server
 * as `TcpContext#getMetadata()`. The context travels there as the W3C headers would: `traceparent`,
 * `tracestate`, `baggage` (MeshPropagator says why not `x-amzn-trace-id` too). A transport that has
 * real headers (NATS, Kafka) hands its header map to the same `injectContext`/`extractContext`.
 */
export const PACKET_METADATA_FIELD = 'metadata';

/**
 * Where the previous release (built before Nest had packet metadata) put the same map. Servers still
 * read it, so a mesh in the middle of a rolling upgrade keeps one trace; clients no longer write it.
 */
export const LEGACY_PACKET_HEADERS_FIELD = 'headers';

/** Header name to value, lower-case names, like an HTTP header block. */
export type PacketHeaders = Record<string, string>;

/** Bounds on what a packet may carry; anything beyond is ignored, never an error. */
const MAX_HEADERS = 16;
const MAX_SCANNED_ENTRIES = 64;
const MAX_HEADER_VALUE_LENGTH = 8192;

const meshPropagator = new MeshPropagator();

/** The mesh propagator's headers for `ctx` (default: the active context), as a fresh string map. */
export function injectContext(ctx: Context = contextApi.active()): PacketHeaders {
  const headers: PacketHeaders = {};
  meshPropagator.inject(ctx, headers, defaultTextMapSetter);
  return headers;
}

/**
 * Writes `ctx` (default: the active context) into `packet.metadata`, keeping metadata the packet
 * already had, and returns the packet. This is the shape `setOnDispatchHook` asks for: it assigns
 * `metadata` and never touches `pattern` or `data`.
 */
export function injectIntoPacket<T extends object>(
  packet: T & { metadata?: PacketHeaders },
  ctx: Context = contextApi.active(),
): T & { metadata: PacketHeaders } {
  packet.metadata = { ...readStringMap(packet.metadata), ...injectContext(ctx) };
  return packet as T & { metadata: PacketHeaders };
}

/**
 * The context a received packet carries, on top of `base`: its `metadata`, or the previous release's
 * `headers` field for what `metadata` does not say. A packet with neither, or with values the
 * propagators reject, yields `base` unchanged: the handler starts a new trace.
 */
export function extractFromPacket(packet: unknown, base: Context = ROOT_CONTEXT): Context {
  return extractContext(readPacketHeaders(packet), base);
}

/** The context in a header map, for transports that have real headers. */
export function extractContext(headers: PacketHeaders, base: Context = ROOT_CONTEXT): Context {
  return meshPropagator.extract(base, headers, defaultTextMapGetter);
}

/**
 * What a packet carries for the propagators: its `metadata` entries over its legacy `headers`
 * entries, names lower-cased, string values only.
 */
export function readPacketHeaders(packet: unknown): PacketHeaders {
  if (!isRecord(packet)) return {};
  const legacy = readStringMap(packet[LEGACY_PACKET_HEADERS_FIELD]);
  const metadata = readStringMap(packet[PACKET_METADATA_FIELD]);
  return Object.keys(legacy).length === 0 ? metadata : { ...legacy, ...metadata };
}

/**
 * The string-valued entries of a peer-supplied map, names lower-cased. Whatever else a peer put
 * there (numbers, nested objects, thousands of keys, megabyte values, `__proto__`) is dropped: only
 * the first entries are looked at, and the result has no prototype to pollute.
 */
export function readStringMap(raw: unknown): PacketHeaders {
  const headers = Object.create(null) as PacketHeaders;
  if (!isRecord(raw)) return headers;
  let kept = 0;
  let scanned = 0;
  for (const name in raw) {
    if (++scanned > MAX_SCANNED_ENTRIES || kept >= MAX_HEADERS) break;
    if (!Object.prototype.hasOwnProperty.call(raw, name)) continue;
    const value = raw[name];
    if (typeof value !== 'string' || value.length > MAX_HEADER_VALUE_LENGTH) continue;
    headers[name.toLowerCase()] = value;
    kept++;
  }
  return headers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
