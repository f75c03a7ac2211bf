import { Logger } from '@nestjs/common';
import type { FactoryProvider } from '@nestjs/common';
import { OBSERVABILITY_OPTIONS } from '../observability.module-definition';
import type { ObservabilityModuleOptions } from '../observability.options';
import { XRayLocalSampler } from './local-sampler';
import { XRAY_RECORDER } from './xray.constants';
import { resolveXRayOptions } from './xray.options';
import { XRayDaemonEmitter } from './xray-daemon.emitter';
import { XRayRecorder } from './xray-recorder';
import { loadXRaySdk } from './xray-sdk';

/**
 * Builds this app's X-Ray recorder from the module options and the environment: its own emitter
 * (socket) and sampler (reservoirs), so a second app in the process gets its own. Nest calls the
 * recorder's onApplicationShutdown, which flushes and closes the socket.
 */
export function createXRayRecorder(moduleOptions: ObservabilityModuleOptions): XRayRecorder {
  const options = resolveXRayOptions(moduleOptions.serviceName, moduleOptions.xray);
  if (!options.enabled) return new XRayRecorder(options);
  const logger = new Logger('XRay');
  const sdk = loadXRaySdk(logger);
  return new XRayRecorder(options, {
    sdk,
    emitter: new XRayDaemonEmitter(options.daemonAddress, logger),
    sampler: new XRayLocalSampler(options.samplingRules),
  });
}

/** The `XRAY_RECORDER` provider. */
export const xrayRecorderProvider: FactoryProvider<XRayRecorder> = {
  provide: XRAY_RECORDER,
  inject: [OBSERVABILITY_OPTIONS],
  useFactory: createXRayRecorder,
};
