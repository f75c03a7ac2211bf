import type { Environment } from '@cruddur/contracts';
import { resolveServiceName } from './bootstrap/service-name';
import { readRollbarSettings } from './errors/rollbar-settings';
import type { RollbarSettings } from './errors/rollbar-settings';
import type { ObservabilityModuleOptions } from './observability.options';

/**
 * What the observability module's providers are built from, read once when the module starts:
 * the providers take it injected instead of reading the environment each on its own.
 */
export interface ObservabilitySettings {
  /** OTEL_SERVICE_NAME, else the module's `serviceName`: the log field, stream and Rollbar items. */
  serviceName: string;
  rollbar: RollbarSettings;
  /** Where logging reads LOG_* and CLOUDWATCH_* and the redactor the secrets' values. */
  env: Environment;
}

/** The module's settings from its options and `options.env` (the process's, unless given). */
export function readObservabilitySettings(
  options: ObservabilityModuleOptions,
): ObservabilitySettings {
  const env = options.env ?? process.env;
  return {
    serviceName: resolveServiceName(options.serviceName, env),
    rollbar: readRollbarSettings(env, options.rollbar),
    env,
  };
}
