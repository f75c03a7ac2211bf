/** Where a microservice listens, and which variables move it. The gateway reads the same variables. */
export interface ServiceEndpointDefinition {
  /** The service's name: its OpenTelemetry service.name and the name the gateway reports in health. */
  readonly name: string;
  /** Injection token of the gateway's client for this service. */
  readonly clientToken: string;
  readonly hostVariable: string;
  readonly portVariable: string;
  /** @default 127.0.0.1 */
  readonly defaultHost: string;
  readonly defaultPort: number;
}

export const HOME_ACTIVITIES_SERVICE: ServiceEndpointDefinition = {
  name: 'home-activities',
  clientToken: 'HOME_ACTIVITIES_CLIENT',
  hostVariable: 'HOME_ACTIVITIES_HOST',
  portVariable: 'HOME_ACTIVITIES_PORT',
  defaultHost: '127.0.0.1',
  defaultPort: 4101,
};

export const NOTIFICATIONS_SERVICE: ServiceEndpointDefinition = {
  name: 'notifications',
  clientToken: 'NOTIFICATIONS_CLIENT',
  hostVariable: 'NOTIFICATIONS_HOST',
  portVariable: 'NOTIFICATIONS_PORT',
  defaultHost: '127.0.0.1',
  defaultPort: 4102,
};

/** The services behind the gateway, in the order health reports them. */
export const DOWNSTREAM_SERVICES: readonly ServiceEndpointDefinition[] = [
  HOME_ACTIVITIES_SERVICE,
  NOTIFICATIONS_SERVICE,
];
