import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import type { Telemetry } from '../tracing/telemetry';
import { ShutdownDeadline } from './shutdown-deadline';
import { DEFAULT_SHUTDOWN_SETTINGS } from './shutdown-settings';
import type { ShutdownSettings } from './shutdown-settings';

/**
 * The share of the shutdown the trace backend gets, like CLOUDWATCH_FLUSH_TIMEOUT_MS' default for
 * logs: an OTLP endpoint that does not answer costs this much, not the whole limit.
 */
export const SPAN_FLUSH_TIMEOUT_MS = 5000;

/** Stops the service taking new work and waits (at most `timeoutMs`) for the work in hand. */
export type DrainStep = (timeoutMs: number) => Promise<string>;

/** How a service shuts down. */
export interface GracefulShutdownOptions {
  /** @default DEFAULT_SHUTDOWN_SETTINGS */
  settings?: ShutdownSettings;
  /** The service's drain (HTTP: in-flight requests; TCP: connected callers). @default none */
  drain?: DrainStep;
  /** @default process.exit - tests pass their own. */
  exit?: (code: number) => void;
  /** @default process */
  signals?: Pick<NodeJS.Process, 'once'>;
}

/**
 * On SIGTERM or SIGINT, within SHUTDOWN_TIMEOUT_MS and in this order:
 * 1. drain - stop taking new work, finish what is in flight (at most SHUTDOWN_DRAIN_TIMEOUT_MS);
 * 2. flush every backend side by side - buffered spans, and in Nest's shutdown hooks the
 *    CloudWatch Logs queue, Rollbar items and X-Ray datagrams - each within its own limit cut to
 *    the time left (ShutdownDeadline), so one black-holed backend cannot eat the others' time;
 * 3. stop telemetry (the spans recorded while closing) and exit 0.
 * A backend that did not take everything is named in a warning, and the exit is still 0: the
 * service did what it could in its time. Exit 1 only if the hard limit passes anyway. A second
 * signal while this runs is ignored (the listeners are `once`): a second Ctrl-C kills at once.
 */
export function installGracefulShutdown(
  app: INestApplicationContext,
  telemetry: Telemetry,
  options: GracefulShutdownOptions = {},
): void {
  const settings = options.settings ?? DEFAULT_SHUTDOWN_SETTINGS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  const logger = new Logger('Shutdown');
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const deadline = shutdownDeadlineOf(app);
    deadline.start(settings.timeoutMs);
    logger.log(
      `${signal}: draining ${telemetry.serviceName}, then flushing telemetry (at most ${settings.timeoutMs} ms)`,
    );
    const hardLimit = setTimeout(() => {
      logger.error(`shutdown took longer than ${settings.timeoutMs} ms; exiting without waiting`);
      exit(1);
    }, settings.timeoutMs);
    hardLimit.unref();
    void run(app, telemetry, settings, deadline, options.drain, logger)
      .catch((error: unknown) => logger.warn(`shutdown step failed: ${String(error)}`))
      .finally(() => {
        clearTimeout(hardLimit);
        exit(0);
      });
  };
  signals.once('SIGTERM', shutdown);
  signals.once('SIGINT', shutdown);
}

async function run(
  app: INestApplicationContext,
  telemetry: Telemetry,
  settings: ShutdownSettings,
  deadline: ShutdownDeadline,
  drain: DrainStep | undefined,
  logger: Logger,
): Promise<void> {
  if (drain) {
    const outcome = await drain(deadline.budget(settings.drainTimeoutMs)).catch(
      (error: unknown) => `drain failed: ${String(error)}`,
    );
    logger.log(outcome);
  }
  // Spans of the drained work go out while Nest's hooks flush the other backends.
  const spans = within(telemetry.forceFlush(), deadline.budget(SPAN_FLUSH_TIMEOUT_MS));
  const closed = app
    .close()
    .catch((error: unknown) => logger.warn(`closing the app failed: ${String(error)}`));
  const [spansFlushed] = await Promise.all([spans, closed]);
  // What closing recorded (an outage span, say) is exported by the SDK's own shutdown - unless
  // the backend did not take the first flush either: then waiting longer buys nothing.
  const stopped = await within(
    telemetry.shutdown(),
    spansFlushed ? deadline.budget(SPAN_FLUSH_TIMEOUT_MS) : 0,
  );
  if (!spansFlushed || !stopped) {
    logger.warn(
      'spans not all exported before the shutdown limit: the trace backend did not answer in time',
    );
  }
}

/** True if `work` settled within `timeoutMs`; false (leaving it running) if not. */
async function within(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.min(timeoutMs, 2 ** 31 - 1));
    timer.unref();
  });
  try {
    return await Promise.race([
      work.then(
        () => true as const,
        () => true as const,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The app's deadline (ObservabilityModule provides it), or one of our own without the module. */
function shutdownDeadlineOf(app: INestApplicationContext): ShutdownDeadline {
  try {
    return app.get(ShutdownDeadline, { strict: false });
  } catch {
    return new ShutdownDeadline();
  }
}
