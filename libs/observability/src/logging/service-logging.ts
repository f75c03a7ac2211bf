import type { LoggerService, OnApplicationShutdown } from '@nestjs/common';
import type { Environment } from '@cruddur/contracts';
import { WinstonLogger } from 'nest-winston';
import type { ShutdownDeadline } from '../bootstrap/shutdown-deadline';
import { createLogger, format, transports } from 'winston';
import type { Logger } from 'winston';
import {
  createCloudWatchLogsClient,
  verifyCloudWatchLogsClient,
} from './cloudwatch/cloudwatch-logs.client.factory';
import { CloudWatchLogsShipper } from './cloudwatch/cloudwatch-logs.shipper';
import { CloudWatchLogsTransport } from './cloudwatch/cloudwatch-logs.transport';
import type { CloudWatchLogsTransportStats } from './cloudwatch/cloudwatch-logs.transport';
import { CloudWatchOutageReporter } from './cloudwatch/cloudwatch-outage.reporter';
import { BufferedLineTransport, isFileDescriptorStream } from './buffered-line.transport';
import { jsonLineFormat, levelFilter, prettyLineFormat, recordFormat } from './log-line.formats';
import { readLoggingConfig } from './logging.config';
import type { LoggingConfig, OutputTraits } from './logging.config';
import { LOG_LEVELS, LogContext } from './logging.constants';
import { SecretRedactor } from './secret-redactor';
import { DEFAULT_TRACE_FIELDS, traceFieldsFormat } from './trace-fields.format';
import type { TraceFieldsContributor } from './trace-fields.format';

/** How a service's logging is set up; everything else comes from LOG_* and CLOUDWATCH_*. */
export interface ServiceLoggingOptions {
  /**
   * The name the service goes by (`resolveServiceName`: OTEL_SERVICE_NAME, else its own): the
   * `service` field and the log stream prefix.
   */
  serviceName: string;
  /**
   * More correlation fields for every line logged inside a request, after the default ones
   * (`DEFAULT_TRACE_FIELDS`: trace_id, span_id, user_id and xray_trace_id are always written).
   * @default []
   */
  traceFields?: readonly TraceFieldsContributor[];
  /** @default process.env */
  env?: Environment;
  /** Where console lines go; tests pass their own stream. @default process.stdout */
  stdout?: NodeJS.WritableStream & Partial<OutputTraits>;
  /** At shutdown, cuts the CloudWatch Logs flush to the time the shutdown has left. */
  shutdownDeadline?: ShutdownDeadline;
}

/**
 * A service's logging: one winston logger whose lines (JSON, or pretty on a developer's terminal)
 * go to stdout and - when CLOUDWATCH_LOG_GROUP is set - to this instance's CloudWatch Logs
 * stream; and the same logger as a Nest `LoggerService` (nest-winston) that replaces Nest's own,
 * so Nest's lines are written the same way. Created per application by the observability module,
 * closed in `onApplicationShutdown`, which delivers what is still queued within a time bound.
 */
export class ServiceLogging implements OnApplicationShutdown {
  private closed: Promise<CloudWatchLogsTransportStats | undefined> | undefined;

  private constructor(
    /** The winston logger, for code that wants structured fields: `logger.info(msg, {...})`. */
    readonly logger: Logger,
    /** The same logger for Nest: `app.useLogger(logging.nestLogger)`. */
    readonly nestLogger: LoggerService,
    readonly config: LoggingConfig,
    /** Present when CloudWatch Logs is on. */
    readonly cloudWatch: CloudWatchLogsTransport | undefined,
    private readonly shutdownDeadline?: ShutdownDeadline,
  ) {}

