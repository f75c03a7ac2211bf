/** Where browsers post OTLP/HTTP trace exports (the front end's `tracesUrl` default). */
export const TELEMETRY_RELAY_PATH = '/api/telemetry/traces';

/** Injection token of the TelemetryRelayConfig. */
export const TELEMETRY_RELAY_CONFIG = Symbol('TELEMETRY_RELAY_CONFIG');
