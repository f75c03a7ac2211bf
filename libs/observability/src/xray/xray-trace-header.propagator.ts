import { trace } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';

const LOWER_HEX = /^[0-9a-f]+$/;

/**
 * `X-Amzn-Trace-Id` in and out: OpenTelemetry's AWSXRayPropagator (which maps `Root=1-<8>-<24>`
 * to the 32-digit trace id, `Parent` to the span id and `Sampled` to the sampled flag, so both
 * backends see one id and one decision), except that upper-case hex, which the X-Ray format never
 * uses, is rejected like any other malformed header: the request then starts a fresh trace.
 */
export class XRayTraceHeaderPropagator implements TextMapPropagator {
  private readonly header = new AWSXRayPropagator();

  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    this.header.inject(ctx, carrier, setter);
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
    return extracted;
  }

  fields(): string[] {
    return this.header.fields();
  }
}
