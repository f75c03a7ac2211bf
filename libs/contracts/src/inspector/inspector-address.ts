import type { Environment } from '../config/env-reader';
import { Variables } from '../config/environment-variables';
import { read } from '../config/variable-declaration';

/**
 * Where the local inspector listens, and which variables move it. The inspector reads them to
 * bind, `npm start` to point the services at it, and the trace CLI to find it.
 */
export const INSPECTOR_VARIABLES = {
  /** Interface every inspector port binds to. */
  host: Variables.INSPECTOR_HOST.name,
  /** HTTP: the UI, its JSON API and the CloudWatch Logs and Rollbar APIs. */
  uiPort: Variables.INSPECTOR_PORT.name,
  /** HTTP: OTLP traces at /v1/traces. */
  otlpPort: Variables.INSPECTOR_OTLP_PORT.name,
  /** UDP: X-Ray daemon datagrams. */
  xrayPort: Variables.INSPECTOR_XRAY_PORT.name,
} as const;

/** The inspector's ports and interface. */
export interface InspectorAddress {
  /** @default 127.0.0.1 (this machine only: telemetry carries user data) */
  host: string;
  /** @default 16686 (where tracing users expect a trace UI, as Jaeger's) */
  uiPort: number;
  /** @default 4318 (the OTLP/HTTP default every exporter already uses) */
  otlpPort: number;
  /** @default 2000 (the X-Ray daemon default the X-Ray SDKs already use) */
  xrayPort: number;
}

/** The defaults of {@link InspectorAddress}. */
export const INSPECTOR_DEFAULT_ADDRESS: InspectorAddress = {
  host: Variables.INSPECTOR_HOST.fallback,
  uiPort: Variables.INSPECTOR_PORT.fallback,
  otlpPort: Variables.INSPECTOR_OTLP_PORT.fallback,
  xrayPort: Variables.INSPECTOR_XRAY_PORT.fallback,
};

/** Reads INSPECTOR_HOST, INSPECTOR_PORT, INSPECTOR_OTLP_PORT and INSPECTOR_XRAY_PORT. */
export function readInspectorAddress(env: Environment): InspectorAddress {
  return {
    host: read(env, Variables.INSPECTOR_HOST),
    uiPort: read(env, Variables.INSPECTOR_PORT),
    otlpPort: read(env, Variables.INSPECTOR_OTLP_PORT),
    xrayPort: read(env, Variables.INSPECTOR_XRAY_PORT),
  };
}

/**
 * The host a client should dial for an inspector bound to `host`: a wildcard bind (0.0.0.0, ::)
 * is reachable on loopback.
 */
export function inspectorDialHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
