import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { readBoolean, readInteger, readString } from '@cruddur/contracts';
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
  const timeoutFallback = readInteger(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', 10_000, 1);
  return {
    enabled:
      readBoolean(env, 'TELEMETRY_RELAY_ENABLED', true) &&
      !readBoolean(env, 'OTEL_SDK_DISABLED', false),
    maxBodyBytes: readInteger(env, 'TELEMETRY_RELAY_MAX_BODY_BYTES', 512 * 1024, 1024),
    clientPerMinute: readInteger(env, 'TELEMETRY_RELAY_CLIENT_PER_MINUTE', 120, 1),
    clientBurst: readInteger(env, 'TELEMETRY_RELAY_CLIENT_BURST', 30, 1),
    totalPerMinute: readInteger(env, 'TELEMETRY_RELAY_TOTAL_PER_MINUTE', 3000, 1),
    maxInFlight: readInteger(env, 'TELEMETRY_RELAY_MAX_IN_FLIGHT', 8, 1),
    forward: {
      url: resolveTraceExportTarget(env).url,
      headers: {
        ...parseKeyPairsIntoRecord(readString(env, 'OTEL_EXPORTER_OTLP_HEADERS')),
        ...parseKeyPairsIntoRecord(readString(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS')),
      },
      timeoutMs: readInteger(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', timeoutFallback, 1),
    },
  };
}
