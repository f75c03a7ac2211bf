import { ConfigurationError, readBoolean, readPort, readString } from '@cruddur/contracts';
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
  const gatewayUrl = readHttpUrl(env, 'GATEWAY_URL', 'http://localhost:4567');
  const tracesUrl = readString(env, 'FRONTEND_TRACES_URL');
  const runtimeConfig: BrowserRuntimeConfig = {
    gatewayUrl,
    serviceName: readString(env, 'FRONTEND_SERVICE_NAME', 'cruddur-frontend'),
    userHandle: readString(env, 'FRONTEND_USER_HANDLE', 'andrewbrown'),
  };
  if (!readBoolean(env, 'FRONTEND_TRACING', true)) {
    runtimeConfig.tracesUrl = '';
  } else if (tracesUrl !== undefined) {
    runtimeConfig.tracesUrl = readHttpUrl(env, 'FRONTEND_TRACES_URL', tracesUrl);
  }
  return {
    port: readPort(env, 'FRONTEND_PORT', 3000),
    host: readString(env, 'FRONTEND_HOST', '0.0.0.0'),
    runtimeConfig,
  };
}

function readHttpUrl(env: Environment, name: string, fallback: string): string {
  const value = readString(env, name, fallback);
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
