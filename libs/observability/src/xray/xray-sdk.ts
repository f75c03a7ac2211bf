import type * as AWSXRay from 'aws-xray-sdk-core';

/** The aws-xray-sdk-core module. */
export type XRaySdk = typeof AWSXRay;

/** Where the SDK's own log lines go. */
export interface SdkLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Loads aws-xray-sdk-core and sets the few process-wide switches it has, the same way every time
 * (so a second app in the process changes nothing):
 *
 * - manual mode: this project keeps the current segment in the OpenTelemetry context, so the SDK's
 *   cls-hooked context is never consulted;
 * - a context-missing strategy that does nothing: the SDK's default (LOG_ERROR) logs a stack trace
 *   whenever its own context is empty - on every microservice message. Where no segment is
 *   recording, this project's code records nothing instead (unless AWS_XRAY_CONTEXT_MISSING says
 *   otherwise, which the SDK lets win);
 * - its logger: warnings and errors go to the service's log, debug and info are dropped.
 *
 * It is loaded lazily so that AWS_XRAY_SDK_ENABLED=false loads none of it, and only after
 * AWS_XRAY_DAEMON_ADDRESS was validated (the SDK throws a bare error at load time on a bad one).
 * Segments are sent by `XRayDaemonEmitter`, never by the SDK's global emitter.
 */
export function loadXRaySdk(log: SdkLog): XRaySdk {
  // Loaded in its default automatic mode, the SDK creates a cls-hooked namespace whose async hook
  // (init/before/after/destroy on every promise of the process) stays enabled even after
  // enableManualMode(): the benchmark showed it on every request. This variable makes the SDK
  // start in manual mode and never create it.
  process.env.AWS_XRAY_MANUAL_MODE ??= 'true';
  // A plain require: loaded on demand, and the same module object the SDK's own code shares.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('aws-xray-sdk-core') as XRaySdk;
  sdk.setLogger({
    debug: () => undefined,
    info: () => undefined,
    warn: (message: string) => log.warn(String(message)),
    error: (message: string) => log.error(String(message)),
  });
  sdk.enableManualMode();
  if (!process.env.AWS_XRAY_CONTEXT_MISSING) {
    sdk.setContextMissingStrategy(function ignoreMissingContext() {
      return undefined;
    });
  }
  return sdk;
}
