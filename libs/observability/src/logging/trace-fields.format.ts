import { context, propagation, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { format } from 'winston';
import type { Logform } from 'winston';
import { toXRayTraceId } from '@cruddur/telemetry-wire';
import { AppBaggage } from '../tracing/tracing.constants';
import { LogField } from './logging.constants';

/**
 * Adds fields of the active context to a log line; `traceFields` in the module options adds more
 * contributors (another backend's correlation id).
 */
export type TraceFieldsContributor = (active: Context) => Record<string, string | undefined>;

/** `trace_id` and `span_id` of the active span, if there is one and it is valid. */
export const otelTraceFields: TraceFieldsContributor = (active) => {
  const spanContext = trace.getSpanContext(active);
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return {};
  return { [LogField.TraceId]: spanContext.traceId, [LogField.SpanId]: spanContext.spanId };
};

/** `user_id` from the `app.user_id` baggage the gateway sets from the user handle header. */
export const userIdField: TraceFieldsContributor = (active) => ({
  [LogField.UserId]: propagation.getBaggage(active)?.getEntry(AppBaggage.UserId)?.value,
});

/**
 * `xray_trace_id`: the active trace id in X-Ray's notation (`1-` + 8 hex digits of epoch seconds
 * + `-` + 24 hex digits), as the X-Ray console and Logs Insights' X-Ray integration show it. The
 * OpenTelemetry trace ids come from the X-Ray id generator, so this is the request's X-Ray trace.
 */
export const xrayTraceIdField: TraceFieldsContributor = (active) => {
  const spanContext = trace.getSpanContext(active);
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return {};
  return { [LogField.XRayTraceId]: toXRayTraceId(spanContext.traceId) };
};

/** The contributors every service uses; `traceFields` options add to them. */
export const DEFAULT_TRACE_FIELDS: readonly TraceFieldsContributor[] = [
  otelTraceFields,
  xrayTraceIdField,
  userIdField,
];

/**
 * A winston format that writes the correlation fields of the context active when the line was
 * logged. winston runs formats synchronously inside `logger.log` (every transport here accepts a
 * line without waiting), so `context.active()` is the caller's - the request's - context.
 */
export function traceFieldsFormat(
  contributors: readonly TraceFieldsContributor[] = DEFAULT_TRACE_FIELDS,
): Logform.Format {
  return format((info) => {
    const active = context.active();
    for (const contribute of contributors) {
      for (const [field, value] of Object.entries(contribute(active))) {
        if (value !== undefined && info[field] === undefined) info[field] = value;
      }
    }
    return info;
  })();
}
