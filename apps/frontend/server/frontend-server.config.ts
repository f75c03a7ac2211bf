import { ConfigurationError, Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import type { BrowserRuntimeConfig } from './frontend-server';

/** The front-end server's settings, read once at start-up. */
export interface FrontendServerConfig {
  /** FRONTEND_PORT. @default 3000, the Cruddur front-end port (the gateway's FRONTEND_URL) */
  port: number;
  /** FRONTEND_HOST. @default 0.0.0.0 */
  host: string;
  /** What the browser is told (see BrowserRuntimeConfig). */
  runtimeConfig: BrowserRuntimeConfig;
}

/**
 * Reads the environment:
 * - GATEWAY_URL: the gateway as the *browser* reaches it. @default http://localhost:4567
 * - FRONTEND_SERVICE_NAME: the browser's service.name. @default cruddur-frontend
 * - FRONTEND_USER_HANDLE: the user the page acts as (no sign-in yet). @default andrewbrown
 * - FRONTEND_TRACES_URL: where browser spans go. @default the gateway's relay
 * - FRONTEND_TRACING: false turns browser span export off. @default true
 */
export function readFrontendServerConfig(env: Environment = process.env): FrontendServerConfig {
  const gatewayUrl = httpUrl(Variables.GATEWAY_URL.name, read(env, Variables.GATEWAY_URL));
  const tracesUrl = read(env, Variables.FRONTEND_TRACES_URL);
  const runtimeConfig: BrowserRuntimeConfig = {
    gatewayUrl,
    serviceName: read(env, Variables.FRONTEND_SERVICE_NAME),
    userHandle: read(env, Variables.FRONTEND_USER_HANDLE),
  };
  if (!read(env, Variables.FRONTEND_TRACING)) {
    runtimeConfig.tracesUrl = '';
  } else if (tracesUrl !== undefined) {
    runtimeConfig.tracesUrl = httpUrl(Variables.FRONTEND_TRACES_URL.name, tracesUrl);
  }
  return {
    port: read(env, Variables.FRONTEND_PORT),
    host: read(env, Variables.FRONTEND_HOST),
    runtimeConfig,
  };
}

/** `value` of variable `name`, checked to be an absolute http(s) URL, without trailing slashes. */
function httpUrl(name: string, value: string): string {
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw new ConfigurationError(name, 'an absolute http(s) URL', value);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ConfigurationError(name, 'an absolute http(s) URL', value);
  }
  return value.replace(/\/+$/, '');
}
