import { readInspectorAddress, readInteger, readString } from '@cruddur/contracts';
import { resolve } from 'node:path';
import type { Environment, InspectorAddress } from '@cruddur/contracts';
import { DEFAULT_STORE_LIMITS } from './store/telemetry-store';
import { STORE_VARIABLE } from './store/store-journal';
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
export const LIMIT_VARIABLES: Record<keyof StoreLimits, string> = {
  maxTraces: 'INSPECTOR_MAX_TRACES',
  maxSpans: 'INSPECTOR_MAX_SPANS',
  maxLogEvents: 'INSPECTOR_MAX_LOG_EVENTS',
  maxXraySegments: 'INSPECTOR_MAX_XRAY_SEGMENTS',
  maxRollbarItems: 'INSPECTOR_MAX_ROLLBAR_ITEMS',
};

export const MAX_BODY_BYTES_VARIABLE = 'INSPECTOR_MAX_BODY_BYTES';
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads the inspector's variables; a bad value throws a ConfigurationError naming it. */
export function readInspectorConfig(env: Environment): InspectorConfig {
  const limits = { ...DEFAULT_STORE_LIMITS };
  for (const key of Object.keys(LIMIT_VARIABLES) as Array<keyof StoreLimits>) {
    limits[key] = readInteger(env, LIMIT_VARIABLES[key], DEFAULT_STORE_LIMITS[key], 1);
  }
  return {
    address: readInspectorAddress(env),
    limits,
    maxBodyBytes: readInteger(env, MAX_BODY_BYTES_VARIABLE, DEFAULT_MAX_BODY_BYTES, 1024),
    store: storeOf(readString(env, STORE_VARIABLE, 'memory').trim()),
  };
}

/** `memory`, or a file path (relative to the working directory). */
function storeOf(value: string): InspectorConfig['store'] {
  return !value || value === 'memory' ? 'memory' : { path: resolve(value) };
}
