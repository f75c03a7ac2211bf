import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MessagePatterns } from '@cruddur/contracts';
import type { Activity, FeedRequest, HealthReport } from '@cruddur/contracts';
import { SERVICE_NAME } from '../home-activities.constants';
import { HomeActivitiesService } from './home-activities.service';

/** Message handlers of home-activities. */
@Controller()
export class ActivitiesController {
  constructor(private readonly homeActivities: HomeActivitiesService) {}

  @MessagePattern(MessagePatterns.HomeFeed)
  home(@Payload() request: FeedRequest): Activity[] {
    return this.homeActivities.run(request);
  }

  @MessagePattern(MessagePatterns.HealthCheck)
  health(): HealthReport {
    return { service: SERVICE_NAME, status: 'up' };
  }
}
