import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import { resolveTraceExportTarget } from '@cruddur/observability';

/** Where and how the relay forwards: the gateway's own OTLP exporter settings. */
export interface RelayForwardTarget {
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  url: string;
  /**
   * OTEL_EXPORTER_OTLP_HEADERS merged with OTEL_EXPORTER_OTLP_TRACES_HEADERS (the vendor's write
   * key). Sent to the backend only: never logged, never in an answer.
   */
  headers: Record<string, string>;
  /** OTEL_EXPORTER_OTLP_TRACES_TIMEOUT or OTEL_EXPORTER_OTLP_TIMEOUT. @default 10000 */
  timeoutMs: number;
}

/** The relay's limits, read once at start-up. */
export interface TelemetryRelayConfig {
  /** TELEMETRY_RELAY_ENABLED; also off when OTEL_SDK_DISABLED is true. @default true */
  enabled: boolean;
  /** TELEMETRY_RELAY_MAX_BODY_BYTES: larger exports get 413. @default 524288 (512 KiB) */
  maxBodyBytes: number;
  /** TELEMETRY_RELAY_CLIENT_PER_MINUTE: exports one client address may send. @default 120 */
  clientPerMinute: number;
  /** TELEMETRY_RELAY_CLIENT_BURST: how many of those may come at once. @default 30 */
  clientBurst: number;
  /** TELEMETRY_RELAY_TOTAL_PER_MINUTE: exports from all clients together. @default 3000 */
  totalPerMinute: number;
  /** TELEMETRY_RELAY_MAX_IN_FLIGHT: forwards waiting on the backend at once. @default 8 */
  maxInFlight: number;
  forward: RelayForwardTarget;
}

export function readTelemetryRelayConfig(env: Environment = process.env): TelemetryRelayConfig {
  const timeoutFallback = read(env, Variables.OTEL_EXPORTER_OTLP_TIMEOUT);
  return {
    enabled:
      read(env, Variables.TELEMETRY_RELAY_ENABLED) && !read(env, Variables.OTEL_SDK_DISABLED),
    maxBodyBytes: read(env, Variables.TELEMETRY_RELAY_MAX_BODY_BYTES),
    clientPerMinute: read(env, Variables.TELEMETRY_RELAY_CLIENT_PER_MINUTE),
    clientBurst: read(env, Variables.TELEMETRY_RELAY_CLIENT_BURST),
    totalPerMinute: read(env, Variables.TELEMETRY_RELAY_TOTAL_PER_MINUTE),
    maxInFlight: read(env, Variables.TELEMETRY_RELAY_MAX_IN_FLIGHT),
    forward: {
      url: resolveTraceExportTarget(env).url,
      headers: {
        ...parseKeyPairsIntoRecord(read(env, Variables.OTEL_EXPORTER_OTLP_HEADERS)),
        ...parseKeyPairsIntoRecord(read(env, Variables.OTEL_EXPORTER_OTLP_TRACES_HEADERS)),
      },
      timeoutMs: read(env, Variables.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, timeoutFallback),
    },
  };
}
