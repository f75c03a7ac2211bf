import { propagation } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Copies chosen baggage entries onto every span as attributes when it starts. Baggage crosses
 * service boundaries but is not itself recorded; this is what lets a span deep in notifications
 * carry the user id that only the gateway knew. Only listed keys are copied: baggage comes from
 * callers and must not become arbitrary attributes.
 */
export class BaggageAttributesSpanProcessor implements SpanProcessor {
  constructor(private readonly keys: readonly string[]) {}

  onStart(span: Span, parentContext: Context): void {
    const baggage = propagation.getBaggage(parentContext);
    if (!baggage) return;
    for (const key of this.keys) {
      const entry = baggage.getEntry(key);
      if (entry) span.setAttribute(key, entry.value);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
