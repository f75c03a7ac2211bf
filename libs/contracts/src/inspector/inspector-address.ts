import { readPort, readString } from '../config/env-reader';
import type { Environment } from '../config/env-reader';

/**
 * Where the local inspector listens, and which variables move it. The inspector reads them to
 * bind, `npm start` to point the services at it, and the trace CLI to find it.
 */
export const INSPECTOR_VARIABLES = {
  /** Interface every inspector port binds to. */
  host: 'INSPECTOR_HOST',
  /** HTTP: the UI, its JSON API and the CloudWatch Logs and Rollbar APIs. */
  uiPort: 'INSPECTOR_PORT',
  /** HTTP: OTLP traces at /v1/traces. */
  otlpPort: 'INSPECTOR_OTLP_PORT',
  /** UDP: X-Ray daemon datagrams. */
  xrayPort: 'INSPECTOR_XRAY_PORT',
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
  host: '127.0.0.1',
  uiPort: 16686,
  otlpPort: 4318,
  xrayPort: 2000,
};

/** Reads INSPECTOR_HOST, INSPECTOR_PORT, INSPECTOR_OTLP_PORT and INSPECTOR_XRAY_PORT. */
export function readInspectorAddress(env: Environment): InspectorAddress {
  return {
    host: readString(env, INSPECTOR_VARIABLES.host, INSPECTOR_DEFAULT_ADDRESS.host),
    uiPort: readPort(env, INSPECTOR_VARIABLES.uiPort, INSPECTOR_DEFAULT_ADDRESS.uiPort),
    otlpPort: readPort(env, INSPECTOR_VARIABLES.otlpPort, INSPECTOR_DEFAULT_ADDRESS.otlpPort),
    xrayPort: readPort(env, INSPECTOR_VARIABLES.xrayPort, INSPECTOR_DEFAULT_ADDRESS.xrayPort),
  };
}

/**
 * The host a client should dial for an inspector bound to `host`: a wildcard bind (0.0.0.0, ::)
 * is reachable on loopback.
 */
export function inspectorDialHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
