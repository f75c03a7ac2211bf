import { ConfigurationError, Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';

/** How a service reports errors to Rollbar. */
export interface RollbarSettings {
  /**
   * The project's post_server_item token (ROLLBAR_ACCESS_TOKEN). Without one, reporting is off.
   * @default undefined - disabled
   */
  accessToken?: string;
  /**
   * The environment items are filed under (ROLLBAR_ENVIRONMENT).
   * @default NODE_ENV, else 'development'
   */
  environment: string;
  /**
   * The full URL of the item endpoint (ROLLBAR_ENDPOINT), for a proxy or a local receiver.
   * @default https://api.rollbar.com/api/1/item/
   */
  endpoint: string;
  /**
   * How long shutdown and a crash wait for items still being sent.
   * @default 3000
   */
  flushTimeoutMs: number;
  /**
   * Items being sent at most; while Rollbar is slow or hanging, further items are dropped and
   * counted, so a backend outage cannot grow the heap.
   * @default 100
   */
  maxPendingItems: number;
}

/** Reads the ROLLBAR_* variables; `overrides` (from the module options) win. */
export function readRollbarSettings(
  env: Environment = process.env,
  overrides: Partial<RollbarSettings> = {},
): RollbarSettings {
  const endpoint = overrides.endpoint ?? read(env, Variables.ROLLBAR_ENDPOINT);
  assertHttpUrl(endpoint);
  return {
    accessToken: overrides.accessToken ?? read(env, Variables.ROLLBAR_ACCESS_TOKEN),
    environment:
      overrides.environment ??
      read(env, Variables.ROLLBAR_ENVIRONMENT, read(env, Variables.NODE_ENV)),
    endpoint,
    flushTimeoutMs: overrides.flushTimeoutMs ?? 3000,
    maxPendingItems: overrides.maxPendingItems ?? 100,
  };
}

function assertHttpUrl(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigurationError(
      Variables.ROLLBAR_ENDPOINT.name,
      'an http(s) URL of the item endpoint, like https://api.rollbar.com/api/1/item/',
      endpoint,
    );
  }
}
