import { startTelemetry } from '@cruddur/observability/instrument';
import { SERVICE_NAME } from './gateway.constants';
import { TELEMETRY_RELAY_PATH } from './telemetry-relay/telemetry-relay.constants';

/**
 * Started before anything loads Nest, express or http: see main.ts. The relay's requests carry
 * browser telemetry already; spans of their own would only multiply a flood.
 */
export const telemetry = startTelemetry({
  serviceName: SERVICE_NAME,
  untracedPaths: [TELEMETRY_RELAY_PATH],
});
