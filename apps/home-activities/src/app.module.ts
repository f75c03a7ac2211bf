import { Module } from '@nestjs/common';
import { ObservabilityModule } from '@cruddur/observability';
import { ActivitiesController } from './activities/activities.controller';
import { HomeActivitiesService } from './activities/home-activities.service';
import { SERVICE_NAME } from './home-activities.constants';

@Module({
  imports: [ObservabilityModule.forRoot({ serviceName: SERVICE_NAME })],
  controllers: [ActivitiesController],
  providers: [HomeActivitiesService],
})
export class AppModule {}
