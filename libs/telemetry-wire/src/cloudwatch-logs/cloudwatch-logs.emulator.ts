import { PutLogEventsLimits, RETENTION_DAYS, logEventSize } from './cloudwatch-logs.limits';

/** The `X-Amz-Target` prefix of every CloudWatch Logs operation (JSON 1.1 protocol). */
export const CLOUDWATCH_LOGS_TARGET_PREFIX = 'Logs_20140328.';

/** The content type CloudWatch Logs speaks. */
export const CLOUDWATCH_LOGS_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** One stored log event, as GetLogEvents and FilterLogEvents return it. */
export interface StoredLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

/** A log stream and what was put into it. */
export interface StoredLogStream {
  logStreamName: string;
  creationTime: number;
  events: StoredLogEvent[];
  lastIngestionTime?: number;
}

/** A log group and its streams. */
export interface StoredLogGroup {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  streams: Map<string, StoredLogStream>;
}

/** One answer of the emulator: an HTTP status and a JSON body. */
export interface CloudWatchLogsResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the emulator needs of a request. */
export interface CloudWatchLogsRequest {
  /** The X-Amz-Target header, e.g. `Logs_20140328.PutLogEvents`. */
  target: string | undefined;
  /** The raw JSON body. */
  body: string;
}

/** How strict the emulator is. */
export interface CloudWatchLogsEmulatorOptions {
  /**
   * The largest event (message bytes plus 26) PutLogEvents accepts.
   * @default PutLogEventsLimits.MAX_EVENT_BYTES
   */
  maxEventBytes?: number;
  /** The emulator's clock, for ingestion times and the 2 h / 14 day rules. @default Date.now */
  now?: () => number;
  /** @default 'us-east-1' - only used to build ARNs. */
  region?: string;
  /**
   * Events kept per stream; older ones are forgotten (and counted in `evictedEvents`), so a
   * long-running emulator (the local inspector) has bounded memory. @default Infinity
   */
  maxEventsPerStream?: number;
  /** Called with the events each PutLogEvents accepted, e.g. to index them elsewhere. */
  onAccepted?: (logGroupName: string, logStreamName: string, events: StoredLogEvent[]) => void;
  /** @default '000000000000' - only used to build ARNs. */
  accountId?: string;
}

/** A CloudWatch Logs error as the service reports it: `__type` and `message`, status 400. */
export class CloudWatchLogsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

type Json = Record<string, unknown>;
type Operation = (input: Json) => Json;

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;
const PAGE_LIMIT = 50;

/**
 * A stateful, in-memory CloudWatch Logs that answers the JSON API the AWS SDKs speak
 * (`X-Amz-Target: Logs_20140328.<Operation>`): log groups and streams, retention, PutLogEvents
 * with every documented batch rule, and reading events back with GetLogEvents / FilterLogEvents.
 * Errors carry the service's own types (ResourceAlreadyExistsException, ResourceNotFoundException,
 * InvalidParameterException, ...) so SDK clients take the same paths they take against AWS.
 *
 * It has no transport of its own: `handle` takes the target and body and returns status and body,
 * so a test receiver and the local inspector mount the same code on their own HTTP servers.
 */
export class CloudWatchLogsEmulator {
  readonly groups = new Map<string, StoredLogGroup>();
  /** Events forgotten because a stream held `maxEventsPerStream`. */
  evictedEvents = 0;
  private readonly maxEventBytes: number;
  private readonly maxEventsPerStream: number;
  private readonly onAccepted: CloudWatchLogsEmulatorOptions['onAccepted'];
  private readonly now: () => number;
  private readonly arnPrefix: string;
  private nextEventId = 0;
  /**
   * A Map, not an object literal: the operation name comes from a request header, and a lookup
   * in an object would find `__proto__`, `constructor` or `hasOwnProperty` on its prototype.
   */
  private readonly operations: ReadonlyMap<string, Operation> = new Map<string, Operation>([
    ['CreateLogGroup', (input) => this.createLogGroup(input)],
    ['CreateLogStream', (input) => this.createLogStream(input)],
    ['DescribeLogGroups', (input) => this.describeLogGroups(input)],
    ['DescribeLogStreams', (input) => this.describeLogStreams(input)],
    ['PutRetentionPolicy', (input) => this.putRetentionPolicy(input)],
    ['PutLogEvents', (input) => this.putLogEvents(input)],
    ['GetLogEvents', (input) => this.getLogEvents(input)],
    ['FilterLogEvents', (input) => this.filterLogEvents(input)],
  ]);

