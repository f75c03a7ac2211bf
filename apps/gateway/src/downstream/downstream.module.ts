import { Inject, Module } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HOME_ACTIVITIES_SERVICE, NOTIFICATIONS_SERVICE } from '@cruddur/contracts';
import type { ServiceEndpointDefinition } from '@cruddur/contracts';
import { GATEWAY_CONFIG, readGatewayConfig } from '../gateway.config';
import type { GatewayConfig } from '../gateway.config';
import { DownstreamClient } from './downstream.client';
import { HOME_ACTIVITIES, NOTIFICATIONS } from './downstream.constants';
import { createTransportClient } from './downstream-transport';

/** A traced client for `service`, on the transport the gateway's configuration names. */
function downstreamProvider(token: symbol, service: ServiceEndpointDefinition) {
  return {
    provide: token,
    inject: [GATEWAY_CONFIG],
    useFactory: (config: GatewayConfig) =>
      new DownstreamClient(
        service.name,
        createTransportClient(service, config),
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
export class DownstreamModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(HOME_ACTIVITIES) private readonly homeActivities: DownstreamClient,
    @Inject(NOTIFICATIONS) private readonly notifications: DownstreamClient,
  ) {}

  /**
   * Over NATS, connects before the gateway listens (waiting briefly), so its first requests find
   * the broker; a broker that is not there yet is waited for in the background, and requests until
   * then are answered 503. Over TCP each call connects when first needed.
   */
  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([this.homeActivities.warmUp(), this.notifications.warmUp()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.homeActivities.close(), this.notifications.close()]);
  }
}
