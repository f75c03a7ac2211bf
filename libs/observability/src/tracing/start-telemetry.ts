import { ProxyTracerProvider, diag, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { XRayIdGenerator } from './xray-id.generator';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import {
  envDetector,
  hostDetector,
  processDetector,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import { resolveServiceName } from '../bootstrap/service-name';
import { SecretRedactor } from '../logging/secret-redactor';
import { createXRayPipeline } from '../xray/xray-pipeline';
import { XRayTraceHeaderPropagator } from '../xray/xray-trace-header.propagator';
import { resolveXRayOptions } from '../xray/xray.options';
import type { XRayOptions } from '../xray/xray.options';
import { batchSpanProcessorOptions } from './batch-span-options';
import { BaggageAttributesSpanProcessor } from './baggage-attributes.span-processor';
import { OutageReportingSpanExporter } from './outage-reporting.exporter';
import { SecretAttributesSpanProcessor } from './secret-attributes.span-processor';
import type { OutageLog } from './outage-reporting.exporter';
import type { Telemetry } from './telemetry';
import { createTraceExporter, resolveTraceExportTarget } from './trace-exporter.factory';
import { AppBaggage } from './tracing.constants';

/** What a service says about itself when it starts telemetry. */
export interface TelemetryOptions {
  /** The service's own name; OTEL_SERVICE_NAME overrides it (the result is `Telemetry.serviceName`). */
  serviceName: string;
  /** @default process.env */
  env?: Environment;
  /** Where export outages are reported. @default a line on stderr */
  log?: OutageLog;
  /**
   * Request paths whose incoming HTTP requests get no span (e.g. the telemetry relay, whose
   * traffic is telemetry already and would multiply under a flood). @default []
   */
  untracedPaths?: string[];
  /**
   * X-Ray settings that win over the environment (AWS_XRAY_SDK_ENABLED, AWS_XRAY_DAEMON_ADDRESS,
   * AWS_XRAY_TRACING_NAME, AWS_XRAY_URL, AWS_XRAY_SAMPLING_RULES), and which span attributes X-Ray
   * shows as annotations and metadata. @default {} - everything from the environment
   */
  xray?: Partial<XRayOptions>;
}

/**
 * Starts the OpenTelemetry Node SDK for this process: OTLP/HTTP export in batches, X-Ray segments
 * derived from the same spans (a second batch exporter, so a slow OTLP endpoint never holds them
 * up), one sampling decision for both (the X-Ray rule file as a parent-based sampler, unless
 * OTEL_TRACES_SAMPLER says otherwise), W3C trace context, baggage and X-Ray trace header
 * propagation, X-Ray-compatible trace ids, and the HTTP instrumentation. Metrics and OTLP logs are
 * exported only when OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER ask for them: nothing here records
 * any, and the SDK's default would measure every request for an endpoint that has no metrics. It
 * must run before `@nestjs/core`, express or http are loaded by anything else, or their
 * instrumentation silently does nothing (opentelemetry-js-contrib#1648) - hence the `instrument`
 * entry point that main.ts imports first.
 *
 * Spans of the microservice transport come from the transport classes in this library, and Nest's
 * route is named on the HTTP span by the observability module's `TraceContextMiddleware`: that
 * keeps a request at a handful of spans instead of one per Express middleware.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const env = options.env ?? process.env;
  const serviceName = resolveServiceName(options.serviceName, env);
  if (read(env, Variables.OTEL_SDK_DISABLED)) {
    return disabledTelemetry(serviceName);
  }
  const log =
    options.log ?? ((message: string) => process.stderr.write(`[telemetry] ${message}\n`));
  const preinstalled = preinstalledTracerProvider();
  if (preinstalled) {
    log('an OpenTelemetry SDK was already started (node --require ...); leaving it in charge');
    const flush = () => preinstalled.forceFlush?.() ?? Promise.resolve();
    return { serviceName, enabled: true, forceFlush: flush, shutdown: flush };
  }
  const target = resolveTraceExportTarget(env);
  const untracedPaths = new Set(options.untracedPaths ?? []);
  const exporter = new OutageReportingSpanExporter(createTraceExporter(target), target.url, log);
  const xray = createXRayPipeline(
    resolveXRayOptions(serviceName, options.xray, env),
    { warn: (message) => log(`X-Ray: ${message}`), error: (message) => log(`X-Ray: ${message}`) },
    read(env, Variables.OTEL_TRACES_SAMPLER) !== undefined,
  );

  // Batch sizes and delays come from OTEL_BSP_*; never a SimpleSpanProcessor outside tests.
  const batches = [new BatchSpanProcessor(batchSpanProcessorOptions(exporter, env))];
  if (xray.exporter) {
    batches.push(new BatchSpanProcessor(xrayBatchOptions(xray.exporter, env)));
  }
  const sdk = new NodeSDK({
    serviceName,
    // Resource attributes come from OTEL_RESOURCE_ATTRIBUTES, the host and the process; cloud
    // detectors would probe metadata endpoints that do not exist on a laptop. Each process gets a
    // service.instance.id (a UUID; OTEL_RESOURCE_ATTRIBUTES can set one), which tells replicas of
    // one service apart.
    resourceDetectors: [serviceInstanceIdDetector, envDetector, hostDetector, processDetector],
    // New trace ids start with the epoch seconds, as X-Ray ids must: one id for both backends.
    idGenerator: new XRayIdGenerator(),
    sampler: xray.sampler,
    // Secrets leave the spans before the batches (OTLP and X-Ray) see them.
    spanProcessors: [
      new BaggageAttributesSpanProcessor([AppBaggage.UserId]),
      new SecretAttributesSpanProcessor(new SecretRedactor(env)),
      ...batches,
    ],
    metricReaders: read(env, Variables.OTEL_METRICS_EXPORTER) === undefined ? [] : undefined,
    logRecordProcessors: read(env, Variables.OTEL_LOGS_EXPORTER) === undefined ? [] : undefined,
    // Extraction runs in order and the last valid context wins: a W3C traceparent beats an
    // X-Amzn-Trace-Id (a load balancer adds one to every request); either alone is continued.
    textMapPropagator: new CompositePropagator({
      propagators: [
        new XRayTraceHeaderPropagator(),
        new W3CTraceContextPropagator(),
        new W3CBaggagePropagator(),
      ],
    }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) =>
          untracedPaths.has((request.url ?? '').split('?')[0] ?? ''),
      }),
    ],
  });
  sdk.start();

  let stopped: Promise<void> | undefined;
  return {
    serviceName,
    enabled: true,
    forceFlush: async () => {
      await Promise.all(batches.map((batch) => batch.forceFlush()));
      await xray.exporter?.forceFlush?.();
    },
    shutdown: () => {
      stopped ??= sdk.shutdown().catch((error: unknown) => {
        diag.error('telemetry shutdown failed', error);
      });
      return stopped;
    },
  };
}

/**
 * The X-Ray batch processor's settings: OTEL_BSP_MAX_QUEUE_SIZE as for OTLP, but small batches
 * every 200 ms rather than 512 spans every 5 s. Segments are UDP datagrams, one per segment: a
 * batch of hundreds sent at once overflows the daemon's receive buffer (the benchmark lost half the
 * segments that way), where the X-Ray SDK sent each one as it closed. The daemon batches itself.
 */
function xrayBatchOptions(exporter: SpanExporter, env: Environment) {
  return {
    ...batchSpanProcessorOptions(exporter, env),
    scheduledDelayMillis: XRAY_EXPORT_DELAY_MS,
    maxExportBatchSize: XRAY_EXPORT_BATCH_SIZE,
  };
}

const XRAY_EXPORT_DELAY_MS = 200;
const XRAY_EXPORT_BATCH_SIZE = 64;

/**
 * The tracer provider someone registered before us - for instance
 * `node --require @opentelemetry/auto-instrumentations-node/register` - or undefined. A second SDK
 * could not register globally anyway; its spans would silently go nowhere.
 */
function preinstalledTracerProvider(): { forceFlush?: () => Promise<void> } | undefined {
  const global = trace.getTracerProvider();
  const delegate = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  const noop = new ProxyTracerProvider().getDelegate();
  return delegate === noop ? undefined : (delegate as { forceFlush?: () => Promise<void> });
}

function disabledTelemetry(serviceName: string): Telemetry {
  return {
    serviceName,
    enabled: false,
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}
