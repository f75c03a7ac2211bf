/** This service's OpenTelemetry service.name (OTEL_SERVICE_NAME overrides it). */
export const SERVICE_NAME = 'gateway';
