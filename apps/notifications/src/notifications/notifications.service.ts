import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Activity, FeedRequest } from '@cruddur/contracts';
import { AppAttributes, Span, TraceService, XRaySubsegment } from '@cruddur/observability';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  MOCK_DATA_SPAN,
  MOCK_DATA_READY_EVENT,
  NOTIFICATION_ATTRIBUTE,
  XRAY_FIELDS,
  XRAY_SUBSEGMENT,
} from '../notifications.constants';
import { notificationsFeed } from './notifications-feed.data';
import { InjectedFaultError, NOTIFICATIONS_FAULT } from './notifications-fault';
import type { NotificationsFault } from './notifications-fault';

/** Builds the notifications feed (mock data, as in the journals). */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly traceService: TraceService,
    @Inject(NOTIFICATIONS_FAULT) private readonly fault: NotificationsFault,
  ) {
    if (fault !== 'none') {
      this.logger.warn(
        `fault injection is on (NOTIFICATIONS_FAULT=${fault}): see notifications-fault.ts`,
      );
    }
  }

  /** The span is the journals' `notifications_activities` subsegment with `{ now, results-size }`. */
  @Span(MOCK_DATA_SPAN)
  @XRaySubsegment(XRAY_SUBSEGMENT, XRAY_FIELDS)
  run(request: FeedRequest): Activity[] {
    this.injectFault();
    const now = new Date();
    const results = notificationsFeed(now);
    const span = this.traceService.getSpan();
    // An unsampled request records nothing: skip formatting what nobody will read.
    if (span?.isRecording()) {
      span.setAttributes({
        [NOTIFICATION_ATTRIBUTE]: 'cruddur',
        [AppAttributes.Now]: now.toISOString(),
        [AppAttributes.ResultLength]: results.length,
      });
      span.addEvent(MOCK_DATA_READY_EVENT);
      span.setStatus({ code: SpanStatusCode.OK });
    }
    this.logger.log(
      `Hello CloudWatch! from /api/activities/notifications (${request.userHandle ?? 'anonymous'})`,
    );
    return results;
  }

  /** What NOTIFICATIONS_FAULT asks for; nothing unless it is set (see notifications-fault.ts). */
  private injectFault(): void {
    const fault = this.fault;
    if (fault === 'throw') throw new InjectedFaultError(fault);
    if (fault === 'uncaught') {
      setImmediate(() => {
        throw new InjectedFaultError(fault);
      });
    }
    if (fault === 'unhandled-rejection') {
      void new Promise((_resolve, reject) =>
        setImmediate(() => reject(new InjectedFaultError(fault))),
      );
    }
  }

  markViewed(request: FeedRequest): void {
    this.logger.log(`notifications viewed by ${request.userHandle ?? 'an anonymous user'}`);
  }
}
