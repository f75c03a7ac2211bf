import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';

/** The limits of a service's shutdown, read from the environment once at start-up. */
export interface ShutdownSettings {
  /**
   * SHUTDOWN_TIMEOUT_MS: the hard limit from the signal to the exit; past it the process exits 1.
   * Draining and every backend's flush fit inside it. @default 10000
   */
  timeoutMs: number;
  /**
   * SHUTDOWN_DRAIN_TIMEOUT_MS: how long an HTTP service waits for requests in flight, and a
   * microservice (this plus one second) for its callers to hang up, before closing connections.
   * @default 4000
   */
  drainTimeoutMs: number;
}

/** The defaults, for a service that reads no environment. */
export const DEFAULT_SHUTDOWN_SETTINGS: ShutdownSettings = {
  timeoutMs: Variables.SHUTDOWN_TIMEOUT_MS.fallback,
  drainTimeoutMs: Variables.SHUTDOWN_DRAIN_TIMEOUT_MS.fallback,
};

/** Reads SHUTDOWN_TIMEOUT_MS and SHUTDOWN_DRAIN_TIMEOUT_MS; `overrides` (from code) win. */
export function readShutdownSettings(
  env: Environment = process.env,
  overrides: Partial<ShutdownSettings> = {},
): ShutdownSettings {
  const timeoutMs = overrides.timeoutMs ?? read(env, Variables.SHUTDOWN_TIMEOUT_MS);
  const drainTimeoutMs = overrides.drainTimeoutMs ?? read(env, Variables.SHUTDOWN_DRAIN_TIMEOUT_MS);
  // Draining may not eat the whole limit: the backends need time to flush afterwards.
  return { timeoutMs, drainTimeoutMs: Math.min(drainTimeoutMs, Math.floor(timeoutMs / 2)) };
}
