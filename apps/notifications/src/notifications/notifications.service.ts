import { Injectable, Logger } from '@nestjs/common';
import type { Activity, FeedRequest } from '@cruddur/contracts';
import {
  AppAttributes,
  Span,
  TraceService,
  XRayService,
  XRaySubsegment,
} from '@cruddur/observability';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  MOCK_DATA_SPAN,
  MOCK_DATA_STATUS,
  NOTIFICATION_ATTRIBUTE,
  XRAY_SUBSEGMENT,
  XRayMetadata,
} from '../notifications.constants';
import { notificationsFeed } from './notifications-feed.data';

/** Builds the notifications feed (mock data, as in the journals). */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly traceService: TraceService,
    private readonly xray: XRayService,
  ) {}

  @Span(MOCK_DATA_SPAN)
  @XRaySubsegment(XRAY_SUBSEGMENT)
  run(request: FeedRequest): Activity[] {
    const now = new Date();
    const results = notificationsFeed(now);
    const span = this.traceService.getSpan();
    span?.setAttribute(NOTIFICATION_ATTRIBUTE, 'cruddur');
    span?.setAttribute(AppAttributes.Now, now.toISOString());
    span?.setAttribute(AppAttributes.ResultLength, results.length);
    span?.setStatus({ code: SpanStatusCode.OK, message: MOCK_DATA_STATUS });
    this.xray.addMetadata(XRayMetadata.Now, now.toISOString());
    this.xray.addMetadata(XRayMetadata.ResultsSize, results.length);
    this.logger.log(
      `Hello CloudWatch! from /api/activities/notifications (${request.userHandle ?? 'anonymous'})`,
    );
    return results;
  }

  markViewed(request: FeedRequest): void {
    this.logger.log(`notifications viewed by ${request.userHandle ?? 'an anonymous user'}`);
  }
}
