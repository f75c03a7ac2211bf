import { context, propagation, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * A real tracer provider for unit specs: async-context propagation, W3C trace context and baggage,
 * and every finished span kept in memory. Install it in `beforeAll`, `reset()` between tests,
 * `uninstall()` in `afterAll`.
 */
export class InMemoryTracing {
  readonly exporter = new InMemorySpanExporter();
  private readonly provider: NodeTracerProvider;

  private constructor(extraProcessors: SpanProcessor[]) {
    this.provider = new NodeTracerProvider({
      spanProcessors: [...extraProcessors, new SimpleSpanProcessor(this.exporter)],
    });
    this.provider.register({
      propagator: new CompositePropagator({
        propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
      }),
    });
  }

  /** Registers the provider globally; `extraProcessors` run before the in-memory one. */
  static install(extraProcessors: SpanProcessor[] = []): InMemoryTracing {
    return new InMemoryTracing(extraProcessors);
  }

  get spans(): ReadableSpan[] {
    return this.exporter.getFinishedSpans();
  }

  /** The one finished span called `name`; throws if there is none or several. */
  span(name: string): ReadableSpan {
    const found = this.spans.filter((span) => span.name === name);
    if (found.length !== 1) {
      throw new Error(
        `expected one span ${name}, found ${found.length}: ${this.spans.map((s) => s.name).join(', ')}`,
      );
    }
    return found[0];
  }

  reset(): void {
    this.exporter.reset();
  }

  async uninstall(): Promise<void> {
    await this.provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  }
}
