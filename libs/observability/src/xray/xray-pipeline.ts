import { ParentBasedSampler } from '@opentelemetry/sdk-trace';
import type { Sampler, SpanExporter } from '@opentelemetry/sdk-trace';
import { XRayLocalSampler } from './local-sampler';
import { SpanDocumentMapper } from './span-document.mapper';
import { XRayDaemonEmitter } from './xray-daemon.emitter';
import { XRayRulesSampler } from './xray-rules.sampler';
import { loadXRaySdk, sdkDecorations } from './xray-sdk';
import { XRaySegmentExporter } from './xray-segment.exporter';
import type { XRayOptions } from './xray.options';

/** Where X-Ray reports its own problems (a daemon down, a trimmed segment). */
export interface XRayLog {
  warn(message: string): void;
  error(message: string): void;
}

/** What X-Ray adds to the OpenTelemetry pipeline. */
export interface XRayPipeline {
  /** The parent-based rule sampler, unless OTEL_TRACES_SAMPLER chooses another. */
  sampler?: Sampler;
  /** The segment exporter, for a BatchSpanProcessor of its own; absent when X-Ray is off. */
  exporter?: SpanExporter;
}

/**
 * The X-Ray parts of the tracing pipeline. The rule file is the sampler of every span whenever
 * X-Ray is on or AWS_XRAY_SAMPLING_RULES names a file - one decision for OTLP and X-Ray alike -
 * and OTEL_TRACES_SAMPLER, when set, wins over it (the SDK then reads it as usual).
 */
export function createXRayPipeline(
  options: XRayOptions,
  log: XRayLog,
  samplerFromEnvironment: boolean,
): XRayPipeline {
  const decorations = options.enabled
    ? sdkDecorations(loadXRaySdk(log))
    : { sdk: {}, service: {}, cause: () => undefined };
  const mapper = new SpanDocumentMapper(options, decorations);
  const sampler =
    !samplerFromEnvironment && (options.enabled || options.samplingRulesConfigured)
      ? new ParentBasedSampler({
          root: new XRayRulesSampler(new XRayLocalSampler(options.samplingRules), mapper),
        })
      : undefined;
  if (!options.enabled) return { sampler };
  const exporter = new XRaySegmentExporter(
    mapper,
    new XRayDaemonEmitter(options.daemonAddress, log),
  );
  return { sampler, exporter };
}
