import { HttpError } from '../http/http-error';
import type { TelemetryStore } from '../store/telemetry-store';
import { normalizeTraceId } from '../store/trace-ids';

const HEX_END = /^…?([0-9a-f]{6,31})$/i;

/**
 * The trace a pasted id names: a W3C trace id, an X-Ray id (`1-…-…`), a `traceparent` or
 * `traceresponse` header value (`00-<trace>-<span>-01`), an `X-Amzn-Trace-Id` value (`Root=…`),
 * or the end of an id as the trace list shows it (`…1a2b3c4d`, six digits at least, if only one
 * stored trace ends so). Throws a 400 for text that is none of these, a 404 when no such trace is
 * here.
 */
export function findTraceId(store: TelemetryStore, text: string): string {
  const value = text.trim().replace(/^(traceresponse|traceparent|x-amzn-trace-id)\s*:\s*/i, '');
  const full = normalizeTraceId(value);
  if (full) {
    if (
      !store.trace(full) &&
      !store.logEventsOf(full).length &&
      !store.xraySegmentsOf(full).length &&
      !store.rollbarItemsOf(full).length
    ) {
      throw new HttpError(404, `trace ${full} is not here (never received, or evicted)`);
    }
    return full;
  }
  const end = HEX_END.exec(value);
  if (!end) {
    throw new HttpError(
      400,
      `${JSON.stringify(text)} is not a trace id: paste 32 hex digits, an X-Ray id (1-xxxxxxxx-…), a traceparent/traceresponse value (00-…-…-01), Root=… or the end of an id`,
    );
  }
  const suffix = end[1].toLowerCase();
  const matches: string[] = [];
  for (const trace of store.allTraces()) {
    if (trace.traceId.endsWith(suffix)) matches.push(trace.traceId);
    if (matches.length > 1) break;
  }
  if (matches.length === 1) return matches[0];
  throw new HttpError(
    404,
    matches.length
      ? `more than one trace ends in ${suffix}: paste more of the id`
      : `no stored trace ends in ${suffix}`,
  );
}
