/**
 * The entry point a service loads before anything else (see apps/<service>/src/instrument.ts).
 * It imports OpenTelemetry only - never Nest - so that the SDK is running before Nest, express and
 * http are required.
 */
export { startTelemetry } from './tracing/start-telemetry';
export type { TelemetryOptions } from './tracing/start-telemetry';
export type { Telemetry } from './tracing/telemetry';
export { AppAttributes } from './tracing/tracing.constants';
export type { XRayOptions } from './xray/xray.options';
