import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';

/** The OTLP encodings this project exports with (OTLP/HTTP only; gRPC is not bundled). */
export const OTLP_PROTOCOLS = Variables.OTEL_EXPORTER_OTLP_PROTOCOL.choices;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** Where spans go and how, as the standard OTEL_* variables say. */
export interface TraceExportTarget {
  protocol: OtlpProtocol;
  /** The full traces URL, for messages; the exporter derives the same from the environment. */
  url: string;
}

/** Reads the standard variables; the exporters themselves read endpoint, headers and timeout. */
export function resolveTraceExportTarget(env: Environment): TraceExportTarget {
  const protocol = read(
    env,
    Variables.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL,
    read(env, Variables.OTEL_EXPORTER_OTLP_PROTOCOL),
  );
  const tracesEndpoint = read(env, Variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const base = read(env, Variables.OTEL_EXPORTER_OTLP_ENDPOINT);
  const url = tracesEndpoint ?? `${base.replace(/\/+$/, '')}/v1/traces`;
  return { protocol, url };
}

/**
 * An OTLP/HTTP exporter for the configured protocol. Endpoint, headers (the Honeycomb key),
 * timeout and compression come from OTEL_EXPORTER_OTLP_* in the environment, read by the exporter.
 */
export function createTraceExporter(target: TraceExportTarget): SpanExporter {
  return target.protocol === 'http/json'
    ? new OtlpJsonTraceExporter()
    : new OtlpProtobufTraceExporter();
}
