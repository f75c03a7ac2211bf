import { trace } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { setXRayUpstream, xraySamplingDecision } from './xray-context';

const LOWER_HEX = /^[0-9a-f]+$/;

/**
 * `X-Amzn-Trace-Id` in and out, on top of OpenTelemetry's AWSXRayPropagator (which maps
 * `Root=1-<8>-<24>` to the 32-digit trace id and `Parent` to the span id, so both backends see one id).
 *
 * Two things it adds. Extracting, it keeps what the header said (trace, parent, Sampled) in the
 * context, so the X-Ray segment of this service can honour the caller's decision even when a W3C
 * `traceparent` (later in the composite, so it wins for OpenTelemetry) carries a different one;
 * upper-case hex, which the X-Ray format never uses, is rejected like any malformed header.
 * Injecting, it writes X-Ray's own decision into `Sampled=`: X-Ray samples by its rules while
 * OpenTelemetry samples by its own, and the next service must follow X-Ray's.
 */
export class XRayTraceHeaderPropagator implements TextMapPropagator {
  private readonly header = new AWSXRayPropagator();

  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    const sampled = xraySamplingDecision(ctx);
    if (sampled === undefined) {
      this.header.inject(ctx, carrier, setter);
      return;
    }
    this.header.inject(ctx, carrier, {
      set: (target, key, value) =>
        setter.set(target, key, value.replace(/Sampled=[01]$/, `Sampled=${sampled ? 1 : 0}`)),
    });
  }

  extract(ctx: Context, carrier: unknown, getter: TextMapGetter): Context {
    const extracted = this.header.extract(ctx, carrier, getter);
    if (extracted === ctx) return ctx;
    const spanContext = trace.getSpanContext(extracted);
    if (
      !spanContext ||
      !LOWER_HEX.test(spanContext.traceId) ||
      !LOWER_HEX.test(spanContext.spanId)
    ) {
      return ctx;
    }
    return setXRayUpstream(extracted, {
      traceId: spanContext.traceId,
      parentId: spanContext.spanId,
      sampled: (spanContext.traceFlags & 1) === 1,
    });
  }

  fields(): string[] {
    return this.header.fields();
  }
}
