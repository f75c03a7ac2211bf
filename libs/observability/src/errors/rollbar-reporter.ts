import { Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type RollbarClient from 'rollbar' with { 'resolution-mode': 'import' };
import type { ShutdownDeadline } from '../bootstrap/shutdown-deadline';
import { describeError } from '../operations/describe-error';
import { OutageReporter } from '../operations/outage-reporter';
import { PendingWork } from '../operations/pending-work';
import { SecretRedactor } from '../logging/secret-redactor';
import type { ReportDetails } from './report-details';
import { RollbarItemFields, SCRUBBED_FIELDS, SCRUBBED_HEADERS } from './rollbar.constants';
import { redactItemStrings } from './rollbar-item-redaction';
import type { RollbarSettings } from './rollbar-settings';

// rollbar's package.json says "type": "module", so TypeScript reads its types as ESM; under
// require() it serves its CommonJS build (dist/rollbar.cjs), which is what a Nest app loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Rollbar = require('rollbar') as typeof RollbarClient;

/** Every name whose value is replaced by asterisks before an item leaves the process. */
const SCRUBBED_NAMES = [...SCRUBBED_FIELDS, ...SCRUBBED_HEADERS];

/** Levels an item can have. */
export type ReportLevel = 'critical' | 'error' | 'warning' | 'info' | 'debug';

/** Where the reporter says it is off, or that Rollbar went away and came back. */
export interface ReporterLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

/** What happened to the items of this process so far. */
export interface ReporterStats {
  /** Accepted by Rollbar. */
  delivered: number;
  /** Sent but refused or not answered (network error, 4xx, 5xx). */
  failed: number;
  /** Never sent, because too many were already waiting for an answer. */
  dropped: number;
}

/**
 * Sends errors and messages to Rollbar, each with the service, environment, trace and span id,
 * the request or message pattern, and the user; one instance per Nest application, created by
 * ObservabilityModule from its options. Reporting never throws and never waits: an item is
 * handed to the notifier and the caller goes on. A Rollbar that is down costs a warning when it
 * goes away and a line when it is back - not one per item - and at most `maxPendingItems` items
 * in memory. While the app runs, uncaught exceptions and unhandled rejections are reported and
 * flushed before the process exits; on shutdown the items still in flight are flushed, within
 * `flushTimeoutMs`.
 */
export class RollbarReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  /** False without an access token: every call is a no-op and nothing is sent. */
  readonly enabled: boolean;
  private readonly rollbar: RollbarClient;
  private readonly destination: string;
  private readonly pending = new PendingWork();
  private readonly outage: OutageReporter;
  private crashing = false;
  private readonly counts: ReporterStats = { delivered: 0, failed: 0, dropped: 0 };

  constructor(
    readonly serviceName: string,
    readonly settings: RollbarSettings,
    private readonly logger: ReporterLog = new Logger('Rollbar'),
    /** At shutdown, cuts the flush to the time the shutdown has left. @default no cut */
    private readonly shutdownDeadline?: ShutdownDeadline,
    /**
     * The secret policy's patterns and the secret values of the environment the settings came
     * from, applied to the item's text. ObservabilityModule builds it from its `env`.
     * @default the process environment's
     */
    private readonly redactor: SecretRedactor = new SecretRedactor(),
  ) {
    this.enabled = Boolean(settings.accessToken);
    this.destination = printableUrl(settings.endpoint);
    this.outage = new OutageReporter({
      down: ({ reason }) =>
        this.logger.warn(
          `reporting to ${this.destination} failed (${reason}); items are dropped until it answers again - requests are not affected`,
        ),
      up: ({ lost }) =>
        this.logger.log(`reporting to ${this.destination} works again after ${lost} lost item(s)`),
    });
    this.rollbar = new Rollbar({
      accessToken: settings.accessToken,
      // rollbar 3.1.0 sends an item with an undefined token header from a timer, and Node throws
      // ERR_HTTP_INVALID_HEADER_VALUE there - an uncaught crash. Disabled, it sends nothing.
      enabled: this.enabled,
      environment: settings.environment,
      endpoint: settings.endpoint,
      scrubHeaders: [...SCRUBBED_HEADERS],
      scrubFields: SCRUBBED_NAMES,
      captureIp: false,
      // This class installs the process handlers: Rollbar's own would wait for ever to flush.
      captureUncaught: false,
      captureUnhandledRejections: false,
      autoInstrument: false,
      // Outages are reported here once; Rollbar's own logger would print a line per item.
      logLevel: 'disable' as RollbarClient.Level,
      transform: (data: Record<string, unknown>) => {
        placeCruddurFields(data);
        redactItemStrings(data, (text) => this.redactor.redactText(text));
      },
      onSendCallback: scrubFinishedItem,
    });
    if (this.enabled) {
      this.logger.log(
        `reporting errors of ${serviceName} to ${this.destination} (environment ${settings.environment})`,
      );
    } else {
      this.logger.log(`Rollbar disabled: ROLLBAR_ACCESS_TOKEN is not set`);
    }
  }

  /** Reports an exception (an Error, or anything thrown) at `level`. */
  reportError(exception: unknown, details: ReportDetails = {}, level: ReportLevel = 'error'): void {
    const error =
      exception instanceof Error ? exception : new Error(describeError(exception, 'message'));
    this.send(level, error, details);
  }

  /** Reports a message, like the journals' `rollbar.report_message('Hello World!', 'warning')`. */
  reportMessage(level: ReportLevel, message: string, details: ReportDetails = {}): void {
    this.send(level, message, details);
  }

  /** Items sent, failed and dropped so far. */
  get stats(): ReporterStats {
    return { ...this.counts };
  }

  /** Resolves true once every item handed over has been answered, or false after `timeoutMs`. */
  flush(timeoutMs = this.settings.flushTimeoutMs): Promise<boolean> {
    return this.pending.flush(timeoutMs);
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    process.on('uncaughtException', this.onUncaughtException);
    process.on('unhandledRejection', this.onUnhandledRejection);
  }

  async onApplicationShutdown(): Promise<void> {
    process.off('uncaughtException', this.onUncaughtException);
    process.off('unhandledRejection', this.onUnhandledRejection);
    const timeoutMs =
      this.shutdownDeadline?.budget(this.settings.flushTimeoutMs) ?? this.settings.flushTimeoutMs;
    if (!(await this.flush(timeoutMs))) {
      this.logger.warn(
        `${this.pending.size} item(s) still unanswered by ${this.destination} after ${timeoutMs} ms; exiting without them`,
      );
    }
  }

  private readonly onUncaughtException = (error: Error) => this.crash(error, 'uncaught exception');

  private readonly onUnhandledRejection = (reason: unknown) =>
    this.crash(reason, 'unhandled rejection');

  /**
   * Installing these handlers turns off Node's own crash, so this does what Node would - print the
   * error and exit 1 - after the item is delivered (or the flush timeout passes).
   */
  private crash(reason: unknown, kind: NonNullable<ReportDetails['uncaught']>): void {
    // The message alone: the stack logged with it starts with the error's name.
    this.logger.error(
      `${kind}: ${describeError(reason, 'message')}`,
      reason instanceof Error ? reason.stack : '',
    );
    this.reportError(reason, { uncaught: kind }, 'critical');
    if (this.crashing) return;
    this.crashing = true;
    void this.flush().finally(() => process.exit(1));
  }

  private send(level: ReportLevel, subject: Error | string, details: ReportDetails): void {
    if (!this.enabled) return;
    if (this.pending.size >= this.settings.maxPendingItems) {
      this.counts.dropped++;
      this.outage.failed(`${this.pending.size} items are waiting for an answer`, 1);
      return;
    }
    const answered = this.pending.begin();
    const settle = (error: RollbarClient.MaybeError) => {
      answered();
      this.settle(error);
    };
    try {
      const args: RollbarClient.LogArgument[] = [subject];
      if (details.request) args.push(rollbarRequest(details));
      args.push(this.customFields(details), settle);
      // Sending to Rollbar is telemetry, not the request's work: no HTTP client span for it.
      context.with(suppressTracing(context.active()), () => this.rollbar[level](...args));
    } catch (error) {
      // The notifier calls back on its own failures; this is for one that throws instead.
      settle(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private customFields(details: ReportDetails): Record<string, string> {
    const spanContext = trace.getActiveSpan()?.spanContext();
    const fields: Record<string, string | undefined> = {
      [RollbarItemFields.Service]: this.serviceName,
      [RollbarItemFields.TraceId]:
        spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined,
      [RollbarItemFields.SpanId]:
        spanContext && isSpanContextValid(spanContext) ? spanContext.spanId : undefined,
      [RollbarItemFields.MessagePattern]: details.messagePattern,
      [RollbarItemFields.UserId]: details.userId,
      [RollbarItemFields.Uncaught]: details.uncaught,
    };
    return Object.fromEntries(
      Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
  }

  private settle(error: RollbarClient.MaybeError): void {
    if (error && error.message !== 'ignored identical item') {
      this.counts.failed++;
      this.outage.failed(describeError(error), 1);
    } else if (!error) {
      this.counts.delivered++;
      this.outage.succeeded();
    }
  }
}

/** The request as Rollbar's notifier reads it: it builds `data.request` and `data.context` from it. */
function rollbarRequest(details: ReportDetails): Record<string, unknown> {
  const request = details.request!;
  return {
    method: request.method,
    url: request.path,
    headers: request.headers,
    route: request.route ? { path: request.route } : undefined,
  };
}

/**
 * Rollbar's `transform` hook, run after scrubbing: the notifier copies custom fields to the top of
 * the item as well; keep them under `custom` only, and put the message pattern and the user where
 * Rollbar shows them (`context`, `person`).
 */
function placeCruddurFields(data: Record<string, unknown>): void {
  const custom = (data.custom ?? {}) as Record<string, unknown>;
  for (const field of Object.values(RollbarItemFields)) {
    if (data[field] === custom[field]) delete data[field];
  }
  const pattern = custom[RollbarItemFields.MessagePattern];
  if (data.context === undefined && typeof pattern === 'string') data.context = pattern;
  const userId = custom[RollbarItemFields.UserId];
  if (data.person === undefined && typeof userId === 'string') data.person = { id: userId };
}

/**
 * Rollbar's last hook before sending. The notifier scrubs an item half-way through building it,
 * then adds `notifier.diagnostic.raw_error` - the original error's message and stack, unscrubbed
 * (rollbar 3.1.0), so a secret in an error message would leave the process there. That copy
 * repeats the trace (whose message and frames were scrubbed), so it goes.
 */
function scrubFinishedItem(
  _isUncaught: boolean,
  _args: unknown,
  data: Record<string, unknown>,
): void {
  const diagnostic = (data.notifier as { diagnostic?: Record<string, unknown> } | undefined)
    ?.diagnostic;
  if (diagnostic) delete diagnostic.raw_error;
}

/** The endpoint without credentials or query, for log lines. */
function printableUrl(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//${url.host}${url.pathname}`;
}
