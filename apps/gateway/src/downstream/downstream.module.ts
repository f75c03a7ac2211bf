import { Inject, Logger, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HOME_ACTIVITIES_SERVICE, NOTIFICATIONS_SERVICE } from '@cruddur/contracts';
import type { ServiceEndpointDefinition } from '@cruddur/contracts';
import { ShutdownDeadline } from '@cruddur/observability';
import { GATEWAY_CONFIG } from '../gateway.config';
import type { GatewayConfig } from '../gateway.config';
import { DownstreamClient } from './downstream.client';
import { HOME_ACTIVITIES, NOTIFICATIONS } from './downstream.constants';
import { DownstreamOutage } from './downstream-outage';
import { createTransportClient } from './downstream-transport';

/** A traced client for `service`, on the transport the gateway's configuration names. */
function downstreamProvider(token: symbol, service: ServiceEndpointDefinition) {
  return {
    provide: token,
    inject: [GATEWAY_CONFIG],
    useFactory: (config: GatewayConfig) => {
      const outage = new DownstreamOutage(service.name, new Logger('Downstream'));
      return new DownstreamClient(
        service.name,
        createTransportClient(service, config, (error) => outage.socketError(error)),
        config.downstreamTimeoutMs,
        outage,
      );
    },
  };
}

/**
 * The gateway's configuration (read once by main.ts, given to `forRoot`) and its clients for
 * home-activities and notifications. They connect
 * during application bootstrap, which Nest runs before the HTTP port is bound: a gateway that
 * accepts requests (and answers /api/health) has its downstream connections up - it waits up to
 * DOWNSTREAM_CONNECT_TIMEOUT_MS for services started alongside it. One still down by then is
 * named in a warning and its routes answer 503 until it is up; the gateway reconnects on its own.
 * At shutdown the clients close after the HTTP server has drained, which tells the services that
 * their last caller is done.
 */
@Module({
  providers: [
    downstreamProvider(HOME_ACTIVITIES, HOME_ACTIVITIES_SERVICE),
    downstreamProvider(NOTIFICATIONS, NOTIFICATIONS_SERVICE),
  ],
  exports: [GATEWAY_CONFIG, HOME_ACTIVITIES, NOTIFICATIONS],
})
export class DownstreamModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Downstream');

  /** The module with the configuration main.ts read at start. */
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: DownstreamModule,
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }],
      exports: [GATEWAY_CONFIG],
    };
  }

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(HOME_ACTIVITIES) private readonly homeActivities: DownstreamClient,
    @Inject(NOTIFICATIONS) private readonly notifications: DownstreamClient,
    private readonly shutdown: ShutdownDeadline,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const timeoutMs = this.config.downstreamConnectTimeoutMs;
    await Promise.all(
      [this.homeActivities, this.notifications].map(async (downstream) => {
        const where = this.whereIs(downstream.serviceName);
        // A SIGTERM during the wait ends it: Nest's close waits for start-up to finish first.
        if (await downstream.connect(timeoutMs, () => this.shutdown.started)) {
          this.logger.log(`connected to ${downstream.serviceName} at ${where}`);
        } else {
          this.logger.warn(
            `${downstream.serviceName} is not reachable at ${where} after ${timeoutMs} ms ` +
              '(DOWNSTREAM_CONNECT_TIMEOUT_MS); starting without it: its routes answer 503 ' +
              'until it is up, and the gateway connects then on its own',
          );
        }
      }),
    );
  }

  /** The service's TCP address, or the broker it is reached through. */
  private whereIs(serviceName: string): string {
    if (this.config.transport === 'nats') return `NATS (${this.config.nats?.servers.join(', ')})`;
    const { host, port } = this.config.services[serviceName];
    return `${host}:${port}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.homeActivities.close(), this.notifications.close()]);
  }
}
