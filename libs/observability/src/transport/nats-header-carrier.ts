import { ROOT_CONTEXT, context as contextApi } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { Match, headers as natsHeaders } from '@nats-io/transport-node';
import type { Msg, MsgHdrs } from '@nats-io/transport-node';
import { MeshPropagator } from '../propagation/mesh-propagator';

/**
 * Trace context in NATS message headers. NATS messages have a real header block, so the context
 * rides there - `traceparent`, `tracestate`, `baggage`, what MeshPropagator writes - instead of in
 * the payload as on TCP. Any NATS client (Go, Java, the `nats` CLI) sees and sets the same headers;
 * one that sends only `X-Amzn-Trace-Id` is continued too.
 */

/** Values longer than this are ignored: no propagator needs more, and a peer may send megabytes. */
const MAX_HEADER_VALUE_LENGTH = 8192;

const meshPropagator = new MeshPropagator();

const setter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

/**
 * Reads only the names the propagators ask for (four or so), whatever else the block holds, and
 * matches them case-insensitively, as HTTP does: a Go client may send `Traceparent`.
 */
const getter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (carrier) => carrier?.keys() ?? [],
  get: (carrier, key) => {
    if (!carrier) return undefined;
    const value = carrier.get(key) || carrier.get(key, Match.IgnoreCase);
    if (!value || value.length > MAX_HEADER_VALUE_LENGTH) return undefined;
    return value;
  },
};

/** `headers` (a new block if absent) with the context of `ctx` (default: the active one) added. */
export function injectIntoNatsHeaders(
  headers: MsgHdrs = natsHeaders(),
  ctx: Context = contextApi.active(),
): MsgHdrs {
  meshPropagator.inject(ctx, headers, setter);
  return headers;
}

/**
 * The context a received message's headers carry, on top of `base`. No headers, a header block that
 * does not parse (nats.js throws on a bad header name) or values the propagators reject all yield
 * `base`: the handler starts a new trace, and the message is handled as usual.
 */
export function extractFromNatsHeaders(
  headers: MsgHdrs | undefined,
  base: Context = ROOT_CONTEXT,
): Context {
  try {
    return meshPropagator.extract(base, headers, getter);
  } catch {
    return base;
  }
}

/**
 * `message` and its parsed header block. nats.js parses the block lazily on first access and throws
 * for a name with a character HTTP does not allow; a peer can send that, and it must never fail the
 * request. Such a message comes back as a view whose `headers` is undefined (everything else, the
 * payload and `respond`, is the message's own).
 */
export function withReadableHeaders<T extends Pick<Msg, 'headers'>>(
  message: T,
): { message: T; headers: MsgHdrs | undefined } {
  try {
    return { message, headers: message.headers };
  } catch {
    return {
      message: Object.create(message, { headers: { value: undefined } }) as T,
      headers: undefined,
    };
  }
}
