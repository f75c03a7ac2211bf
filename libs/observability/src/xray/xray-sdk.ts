import { Variables } from '@cruddur/contracts';
import type * as AWSXRay from 'aws-xray-sdk-core';
import type { SegmentDecorations } from './span-document.mapper';

/** The aws-xray-sdk-core module. */
export type XRaySdk = typeof AWSXRay;

/** Where the SDK's own log lines go. */
export interface SdkLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Loads aws-xray-sdk-core for the two things the exporter takes from it: the blocks every segment
 * of the SDK carries (`aws.xray.sdk*`, `service`), and its exception format for `cause`. Nothing
 * of it runs per request: segments are plain documents built from spans.
 *
 * Loaded lazily, so that AWS_XRAY_SDK_ENABLED=false loads none of it, and only after
 * AWS_XRAY_DAEMON_ADDRESS was validated (the SDK throws a bare error at load time on a bad one).
 */
export function loadXRaySdk(log: SdkLog): XRaySdk {
  // Loaded in its default automatic mode, the SDK creates a cls-hooked namespace whose async hook
  // (init/before/after/destroy on every promise of the process) stays enabled: the benchmark
  // showed it on every request. This variable makes the SDK start in manual mode without it.
  process.env[Variables.AWS_XRAY_MANUAL_MODE.name] ??= Variables.AWS_XRAY_MANUAL_MODE.fallback;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('aws-xray-sdk-core') as XRaySdk;
  sdk.setLogger({
    debug: () => undefined,
    info: () => undefined,
    warn: (message: string) => log.warn(String(message)),
    error: (message: string) => log.error(String(message)),
  });
  sdk.enableManualMode();
  return sdk;
}

/**
 * What the SDK's segments carry and how it records an exception, for the exporter's documents.
 * `cause` builds a throwaway subsegment to run the SDK's own `addError` (its stack parsing and
 * exception ids): that costs two random ids, on error paths only.
 */
export function sdkDecorations(sdk: XRaySdk): SegmentDecorations {
  const utils = sdk.SegmentUtils as unknown as {
    sdkData?: Record<string, unknown>;
    serviceData?: Record<string, unknown>;
  };
  return {
    sdk: { ...utils.sdkData },
    service: { ...utils.serviceData },
    cause: (error, remote) => {
      const subsegment = new sdk.Subsegment('cause');
      // A plain { name, message, stack } is what the SDK reads of an Error.
      subsegment.addError((error.stack || error.name ? error : error.message) as Error, remote);
      const cause = (subsegment as { cause?: { exceptions?: unknown[] } }).cause;
      return cause?.exceptions?.[0];
    },
  };
}