  constructor(options: CloudWatchLogsEmulatorOptions = {}) {
    this.maxEventBytes = options.maxEventBytes ?? PutLogEventsLimits.MAX_EVENT_BYTES;
    this.maxEventsPerStream = options.maxEventsPerStream ?? Infinity;
    this.onAccepted = options.onAccepted;
    this.now = options.now ?? Date.now;
    this.arnPrefix = `arn:aws:logs:${options.region ?? 'us-east-1'}:${options.accountId ?? '000000000000'}`;
  }

  /** The operation named by an X-Amz-Target header, or undefined if it is not CloudWatch Logs. */
  static operationOf(target: string | undefined): string | undefined {
    return target?.startsWith(CLOUDWATCH_LOGS_TARGET_PREFIX)
      ? target.slice(CLOUDWATCH_LOGS_TARGET_PREFIX.length)
      : undefined;
  }

  /** Answers one request. Never throws: every problem is a CloudWatch Logs error response. */
  handle(request: CloudWatchLogsRequest): CloudWatchLogsResponse {
    try {
      const name = CloudWatchLogsEmulator.operationOf(request.target);
      const operation = name === undefined ? undefined : this.operations.get(name);
      if (!operation) {
        throw new CloudWatchLogsServiceError(
          'UnknownOperationException',
          `unknown or unsupported operation: ${String(request.target)}`,
        );
      }
      return respond(200, operation(parseBody(request.body)));
    } catch (error) {
      if (error instanceof CloudWatchLogsServiceError) {
        return respond(error.status, { __type: error.type, message: error.message }, error.type);
      }
      throw error;
    }
  }

  /** The events of one stream, oldest first. */
  eventsOf(logGroupName: string, logStreamName: string): StoredLogEvent[] {
    return this.groups.get(logGroupName)?.streams.get(logStreamName)?.events ?? [];
  }

  /** Forgets every group, stream and event. */
  reset(): void {
    this.groups.clear();
  }

  private createLogGroup(input: Json): Json {
    const name = groupNameOf(input);
    if (this.groups.has(name)) {
      throw new CloudWatchLogsServiceError(
        'ResourceAlreadyExistsException',
        'The specified log group already exists',
      );
    }
    this.groups.set(name, { logGroupName: name, creationTime: this.now(), streams: new Map() });
    return {};
  }

  private createLogStream(input: Json): Json {
    const group = this.group(groupNameOf(input));
    const name = streamNameOf(input);
    if (group.streams.has(name)) {
      throw new CloudWatchLogsServiceError(
        'ResourceAlreadyExistsException',
        'The specified log stream already exists',
      );
    }
    group.streams.set(name, { logStreamName: name, creationTime: this.now(), events: [] });
    return {};
  }

