import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ObservabilityModule } from '@cruddur/observability';
import { ActivitiesController } from './activities/activities.controller';
import { DownstreamModule } from './downstream/downstream.module';
import type { GatewayConfig } from './gateway.config';
import { SERVICE_NAME } from './gateway.constants';
import { HealthController } from './health/health.controller';
import { RollbarTestController } from './rollbar/rollbar-test.controller';
import type { TelemetryRelayConfig } from './telemetry-relay/telemetry-relay.config';
import { TelemetryRelayModule } from './telemetry-relay/telemetry-relay.module';

@Module({
  imports: [ObservabilityModule.forRoot({ serviceName: SERVICE_NAME })],
  controllers: [ActivitiesController, HealthController, RollbarTestController],
})
export class AppModule {
  /** The gateway, built from the settings main.ts read once at start. */
  static forRoot(gateway: GatewayConfig, relay: TelemetryRelayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [DownstreamModule.forRoot(gateway), TelemetryRelayModule.forRoot(relay)],
    };
  }
}
