import { context, propagation, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { RuntimeConfig } from '../config/runtime-config';
import { describeFetchRequest, describeFetchResult } from './fetch-span-hooks';

/** What startBrowserTracing needs beyond the runtime configuration. */
export interface BrowserTracingOptions {
  /**
   * Where spans go instead of the OTLP exporter (tests pass an in-memory exporter, exported
   * span by span). @default an OTLP/HTTP JSON exporter to `tracesUrl`, in batches
   */
  exporter?: SpanExporter;
}

/** The running browser tracing, to flush or stop (tests start and stop it per case). */
export interface BrowserTracing {
  provider: TracerProvider;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry in the page: a tracer provider named after the front end, exporting in
 * batches to the gateway's relay (no write key ever reaches the browser), the fetch
 * instrumentation - whose span is the root of the trace that continues through the gateway into
 * every service - and the document-load instrumentation.
 *
 * The W3C `traceparent` header is added by the fetch instrumentation itself, as a real header, and
 * only for the gateway's origin (`propagateTraceHeaderCorsUrls`): the gateway's CORS policy allows
 * it there, and no other site is told our trace ids. (The journals' hand-written span passed
 * `traceparent` as a fetch *option*, which fetch ignores, so their backend never saw it.)
 */
export function startBrowserTracing(
  config: Pick<RuntimeConfig, 'gatewayUrl' | 'serviceName' | 'tracesUrl'>,
  options: BrowserTracingOptions = {},
): BrowserTracing {
  const spanProcessors: SpanProcessor[] = [];
  if (options.exporter) {
    spanProcessors.push(
      new BatchSpanProcessor({ exporter: options.exporter, scheduledDelayMillis: 10 }),
    );
  } else if (config.tracesUrl) {
    // JSON over fetch with keepalive, flushed when the page is hidden (the processor does that).
    spanProcessors.push(
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }) }),
    );
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors,
  });
  // W3C trace context and baggage propagators, and the stack context manager: the fetch span has
  // no parent, so nothing needs context carried across `await`. (OpenTelemetry JS 3's provider has
  // no register(): the three globals are set here.)
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new StackContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );

  const ignoreUrls = config.tracesUrl ? [config.tracesUrl] : [];
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new DocumentLoadInstrumentation(),
      new FetchInstrumentation({
        propagateTraceHeaderCorsUrls: [originPattern(config.gatewayUrl)],
        ignoreUrls,
        clearTimingResources: true,
        requestHook: describeFetchRequest,
        applyCustomAttributesOnSpan: (span, _request, result) => describeFetchResult(span, result),
      }),
    ],
  });

  return {
    provider,
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      unregister();
      await provider.shutdown();
      // Unregister the globals too, so tracing can be started again (tests do, per case).
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Every URL on the origin of `url`, and nothing else (a string would have to match exactly). */
export function originPattern(url: string): RegExp {
  const origin = new URL(url).origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${origin}(/|$)`);
}