  private describeLogGroups(input: Json): Json {
    const prefix = optionalString(input, 'logGroupNamePrefix') ?? '';
    const groups = [...this.groups.values()]
      .filter((group) => group.logGroupName.startsWith(prefix))
      .sort((a, b) => a.logGroupName.localeCompare(b.logGroupName));
    const { page, nextToken } = paginate(groups, input);
    return {
      logGroups: page.map((group) => ({
        logGroupName: group.logGroupName,
        creationTime: group.creationTime,
        ...(group.retentionInDays ? { retentionInDays: group.retentionInDays } : {}),
        metricFilterCount: 0,
        arn: `${this.arnPrefix}:log-group:${group.logGroupName}:*`,
        logGroupArn: `${this.arnPrefix}:log-group:${group.logGroupName}`,
        storedBytes: 0,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private describeLogStreams(input: Json): Json {
    const group = this.group(
      optionalString(input, 'logGroupName') ?? groupNameOf(input, 'logGroupIdentifier'),
    );
    const prefix = optionalString(input, 'logStreamNamePrefix') ?? '';
    const orderBy = optionalString(input, 'orderBy') ?? 'LogStreamName';
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
      throw invalid(`Value '${orderBy}' at 'orderBy' failed to satisfy constraint`);
    }
    if (prefix && orderBy === 'LastEventTime') {
      throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
    }
    const streams = [...group.streams.values()].filter((stream) =>
      stream.logStreamName.startsWith(prefix),
    );
    const lastEvent = (stream: StoredLogStream) => stream.events.at(-1)?.timestamp ?? 0;
    streams.sort((a, b) =>
      orderBy === 'LastEventTime'
        ? lastEvent(a) - lastEvent(b)
        : a.logStreamName.localeCompare(b.logStreamName),
    );
    if (input.descending === true) streams.reverse();
    const { page, nextToken } = paginate(streams, input);
    return {
      logStreams: page.map((stream) => ({
        logStreamName: stream.logStreamName,
        creationTime: stream.creationTime,
        ...(stream.events.length
          ? {
              firstEventTimestamp: stream.events[0].timestamp,
              lastEventTimestamp: stream.events.at(-1)!.timestamp,
              lastIngestionTime: stream.lastIngestionTime,
            }
          : {}),
        arn: `${this.arnPrefix}:log-group:${group.logGroupName}:log-stream:${stream.logStreamName}`,
        storedBytes: 0,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private putRetentionPolicy(input: Json): Json {
    const group = this.group(groupNameOf(input));
    const days = input.retentionInDays;
    if (typeof days !== 'number' || !(RETENTION_DAYS as readonly number[]).includes(days)) {
      throw invalid(
        `1 validation error detected: Value '${String(days)}' at 'retentionInDays' failed to ` +
          `satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
      );
    }
    group.retentionInDays = days;
    return {};
  }

  private putLogEvents(input: Json): Json {
    const groupName = groupNameOf(input);
    const streamName = streamNameOf(input);
    const events = input.logEvents;
    if (!Array.isArray(events) || events.length === 0) {
      throw invalid(
        "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: " +
          'Member must have length greater than or equal to 1',
      );
    }
    if (events.length > PutLogEventsLimits.MAX_BATCH_EVENTS) {
      throw invalid(
        `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: ` +
          `Member must have length less than or equal to ${PutLogEventsLimits.MAX_BATCH_EVENTS}`,
      );
    }
    let batchBytes = 0;
    const batch = events.map((event: unknown, index) => {
      const { timestamp, message } = (event ?? {}) as Json;
      if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0) {
        throw invalid(`Value at 'logEvents.${index + 1}.member.timestamp' must be a number`);
      }
      if (typeof message !== 'string' || message.length === 0) {
        throw invalid(
          `1 validation error detected: Value at 'logEvents.${index + 1}.member.message' ` +
            'failed to satisfy constraint: Member must have length greater than or equal to 1',
        );
      }
      const size = logEventSize(message);
      if (size > this.maxEventBytes) {
        throw invalid(`Log event too large: ${size} bytes exceeds limit of ${this.maxEventBytes}`);
      }
      batchBytes += size;
      return { timestamp, message };
    });
    if (batchBytes > PutLogEventsLimits.MAX_BATCH_BYTES) {
      throw invalid(
        `Upload too large: ${batchBytes} bytes exceeds limit of ${PutLogEventsLimits.MAX_BATCH_BYTES}`,
      );
    }
    for (let i = 1; i < batch.length; i++) {
      if (batch[i].timestamp < batch[i - 1].timestamp) {
        throw invalid(
          'Log events in a single PutLogEvents request must be in chronological order.',
        );
      }
    }
    if (batch.at(-1)!.timestamp - batch[0].timestamp > PutLogEventsLimits.MAX_BATCH_SPAN_MS) {
      throw invalid(
        'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
      );
    }
    const group = this.group(groupName);
    const stream = group.streams.get(streamName);
    if (!stream) {
      throw new CloudWatchLogsServiceError(
        'ResourceNotFoundException',
        'The specified log stream does not exist.',
      );
    }

    const now = this.now();
    const oldest =
      now -
      Math.min(
        PutLogEventsLimits.MAX_AGE_MS,
        (group.retentionInDays ?? Infinity) * 24 * 60 * 60 * 1000,
      );
    const rejected: Json = {};
    const accepted: StoredLogEvent[] = [];
    batch.forEach((event, index) => {
      if (event.timestamp > now + PutLogEventsLimits.MAX_FUTURE_MS) {
        rejected.tooNewLogEventStartIndex ??= index;
      } else if (event.timestamp < oldest) {
        rejected.tooOldLogEventEndIndex = index + 1;
      } else {
        accepted.push({
          ...event,
          ingestionTime: now,
          eventId: String(this.nextEventId++).padStart(56, '0'),
        });
      }
    });
    stream.events.push(...accepted);
    const excess = stream.events.length - this.maxEventsPerStream;
    if (excess > 0) {
      stream.events.splice(0, excess);
      this.evictedEvents += excess;
    }
    stream.lastIngestionTime = now;
    if (accepted.length) this.onAccepted?.(groupName, streamName, accepted);
    return {
      nextSequenceToken: String(stream.events.length).padStart(56, '0'),
      ...(Object.keys(rejected).length ? { rejectedLogEventsInfo: rejected } : {}),
    };
  }

  private getLogEvents(input: Json): Json {
    const group = this.group(
      optionalString(input, 'logGroupName') ?? groupNameOf(input, 'logGroupIdentifier'),
    );
    const stream = group.streams.get(streamNameOf(input));
    if (!stream) {
      throw new CloudWatchLogsServiceError(
        'ResourceNotFoundException',
        'The specified log stream does not exist.',
      );
    }
    const limit = limitOf(input, 10_000);
    const inRange = stream.events.filter((event) => withinTime(event, input));
    const token = optionalString(input, 'nextToken');
    const fromHead = input.startFromHead === true || token?.startsWith('f/');
    const position = token ? Number(token.slice(2)) : fromHead ? 0 : inRange.length;
    if (!Number.isInteger(position) || position < 0 || position > inRange.length) {
      throw invalid('The specified nextToken is invalid.');
    }
    const [start, end] = fromHead
      ? [position, Math.min(inRange.length, position + limit)]
      : [Math.max(0, position - limit), position];
    return {
      events: inRange.slice(start, end).map(({ timestamp, message, ingestionTime }) => ({
        timestamp,
        message,
        ingestionTime,
      })),
      nextForwardToken: `f/${end}`,
      nextBackwardToken: `b/${start}`,
    };
  }

  private filterLogEvents(input: Json): Json {
    const group = this.group(
      optionalString(input, 'logGroupName') ?? groupNameOf(input, 'logGroupIdentifier'),
    );
    const names = input.logStreamNames;
    const prefix = optionalString(input, 'logStreamNamePrefix');
    if (Array.isArray(names) && prefix !== undefined) {
      throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive');
    }
    const matches = compileFilterPattern(optionalString(input, 'filterPattern') ?? '');
    const streams = [...group.streams.values()].filter((stream) =>
      Array.isArray(names)
        ? names.includes(stream.logStreamName)
        : stream.logStreamName.startsWith(prefix ?? ''),
    );
    const all = streams
      .flatMap((stream) =>
        stream.events
          .filter((event) => withinTime(event, input) && matches(event.message))
          .map((event) => ({ logStreamName: stream.logStreamName, ...event })),
      )
      .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
    const token = optionalString(input, 'nextToken');
    const start = token ? Number(token) : 0;
    if (!Number.isInteger(start) || start < 0 || start > all.length) {
      throw invalid('The specified nextToken is invalid.');
    }
    const end = Math.min(all.length, start + limitOf(input, 10_000));
    return {
      events: all.slice(start, end),
      searchedLogStreams: streams.map((stream) => ({
        logStreamName: stream.logStreamName,
        searchedCompletely: true,
      })),
      ...(end < all.length ? { nextToken: String(end) } : {}),
    };
  }

  private group(name: string): StoredLogGroup {
    const group = this.groups.get(name);
    if (!group) {
      throw new CloudWatchLogsServiceError(
        'ResourceNotFoundException',
        'The specified log group does not exist.',
      );
    }
    return group;
  }
}

function respond(status: number, body: Json, errorType?: string): CloudWatchLogsResponse {
  return {
    status,
    headers: {
      'content-type': CLOUDWATCH_LOGS_CONTENT_TYPE,
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    },
    body: JSON.stringify(body),
  };
}

function parseBody(body: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    throw new CloudWatchLogsServiceError('SerializationException', 'the body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CloudWatchLogsServiceError('SerializationException', 'the body must be an object');
  }
  return parsed as Json;
}

function invalid(message: string): CloudWatchLogsServiceError {
  return new CloudWatchLogsServiceError('InvalidParameterException', message);
}

function optionalString(input: Json, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`Value at '${field}' must be a string`);
  return value;
}

function required(input: Json, field: string, pattern: RegExp): string {
  const value = optionalString(input, field);
  if (value === undefined) {
    throw invalid(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: ` +
        'Member must not be null',
    );
  }
  if (!pattern.test(value)) {
    throw invalid(
      `1 validation error detected: Value '${value}' at '${field}' failed to satisfy ` +
        `constraint: Member must satisfy regular expression pattern: ${pattern.source}`,
    );
  }
  return value;
}

function groupNameOf(input: Json, field = 'logGroupName'): string {
  return required(input, field, GROUP_NAME);
}

function streamNameOf(input: Json): string {
  return required(input, 'logStreamName', STREAM_NAME);
}

function limitOf(input: Json, max: number): number {
  const limit = input.limit;
  if (limit === undefined) return max;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > max) {
    throw invalid(`Value '${String(limit)}' at 'limit' must be between 1 and ${max}`);
  }
  return limit;
}

function paginate<T>(items: T[], input: Json): { page: T[]; nextToken?: string } {
  const token = optionalString(input, 'nextToken');
  const start = token ? Number(token) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw invalid('The specified nextToken is invalid.');
  }
  const end = Math.min(items.length, start + limitOf(input, PAGE_LIMIT));
  return { page: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
}

function withinTime(event: StoredLogEvent, input: Json): boolean {
  const { startTime, endTime } = input;
  if (typeof startTime === 'number' && event.timestamp < startTime) return false;
  if (typeof endTime === 'number' && event.timestamp > endTime) return false;
  return true;
}

/**
 * The subset of the filter pattern syntax that finding a request's logs needs: terms (every
 * term, or "quoted phrase", must occur; `-term` must not), and JSON patterns of conditions on
 * fields joined by `&&`: `{ $.trace_id = "abc" && $.level != "debug" && $.status = 200 }`.
 */
export function compileFilterPattern(pattern: string): (message: string) => boolean {
  const text = pattern.trim();
  if (!text) return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  const terms = [...text.matchAll(/(-?)(?:"([^"]*)"|(\S+))/g)].map((match) => ({
    negated: match[1] === '-',
    value: match[2] ?? match[3],
  }));
  return (message) => terms.every(({ negated, value }) => message.includes(value) !== negated);
}

function compileJsonPattern(pattern: string): (message: string) => boolean {
  const body = /^\{(.*)\}$/s.exec(pattern)?.[1];
  if (body === undefined) throw invalid(`Invalid filter pattern: ${pattern}`);
  const conditions = body.split('&&').map((part) => {
    const match = /^\s*\$\.([\w.]+)\s*(=|!=)\s*(?:"([^"]*)"|(-?\d+(?:\.\d+)?)|(\w+))\s*$/.exec(
      part,
    );
    if (!match) throw invalid(`Invalid filter pattern: ${pattern}`);
    const [, path, operator, quoted, number, bare] = match;
    const expected = number !== undefined ? Number(number) : (quoted ?? bare);
    return { path: path.split('.'), equal: operator === '=', expected };
  });
  return (message) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return false;
    }
    return conditions.every(({ path, equal, expected }) => {
      const actual = path.reduce<unknown>(
        (value, key) => (value && typeof value === 'object' ? (value as Json)[key] : undefined),
        parsed,
      );
      return (actual === expected) === equal;
    });
  };
}
