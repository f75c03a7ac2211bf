import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { XRayTraceHeaderPropagator } from '../xray/xray-trace-header.propagator';

/**
 * The propagator of the hops inside the mesh (microservice packets, NATS headers): W3C
 * `traceparent`, `tracestate` and `baggage` only. The HTTP front door keeps the full composite,
 * X-Ray header included, because browsers and load balancers speak either; between our own
 * services `traceparent` already says everything `X-Amzn-Trace-Id` would (the X-Ray ids are the
 * W3C ids, the sampled flag is the same bit), and writing and parsing the second header on every
 * hop was 2 % of home-activities' CPU in the profiles (docs/xray.md).
 *
 * A peer that sends only `X-Amzn-Trace-Id` (a NATS client of another stack, or a packet built by
 * hand) is still continued: the X-Ray header is read when no valid `traceparent` is there.
 */
export class MeshPropagator implements TextMapPropagator {
  private readonly traceContext = new W3CTraceContextPropagator();
  private readonly baggage = new W3CBaggagePropagator();
  private readonly xrayHeader = new XRayTraceHeaderPropagator();

  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    this.traceContext.inject(ctx, carrier, setter);
    this.baggage.inject(ctx, carrier, setter);
  }

  extract(ctx: Context, carrier: unknown, getter: TextMapGetter): Context {
    // Both propagators hand back `ctx` itself when they find nothing valid.
    let extracted = this.traceContext.extract(ctx, carrier, getter);
    if (extracted === ctx) extracted = this.xrayHeader.extract(ctx, carrier, getter);
    return this.baggage.extract(extracted, carrier, getter);
  }

  fields(): string[] {
    return [...this.traceContext.fields(), ...this.baggage.fields(), ...this.xrayHeader.fields()];
  }
}
