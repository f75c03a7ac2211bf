import { context, propagation, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * A real tracer provider for unit specs: async-context propagation, W3C trace context and baggage,
 * and every finished span kept in memory. Install it in `beforeAll`, `reset()` between tests,
 * `uninstall()` in `afterAll`.
 */
export class InMemoryTracing {
  readonly exporter = new InMemorySpanExporter();
  private readonly provider: TracerProvider;

  private constructor(extraProcessors: SpanProcessor[]) {
    this.provider = new TracerProvider({
      spanProcessors: [...extraProcessors, new SimpleSpanProcessor({ exporter: this.exporter })],
    });
    // OpenTelemetry JS 3's provider has no register(): the three globals are set one by one.
    trace.setGlobalTracerProvider(this.provider);
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(
      new CompositePropagator({
        propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
      }),
    );
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
