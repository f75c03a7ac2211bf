import { Controller, Get, Headers, Inject, Logger } from '@nestjs/common';
import { MessagePatterns } from '@cruddur/contracts';
import type { Activity, FeedRequest } from '@cruddur/contracts';
import { USER_HANDLE_HEADER, parseUserHandle } from '@cruddur/observability';
import type { DownstreamClient } from '../downstream/downstream.client';
import { HOME_ACTIVITIES, NOTIFICATIONS } from '../downstream/downstream.constants';

/** The Cruddur activity feeds, each built by its own microservice. */
@Controller('api/activities')
export class ActivitiesController {
  private readonly logger = new Logger(ActivitiesController.name);

  constructor(
    @Inject(HOME_ACTIVITIES) private readonly homeActivities: DownstreamClient,
    @Inject(NOTIFICATIONS) private readonly notifications: DownstreamClient,
  ) {}

  @Get('home')
  home(@Headers(USER_HANDLE_HEADER) userHandle?: string): Promise<Activity[]> {
    return this.homeActivities.request<Activity[]>(
      MessagePatterns.HomeFeed,
      feedRequest(userHandle),
    );
  }

  @Get('notifications')
  async notificationsFeed(@Headers(USER_HANDLE_HEADER) userHandle?: string): Promise<Activity[]> {
    const request = feedRequest(userHandle);
    const activities = await this.notifications.request<Activity[]>(
      MessagePatterns.NotificationsFeed,
      request,
    );
    // Marking them seen is an event: it must never fail or delay the feed.
    this.notifications
      .notify(MessagePatterns.NotificationsViewed, request)
      .catch((error: unknown) =>
        this.logger.warn(`notifications.viewed not delivered: ${String(error)}`),
      );
    return activities;
  }
}

function feedRequest(userHandle: string | undefined): FeedRequest {
  const handle = parseUserHandle(userHandle);
  return handle ? { userHandle: handle } : {};
}
