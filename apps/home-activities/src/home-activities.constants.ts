// From the instrument entry: this file is loaded before OpenTelemetry starts, so no Nest here.
import { AppAttributes } from '@cruddur/observability/instrument';

/** This service's OpenTelemetry service.name (OTEL_SERVICE_NAME overrides it). */
export const SERVICE_NAME = 'home-activities';

/** The custom span around building the feed (the journals' `home-activities-mock-data`). */
export const MOCK_DATA_SPAN = 'home-activities-mock-data';

/**
 * The X-Ray subsegment the feed span is shown as, and the span attributes X-Ray shows as
 * its metadata (`{ now, results-size }`, the journals' keys).
 */
export const XRAY_SUBSEGMENT = 'home_activities';
export const XRAY_FIELDS = {
  metadata: { now: AppAttributes.Now, 'results-size': AppAttributes.ResultLength },
};
