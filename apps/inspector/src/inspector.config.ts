import { Variables, read, readInspectorAddress } from '@cruddur/contracts';
import { resolve } from 'node:path';
import type { CodeVariable, Environment, InspectorAddress } from '@cruddur/contracts';
import type { StoreLimits } from './store/telemetry-records';

/** Everything the inspector process is configured with. */
export interface InspectorConfig {
  address: InspectorAddress;
  limits: StoreLimits;
  /** Largest request body on any port, compressed or not. @default 8 MiB */
  maxBodyBytes: number;
  /**
   * Where the store lives: memory only, or also a journal file that survives a restart
   * (INSPECTOR_STORE). @default 'memory'
   */
  store: 'memory' | { path: string };
}

/** The variables of the store's caps. */
export const LIMIT_VARIABLES: Record<keyof StoreLimits, CodeVariable<number>> = {
  maxTraces: Variables.INSPECTOR_MAX_TRACES,
  maxSpans: Variables.INSPECTOR_MAX_SPANS,
  maxLogEvents: Variables.INSPECTOR_MAX_LOG_EVENTS,
  maxXraySegments: Variables.INSPECTOR_MAX_XRAY_SEGMENTS,
  maxRollbarItems: Variables.INSPECTOR_MAX_ROLLBAR_ITEMS,
};

/** Reads the inspector's variables; a bad value throws a ConfigurationError naming it. */
export function readInspectorConfig(env: Environment): InspectorConfig {
  const limits = {} as StoreLimits;
  for (const key of Object.keys(LIMIT_VARIABLES) as Array<keyof StoreLimits>) {
    limits[key] = read(env, LIMIT_VARIABLES[key]);
  }
  return {
    address: readInspectorAddress(env),
    limits,
    maxBodyBytes: read(env, Variables.INSPECTOR_MAX_BODY_BYTES),
    store: storeOf(read(env, Variables.INSPECTOR_STORE)),
  };
}

/** `memory`, or a file path (relative to the working directory). */
function storeOf(value: string): InspectorConfig['store'] {
  return !value || value === 'memory' ? 'memory' : { path: resolve(value) };
}
