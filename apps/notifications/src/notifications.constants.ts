/** This service's OpenTelemetry service.name (OTEL_SERVICE_NAME overrides it). */
export const SERVICE_NAME = 'notifications';

/** The custom span around building the feed (the journals' `notification-mock-span`). */
export const MOCK_DATA_SPAN = 'notifications-mock-data';

/** The journals' custom attribute and status message on that span. */
export const NOTIFICATION_ATTRIBUTE = 'app.notification';
export const MOCK_DATA_STATUS = 'Notification Initialized.';

/** The journals' X-Ray subsegment around building the feed, and its metadata keys. */
export const XRAY_SUBSEGMENT = 'notifications_activities';
export const XRayMetadata = { Now: 'now', ResultsSize: 'results-size' } as const;
