import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { MessagePatterns } from '@cruddur/contracts';
import type { HealthReport } from '@cruddur/contracts';
import type { DownstreamClient } from '../downstream/downstream.client';
import { HOME_ACTIVITIES, NOTIFICATIONS } from '../downstream/downstream.constants';
import { GATEWAY_CONFIG } from '../gateway.config';
import type { GatewayConfig } from '../gateway.config';

/** What /api/health answers: the gateway's own status and each downstream's. */
export interface HealthBody {
  status: 'ok' | 'unavailable';
  services: Record<string, 'up' | 'down'>;
}

/** 200 when every downstream answers a health check in time, 503 naming the ones that do not. */
@Controller('api/health')
export class HealthController {
  private readonly downstreams: DownstreamClient[];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(HOME_ACTIVITIES) homeActivities: DownstreamClient,
    @Inject(NOTIFICATIONS) notifications: DownstreamClient,
  ) {
    this.downstreams = [homeActivities, notifications];
  }

  @Get()
  async check(): Promise<HealthBody> {
    const results = await Promise.all(
      this.downstreams.map(async (downstream) => {
        try {
          await downstream.request<HealthReport>(
            MessagePatterns.HealthCheck,
            {},
            this.config.healthTimeoutMs,
          );
          return [downstream.serviceName, 'up'] as const;
        } catch {
          return [downstream.serviceName, 'down'] as const;
        }
      }),
    );
    const services = Object.fromEntries(results);
    const down = results.filter(([, state]) => state === 'down').map(([name]) => name);
    if (down.length > 0) {
      throw new ServiceUnavailableException({
        statusCode: 503,
        message: `not answering: ${down.join(', ')}`,
        status: 'unavailable',
        services,
      });
    }
    return { status: 'ok', services };
  }
}
