import { Variables } from '../config/environment-variables';
import type { CodeVariable } from '../config/variable-declaration';

/** Where a microservice listens, and which variables move it. The gateway reads the same variables. */
export interface ServiceEndpointDefinition {
  /** The service's name: its OpenTelemetry service.name and the name the gateway reports in health. */
  readonly name: string;
  /** Injection token of the gateway's client for this service. */
  readonly clientToken: string;
  /** Its host variable (the service binds to it, the gateway dials it). @default 127.0.0.1 */
  readonly host: CodeVariable<string>;
  /** Its port variable, both sides too. */
  readonly port: CodeVariable<number>;
  /** `host.name`, for messages. */
  readonly hostVariable: string;
  /** `port.name`, for messages. */
  readonly portVariable: string;
  /** `host`'s default. */
  readonly defaultHost: string;
  /** `port`'s default. */
  readonly defaultPort: number;
}

function endpoint(
  name: string,
  clientToken: string,
  host: CodeVariable<string>,
  port: CodeVariable<number>,
): ServiceEndpointDefinition {
  return {
    name,
    clientToken,
    host,
    port,
    hostVariable: host.name,
    portVariable: port.name,
    defaultHost: host.fallback,
    defaultPort: port.fallback,
  };
}

export const HOME_ACTIVITIES_SERVICE = endpoint(
  'home-activities',
  'HOME_ACTIVITIES_CLIENT',
  Variables.HOME_ACTIVITIES_HOST,
  Variables.HOME_ACTIVITIES_PORT,
);

export const NOTIFICATIONS_SERVICE = endpoint(
  'notifications',
  'NOTIFICATIONS_CLIENT',
  Variables.NOTIFICATIONS_HOST,
  Variables.NOTIFICATIONS_PORT,
);

/** The services behind the gateway, in the order health reports them. */
export const DOWNSTREAM_SERVICES: readonly ServiceEndpointDefinition[] = [
  HOME_ACTIVITIES_SERVICE,
  NOTIFICATIONS_SERVICE,
];
