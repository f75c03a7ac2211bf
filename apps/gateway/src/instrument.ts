import { startTelemetry } from '@cruddur/observability/instrument';
import { SERVICE_NAME } from './gateway.constants';

/** Started before anything loads Nest, express or http: see main.ts. */
export const telemetry = startTelemetry({ serviceName: SERVICE_NAME });
