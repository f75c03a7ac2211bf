import type { INestApplicationContext } from '@nestjs/common';
import { SERVICE_LOGGING } from '../logging/logging.constants';
import type { ServiceLogging } from '../logging/service-logging';

/**
 * Makes the app's `ServiceLogging` (from the observability module) Nest's logger. The app was
 * created with `bufferLogs: true`, so Nest's own start-up lines, held until now, are written
 * through it too. An app without the module keeps Nest's logger and gets its lines flushed.
 */
export function useServiceLogger(app: INestApplicationContext): ServiceLogging | undefined {
  let logging: ServiceLogging | undefined;
  try {
    logging = app.get<ServiceLogging>(SERVICE_LOGGING, { strict: false });
  } catch {
    logging = undefined;
  }
  if (logging) app.useLogger(logging.nestLogger);
  else app.flushLogs();
  return logging;
}
