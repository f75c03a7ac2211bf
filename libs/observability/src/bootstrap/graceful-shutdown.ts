import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import type { Telemetry } from '../tracing/telemetry';

/** How long a service may take to close and flush before it exits anyway. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * On SIGTERM or SIGINT: close the app (Nest's shutdown hooks run, connections close), then flush
 * and stop telemetry, then exit 0 - within `timeoutMs`, else exit 1. A second signal while this
 * runs kills the process at once (the listener is `once`), as a second Ctrl-C should.
 */
export function installGracefulShutdown(
  app: INestApplicationContext,
  telemetry: Telemetry,
  timeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS,
): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: closing ${telemetry.serviceName} and flushing telemetry`);
    const deadline = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms; exiting without waiting`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    app
      .close()
      .catch((error: unknown) => logger.error(`closing the app failed: ${String(error)}`))
      .then(() => telemetry.shutdown())
      .finally(() => {
        clearTimeout(deadline);
        process.exit(0);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