  /**
   * Builds the logger. With CLOUDWATCH_LOG_GROUP set it first makes sure the AWS SDK finds a region
   * and credentials, and rejects with a `CloudWatchLogsSetupError` naming what is missing: a
   * service told to ship its logs fails at start-up rather than running with them going nowhere.
   */
  static async create(options: ServiceLoggingOptions): Promise<ServiceLogging> {
    const env = options.env ?? process.env;
    const service = options.serviceName;
    const stdout = options.stdout ?? process.stdout;
    const config = readLoggingConfig(env, service, { isTTY: stdout.isTTY === true });
    const redactor = new SecretRedactor(env);
    // The JSON line is made once, at the logger, for every destination that wants JSON (stdout in
    // json format, CloudWatch Logs); only a pretty terminal formats its own line.
    const jsonLine = config.format === 'json' || config.cloudWatch !== undefined;
    const consoleFormat =
      config.format === 'pretty' ? prettyLineFormat({ colors: config.colors }) : undefined;
    const logger: Logger = createLogger({
      levels: LOG_LEVELS,
      level: config.level,
      format: format.combine(
        // First: a line below the level costs no timestamp, trace fields or redaction.
        levelFilter(() => logger.level),
        format.timestamp(),
        traceFieldsFormat([...DEFAULT_TRACE_FIELDS, ...(options.traceFields ?? [])]),
        recordFormat({ service, redactor }),
        ...(jsonLine ? [jsonLineFormat()] : []),
      ),
      transports: [
        // stdout on a pipe or file: one write per event-loop turn, not one blocking write a line.
        isFileDescriptorStream(stdout)
          ? new BufferedLineTransport(stdout, { format: consoleFormat })
          : new transports.Stream({ stream: stdout, format: consoleFormat }),
      ],
      exitOnError: false,
    });

    let cloudWatch: CloudWatchLogsTransport | undefined;
    if (config.cloudWatch) {
      const cw = config.cloudWatch;
      const client = createCloudWatchLogsClient({ requestTimeoutMs: cw.requestTimeoutMs }, env);
      await verifyCloudWatchLogsClient(client, cw.logGroupName);
      const note = (
        level: 'warn' | 'info',
        message: string,
        fields: Record<string, unknown> = {},
      ) => logger.log({ level, message, context: LogContext.CloudWatchLogs, ...fields });
      const destination = `${cw.logGroupName}/${cw.logStreamName}`;
      cloudWatch = new CloudWatchLogsTransport({
        shipper: new CloudWatchLogsShipper(client, cw, (message) => note('warn', message)),
        outage: new CloudWatchOutageReporter(
          destination,
          cw.maxQueuedEvents,
          note,
          cw.logGroupName,
          cw.logStreamName,
        ),
        warn: (message) => note('warn', message),
        flushIntervalMs: cw.flushIntervalMs,
        maxQueuedEvents: cw.maxQueuedEvents,
        maxQueuedBytes: cw.maxQueuedBytes,
        maxEventBytes: cw.maxEventBytes,
        // No format of its own: it ships the JSON line the logger already made.
      });
      logger.add(cloudWatch);
      note('info', `shipping logs to CloudWatch Logs ${destination}`);
    }
    return new ServiceLogging(
      logger,
      new WinstonLogger(logger),
      config,
      cloudWatch,
      options.shutdownDeadline,
    );
  }

  /**
   * Delivers what is queued for CloudWatch Logs (at most CLOUDWATCH_FLUSH_TIMEOUT_MS) and stops
   * shipping; console lines keep working. Safe to call more than once.
   */
  close(
    timeoutMs = this.config.cloudWatch?.flushTimeoutMs ?? 0,
  ): Promise<CloudWatchLogsTransportStats | undefined> {
    this.closed ??= this.cloudWatch
      ? this.cloudWatch.flushAndClose(timeoutMs).then((stats) => {
          this.logger.remove(this.cloudWatch!);
          return stats;
        })
      : Promise.resolve(undefined);
    return this.closed;
  }

  async onApplicationShutdown(): Promise<void> {
    const timeoutMs = this.config.cloudWatch?.flushTimeoutMs ?? 0;
    await this.close(this.shutdownDeadline?.budget(timeoutMs) ?? timeoutMs);
  }
}
