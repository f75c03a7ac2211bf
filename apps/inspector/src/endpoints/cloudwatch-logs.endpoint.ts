import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOUDWATCH_LOGS_TARGET_PREFIX, CloudWatchLogsEmulator } from '@cruddur/telemetry-wire';
import { readBody } from '../http/read-body';
import type { InspectorEndpoint } from '../server/inspector-endpoint';
import type { TelemetryStore } from '../store/telemetry-store';
import { ReasonCounter } from '../store/reason-counter';
import { refusalOf } from './refusal-reason';

/**
 * The CloudWatch Logs JSON API on the inspector's UI port (what `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`
 * or `aws logs … --endpoint-url` point at), served by the same stateful emulator the tests use.
 * Every accepted PutLogEvents batch is also indexed in the store, where the trace page finds the
 * lines by their trace id.
 */
export class CloudWatchLogsEndpoint implements InspectorEndpoint {
  readonly name = 'cloudwatch-logs';
  private readonly emulator: CloudWatchLogsEmulator;
  /** Requests per operation; no prototype, since the names come from a request header. */
  private readonly operations: Record<string, number> = Object.create(null) as Record<
    string,
    number
  >;
  private readonly refusals = new ReasonCounter();

  constructor(
    store: TelemetryStore,
    private readonly maxBodyBytes: number,
    maxEventsPerStream: number,
  ) {
    this.emulator = new CloudWatchLogsEmulator({
      maxEventsPerStream,
      onAccepted: (logGroupName, logStreamName, events) =>
        store.ingestLogEvents(
          events.map(({ timestamp, message }) => ({
            logGroupName,
            logStreamName,
            timestamp,
            message,
          })),
        ),
    });
  }

  /** The AWS JSON protocol: POST to any path, the operation in X-Amz-Target. */
  matches(request: IncomingMessage): boolean {
    const target = request.headers['x-amz-target'];
    return (
      request.method === 'POST' &&
      typeof target === 'string' &&
      target.startsWith(CLOUDWATCH_LOGS_TARGET_PREFIX)
    );
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, this.maxBodyBytes);
    const target = request.headers['x-amz-target'] as string;
    const operation = CloudWatchLogsEmulator.operationOf(target) ?? 'unknown';
    this.operations[operation] = (this.operations[operation] ?? 0) + 1;
    const answer = this.emulator.handle({ target, body: body.toString('utf8') });
    if (answer.status >= 400) this.refusals.add(`${answer.status}: ${refusalOf(answer.body)}`);
    response.writeHead(answer.status, answer.headers).end(answer.body);
  }

  refused() {
    return { signal: 'log events', reasons: this.refusals.list() };
  }

  stats(): Record<string, unknown> {
    return {
      requests: { ...this.operations },
      logGroups: this.emulator.groups.size,
      evictedEvents: this.emulator.evictedEvents,
    };
  }
}
