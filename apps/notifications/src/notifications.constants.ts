// From the instrument entry: this file is loaded before OpenTelemetry starts, so no Nest here.
import { AppAttributes } from '@cruddur/observability/instrument';

/** This service's OpenTelemetry service.name (OTEL_SERVICE_NAME overrides it). */
export const SERVICE_NAME = 'notifications';

/** The custom span around building the feed (the journals' `notification-mock-span`). */
export const MOCK_DATA_SPAN = 'notifications-mock-data';

/** The journals' custom attribute on that span. */
export const NOTIFICATION_ATTRIBUTE = 'app.notification';

/**
 * The journals set this as the OK status's description; OpenTelemetry keeps descriptions for ERROR
 * only (the SDK drops it), so it is recorded as a span event instead.
 */
export const MOCK_DATA_READY_EVENT = 'Notification Initialized.';

/**
 * The journals' X-Ray subsegment the feed span is shown as, and the span attributes X-Ray shows as
 * its metadata (`{ now, results-size }`, the journals' keys).
 */
export const XRAY_SUBSEGMENT = 'notifications_activities';
export const XRAY_FIELDS = {
  metadata: { now: AppAttributes.Now, 'results-size': AppAttributes.ResultLength },
};
