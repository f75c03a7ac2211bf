import { Inject, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { HOME_ACTIVITIES_SERVICE, NOTIFICATIONS_SERVICE } from '@cruddur/contracts';
import type { ServiceEndpointDefinition } from '@cruddur/contracts';
import { TracingClientTcp } from '@cruddur/observability';
import { GATEWAY_CONFIG, readGatewayConfig } from '../gateway.config';
import type { GatewayConfig } from '../gateway.config';
import { DownstreamClient } from './downstream.client';
import { HOME_ACTIVITIES, NOTIFICATIONS } from './downstream.constants';

/** A traced TCP client for `service`, at the address the gateway's configuration names. */
function downstreamProvider(token: symbol, service: ServiceEndpointDefinition) {
  return {
    provide: token,
    inject: [GATEWAY_CONFIG],
    useFactory: (config: GatewayConfig) =>
      new DownstreamClient(
        service.name,
        new TracingClientTcp({ serviceName: service.name, ...config.services[service.name] }),
        config.downstreamTimeoutMs,
      ),
  };
}

/** The gateway's configuration and its clients for home-activities and notifications. */
@Module({
  providers: [
    { provide: GATEWAY_CONFIG, useFactory: () => readGatewayConfig() },
    downstreamProvider(HOME_ACTIVITIES, HOME_ACTIVITIES_SERVICE),
    downstreamProvider(NOTIFICATIONS, NOTIFICATIONS_SERVICE),
  ],
  exports: [GATEWAY_CONFIG, HOME_ACTIVITIES, NOTIFICATIONS],
})
export class DownstreamModule implements OnApplicationShutdown {
  constructor(
    @Inject(HOME_ACTIVITIES) private readonly homeActivities: DownstreamClient,
    @Inject(NOTIFICATIONS) private readonly notifications: DownstreamClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.homeActivities.close(), this.notifications.close()]);
  }
}
