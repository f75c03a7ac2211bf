import { startTelemetry } from '@cruddur/observability/instrument';
import { SERVICE_NAME } from './home-activities.constants';

/** Started before anything loads Nest: see main.ts. */
export const telemetry = startTelemetry({ serviceName: SERVICE_NAME });
