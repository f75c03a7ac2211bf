import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { MessagePatterns } from '@cruddur/contracts';
import type { Activity, FeedRequest, HealthReport } from '@cruddur/contracts';
import { SERVICE_NAME } from '../notifications.constants';
import { NotificationsService } from './notifications.service';

/** Message and event handlers of notifications. */
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @MessagePattern(MessagePatterns.NotificationsFeed)
  feed(@Payload() request: FeedRequest): Activity[] {
    return this.notifications.run(request);
  }

  @EventPattern(MessagePatterns.NotificationsViewed)
  viewed(@Payload() request: FeedRequest): void {
    this.notifications.markViewed(request);
  }

  @MessagePattern(MessagePatterns.HealthCheck)
  health(): HealthReport {
    return { service: SERVICE_NAME, status: 'up' };
  }
}
