import { Injectable, Logger } from '@nestjs/common';
import type { Activity, FeedRequest } from '@cruddur/contracts';
import { AppAttributes, Span, TraceService, XRaySubsegment } from '@cruddur/observability';
import { MOCK_DATA_SPAN, XRAY_FIELDS, XRAY_SUBSEGMENT } from '../home-activities.constants';
import { homeFeed } from './home-feed.data';

/** Builds the home feed (mock data until Cruddur has a database, as in the journals). */
@Injectable()
export class HomeActivitiesService {
  private readonly logger = new Logger(HomeActivitiesService.name);

  constructor(private readonly traceService: TraceService) {}

  /** The span is shown in X-Ray as the `home_activities` subsegment with `{ now, results-size }`. */
  @Span(MOCK_DATA_SPAN)
  @XRaySubsegment(XRAY_SUBSEGMENT, XRAY_FIELDS)
  run(request: FeedRequest): Activity[] {
    const now = new Date();
    const results = homeFeed(now);
    const span = this.traceService.getSpan();
    // An unsampled request records nothing: skip formatting what nobody will read.
    if (span?.isRecording()) {
      span.setAttributes({
        [AppAttributes.Now]: now.toISOString(),
        [AppAttributes.ResultLength]: results.length,
      });
    }
    this.logger.log(
      `home feed for ${request.userHandle ?? 'an anonymous user'}: ${results.length} activities`,
    );
    return results;
  }
}
