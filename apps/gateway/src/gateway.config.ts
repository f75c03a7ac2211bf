import { ConfigurationError, DOWNSTREAM_SERVICES, Variables, read } from '@cruddur/contracts';
import type { CodeVariable, Environment } from '@cruddur/contracts';
import {
  USER_HANDLE_HEADER,
  readMicroserviceTransport,
  readNatsSettings,
} from '@cruddur/observability';
import type { MicroserviceTransport, NatsSettings } from '@cruddur/observability';
import { SERVICE_NAME } from './gateway.constants';

/** The gateway's settings, read once at start-up. */
export interface GatewayConfig {
  /** GATEWAY_PORT. @default 4567, the Cruddur backend port */
  port: number;
  /** GATEWAY_HOST. @default 0.0.0.0 */
  host: string;
  /**
   * FRONTEND_URL: the browser origin CORS allows (every loopback spelling of it, when it is on
   * this machine). @default http://localhost:3000
   */
  frontendUrl: string;
  /** DOWNSTREAM_TIMEOUT_MS: how long a feed request waits for a service. @default 3000 */
  downstreamTimeoutMs: number;
  /** HEALTH_TIMEOUT_MS: how long /api/health waits for each service. @default 1000 */
  healthTimeoutMs: number;
  /**
   * DOWNSTREAM_CONNECT_TIMEOUT_MS: how long start-up waits for the services' TCP connections
   * before the gateway listens anyway. @default 10000
   */
  downstreamConnectTimeoutMs: number;
  /** Where each downstream service listens (<SERVICE>_HOST / <SERVICE>_PORT), over TCP. */
  services: Record<string, ServiceAddress>;
  /** MICROSERVICE_TRANSPORT: how the services are reached. @default tcp */
  transport: MicroserviceTransport;
  /** The broker, when `transport` is nats (NATS_*). */
  nats?: NatsSettings;
}

export interface ServiceAddress {
  host: string;
  port: number;
}

/** Injection token of the GatewayConfig. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function readGatewayConfig(env: Environment = process.env): GatewayConfig {
  const transport = readMicroserviceTransport(env);
  return {
    transport,
    ...(transport === 'nats' ? { nats: readNatsSettings(SERVICE_NAME, env) } : {}),
    port: read(env, Variables.GATEWAY_PORT),
    host: read(env, Variables.GATEWAY_HOST),
    frontendUrl: readOrigin(env, Variables.FRONTEND_URL),
    downstreamTimeoutMs: read(env, Variables.DOWNSTREAM_TIMEOUT_MS),
    healthTimeoutMs: read(env, Variables.HEALTH_TIMEOUT_MS),
    downstreamConnectTimeoutMs: read(env, Variables.DOWNSTREAM_CONNECT_TIMEOUT_MS),
    services: Object.fromEntries(
      DOWNSTREAM_SERVICES.map((service) => [
        service.name,
        {
          host: read(env, service.host),
          port: read(env, service.port),
        },
      ]),
    ),
  };
}

/** An absolute http(s) URL variable; a wrong one stops the gateway at start-up, naming it. */
function readOrigin(env: Environment, variable: CodeVariable<string>): string {
  const value = read(env, variable);
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ConfigurationError(
      variable.name,
      'an absolute http(s) URL such as http://localhost:3000',
      value,
    );
  }
  return value;
}

/** Request headers a browser may send: trace context (W3C and X-Ray), baggage and the user handle. */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'traceparent',
  'tracestate',
  'baggage',
  'x-amzn-trace-id',
  USER_HANDLE_HEADER,
];

/** Response headers a browser script may read: the trace a request joined. */
export const CORS_EXPOSED_HEADERS = ['traceresponse'];
