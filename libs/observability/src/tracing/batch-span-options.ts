import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import type { BatchSpanProcessorOptions, SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * The batch span processor's settings from the standard `OTEL_BSP_*` variables. Since OpenTelemetry
 * JS 3 the processor no longer reads them itself (only sdk-node's own default pipeline does), and
 * ours is built by hand, so they are read here; unset ones keep the SDK's defaults.
 */
export function batchSpanProcessorOptions(
  exporter: SpanExporter,
  env: Environment,
): BatchSpanProcessorOptions {
  return {
    exporter,
    maxQueueSize: read(env, Variables.OTEL_BSP_MAX_QUEUE_SIZE),
    scheduledDelayMillis: read(env, Variables.OTEL_BSP_SCHEDULE_DELAY),
    exportTimeoutMillis: read(env, Variables.OTEL_BSP_EXPORT_TIMEOUT),
    maxExportBatchSize: read(env, Variables.OTEL_BSP_MAX_EXPORT_BATCH_SIZE),
  };
}
