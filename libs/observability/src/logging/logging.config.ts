import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ConfigurationError, Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import { PutLogEventsLimits, RETENTION_DAYS } from '@cruddur/telemetry-wire';
import type { LogLevel } from './logging.constants';

/** How the service writes its log lines, read once at start-up. */
export interface LoggingConfig {
  /** LOG_LEVEL: fatal, error, warn, info (or Nest's `log`), debug, verbose. @default info */
  level: LogLevel;
  /**
   * LOG_FORMAT: `json` (one object per line) or `pretty` (coloured, for people).
   * @default pretty on a terminal (stdout is a TTY, or FORCE_COLOR asks for colour) unless
   * NODE_ENV=production; json otherwise
   */
  format: 'json' | 'pretty';
  /** Colours in the pretty format; NO_COLOR turns them off. */
  colors: boolean;
  /** Set when CLOUDWATCH_LOG_GROUP is: lines are also shipped to CloudWatch Logs. */
  cloudWatch?: CloudWatchLogsConfig;
}

/** Where and how log lines go to CloudWatch Logs. Region and credentials: the AWS SDK's own. */
export interface CloudWatchLogsConfig {
  /** CLOUDWATCH_LOG_GROUP (the journals use `cruddur`); created if missing. */
  logGroupName: string;
  /** `<service>/<host>/<pid>-<random>`: one stream per running instance; created at start. */
  logStreamName: string;
  /** CLOUDWATCH_RETENTION_DAYS: set on the group only when given (needs logs:PutRetentionPolicy). */
  retentionInDays?: number;
  /** CLOUDWATCH_FLUSH_INTERVAL_MS: how often queued events are sent. @default 1000 */
  flushIntervalMs: number;
  /** CLOUDWATCH_MAX_QUEUED_EVENTS: the oldest are dropped beyond this. @default 10000 */
  maxQueuedEvents: number;
  /** CLOUDWATCH_MAX_QUEUED_BYTES: the oldest are dropped beyond this. @default 16 MiB */
  maxQueuedBytes: number;
  /**
   * CLOUDWATCH_MAX_EVENT_BYTES: larger events are truncated with a marker (message bytes plus 26).
   * @default 1,048,576 (today's PutLogEvents limit; 262,144 where 256 KB still applies)
   */
  maxEventBytes: number;
  /** CLOUDWATCH_FLUSH_TIMEOUT_MS: the most a shutdown waits for the last events. @default 5000 */
  flushTimeoutMs: number;
  /** CLOUDWATCH_REQUEST_TIMEOUT_MS: one API call's limit. @default 5000 */
  requestTimeoutMs: number;
}

/** Where the process writes, to decide between pretty and JSON. */
export interface OutputTraits {
  isTTY: boolean;
}

/** Reads LOG_* and CLOUDWATCH_* for `serviceName`; a wrong value fails with the variable's name. */
export function readLoggingConfig(
  env: Environment,
  serviceName: string,
  output: OutputTraits = { isTTY: process.stdout.isTTY === true },
): LoggingConfig {
  const rawLevel = read(env, Variables.LOG_LEVEL);
  const level: LogLevel = rawLevel === 'log' ? 'info' : rawLevel;
  const forceColor = read(env, Variables.FORCE_COLOR);
  const terminal = output.isTTY || (forceColor !== undefined && forceColor !== '0');
  const development = read(env, Variables.NODE_ENV) !== 'production';
  const format = read(env, Variables.LOG_FORMAT, terminal && development ? 'pretty' : 'json');
  const logGroupName = read(env, Variables.CLOUDWATCH_LOG_GROUP);
  return {
    level,
    format,
    colors: read(env, Variables.NO_COLOR) === undefined,
    cloudWatch: logGroupName ? readCloudWatchConfig(env, logGroupName, serviceName) : undefined,
  };
}

function readCloudWatchConfig(
  env: Environment,
  logGroupName: string,
  serviceName: string,
): CloudWatchLogsConfig {
  if (!/^[.\-_/#A-Za-z0-9]{1,512}$/.test(logGroupName)) {
    throw new ConfigurationError(
      'CLOUDWATCH_LOG_GROUP',
      'a log group name (1-512 of letters, digits, . - _ / #)',
      logGroupName,
    );
  }
  const retention = read(env, Variables.CLOUDWATCH_RETENTION_DAYS, 0);
  if (retention !== 0 && !(RETENTION_DAYS as readonly number[]).includes(retention)) {
    throw new ConfigurationError(
      'CLOUDWATCH_RETENTION_DAYS',
      `one of ${RETENTION_DAYS.join(', ')}`,
      String(retention),
    );
  }
  const maxEventBytes = read(env, Variables.CLOUDWATCH_MAX_EVENT_BYTES);
  if (maxEventBytes > PutLogEventsLimits.MAX_BATCH_BYTES) {
    throw new ConfigurationError(
      'CLOUDWATCH_MAX_EVENT_BYTES',
      `at most ${PutLogEventsLimits.MAX_BATCH_BYTES}`,
      String(maxEventBytes),
    );
  }
  return {
    logGroupName,
    logStreamName: instanceStreamName(serviceName),
    retentionInDays: retention || undefined,
    flushIntervalMs: read(env, Variables.CLOUDWATCH_FLUSH_INTERVAL_MS),
    maxQueuedEvents: read(env, Variables.CLOUDWATCH_MAX_QUEUED_EVENTS),
    maxQueuedBytes: read(env, Variables.CLOUDWATCH_MAX_QUEUED_BYTES),
    maxEventBytes,
    flushTimeoutMs: read(env, Variables.CLOUDWATCH_FLUSH_TIMEOUT_MS),
    requestTimeoutMs: read(env, Variables.CLOUDWATCH_REQUEST_TIMEOUT_MS),
  };
}

/** `gateway/ip-10-0-0-7/4242-9f3c1a2b`: a stream name no other running instance shares. */
export function instanceStreamName(serviceName: string, host = hostname()): string {
  // ':' and '*' are the two characters a stream name may not contain.
  const safe = (text: string) => text.replace(/[:*]/g, '-');
  return `${safe(serviceName)}/${safe(host)}/${process.pid}-${randomBytes(4).toString('hex')}`;
}
