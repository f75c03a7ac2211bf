import { Module } from '@nestjs/common';
import { ObservabilityModule } from '@cruddur/observability';
import { ActivitiesController } from './activities/activities.controller';
import { DownstreamModule } from './downstream/downstream.module';
import { SERVICE_NAME } from './gateway.constants';
import { HealthController } from './health/health.controller';
import { RollbarTestController } from './rollbar/rollbar-test.controller';
import { TelemetryRelayModule } from './telemetry-relay/telemetry-relay.module';

@Module({
  imports: [
    ObservabilityModule.forRoot({ serviceName: SERVICE_NAME }),
    DownstreamModule,
    TelemetryRelayModule,
  ],
  controllers: [ActivitiesController, HealthController, RollbarTestController],
})
export class AppModule {}
