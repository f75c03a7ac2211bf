/**
 * What the page needs to know about where it runs. It is read at run time from
 * `window.CRUDDUR_CONFIG`, which /runtime-config.js sets before the bundle loads: the same build
 * then runs against any gateway (the front-end server writes that file from its environment; a
 * plain static host serves the defaults shipped in public/runtime-config.js).
 */
export interface RuntimeConfig {
  /** The gateway's origin, where the API lives. @default http://localhost:4567 */
  gatewayUrl: string;
  /** The browser's OpenTelemetry `service.name`. @default cruddur-frontend */
  serviceName: string;
  /**
   * The signed-in user's handle, sent as `x-cruddur-user-handle` and recorded as `app.user_id`
   * (Cruddur has no sign-in yet, so it is configured). @default andrewbrown
   */
  userHandle: string;
  /**
   * Where browser spans are exported (OTLP/HTTP JSON): the gateway's relay, or the local inspector
   * in development; an empty string turns export off. Never a vendor URL with a write key.
   * @default `${gatewayUrl}/api/telemetry/traces`
   */
  tracesUrl: string;
}

declare global {
  interface Window {
    CRUDDUR_CONFIG?: Partial<RuntimeConfig>;
  }
}

/** The gateway's relay path for browser spans (apps/gateway/src/telemetry-relay). */
export const TELEMETRY_RELAY_PATH = '/api/telemetry/traces';

const DEFAULTS = {
  gatewayUrl: 'http://localhost:4567',
  serviceName: 'cruddur-frontend',
  userHandle: 'andrewbrown',
};

/** Thrown for a runtime configuration the page cannot use; the message names the field. */
export class RuntimeConfigError extends Error {
  constructor(field: keyof RuntimeConfig, expected: string, actual: unknown) {
    super(`CRUDDUR_CONFIG.${field} must be ${expected}, got ${JSON.stringify(actual)}`);
    this.name = 'RuntimeConfigError';
  }
}

/** The configuration with defaults filled in; throws a RuntimeConfigError for a wrong value. */
export function readRuntimeConfig(source: Partial<RuntimeConfig> = {}): RuntimeConfig {
  const gatewayUrl = httpUrl(source, 'gatewayUrl', DEFAULTS.gatewayUrl);
  const serviceName = text(source, 'serviceName', DEFAULTS.serviceName);
  const userHandle = text(source, 'userHandle', DEFAULTS.userHandle);
  const tracesUrl =
    source.tracesUrl === ''
      ? ''
      : httpUrl(source, 'tracesUrl', `${gatewayUrl}${TELEMETRY_RELAY_PATH}`);
  return { gatewayUrl, serviceName, userHandle, tracesUrl };
}

function text(source: Partial<RuntimeConfig>, field: keyof RuntimeConfig, fallback: string) {
  const value = source[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(field, 'a non-empty string', value);
  }
  return value.trim();
}

function httpUrl(source: Partial<RuntimeConfig>, field: keyof RuntimeConfig, fallback: string) {
  const value = text(source, field, fallback);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RuntimeConfigError(field, 'an absolute http(s) URL', value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RuntimeConfigError(field, 'an absolute http(s) URL', value);
  }
  return value.replace(/\/+$/, '');
}
