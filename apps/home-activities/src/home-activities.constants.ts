/** This service's OpenTelemetry service.name (OTEL_SERVICE_NAME overrides it). */
export const SERVICE_NAME = 'home-activities';

/** The custom span around building the feed (the journals' `home-activities-mock-data`). */
export const MOCK_DATA_SPAN = 'home-activities-mock-data';

/** The X-Ray subsegment around building the feed, and its metadata keys. */
export const XRAY_SUBSEGMENT = 'home_activities';
export const XRayMetadata = { Now: 'now', ResultsSize: 'results-size' } as const;
