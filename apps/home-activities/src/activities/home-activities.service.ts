import { Injectable, Logger } from '@nestjs/common';
import type { Activity, FeedRequest } from '@cruddur/contracts';
import {
  AppAttributes,
  Span,
  TraceService,
  XRayService,
  XRaySubsegment,
} from '@cruddur/observability';
import { MOCK_DATA_SPAN, XRAY_SUBSEGMENT, XRayMetadata } from '../home-activities.constants';
import { homeFeed } from './home-feed.data';

/** Builds the home feed (mock data until Cruddur has a database, as in the journals). */
@Injectable()
export class HomeActivitiesService {
  private readonly logger = new Logger(HomeActivitiesService.name);

  constructor(
    private readonly traceService: TraceService,
    private readonly xray: XRayService,
  ) {}

  @Span(MOCK_DATA_SPAN)
  @XRaySubsegment(XRAY_SUBSEGMENT)
  run(request: FeedRequest): Activity[] {
    const now = new Date();
    const results = homeFeed(now);
    const span = this.traceService.getSpan();
    span?.setAttribute(AppAttributes.Now, now.toISOString());
    span?.setAttribute(AppAttributes.ResultLength, results.length);
    this.xray.addMetadata(XRayMetadata.Now, now.toISOString());
    this.xray.addMetadata(XRayMetadata.ResultsSize, results.length);
    this.logger.log(
      `home feed for ${request.userHandle ?? 'an anonymous user'}: ${results.length} activities`,
    );
    return results;
  }
}
