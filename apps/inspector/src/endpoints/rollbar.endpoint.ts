import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLLBAR_ITEM_PATH, handleRollbarItemRequest } from '@cruddur/telemetry-wire';
import { readBody } from '../http/read-body';
import type { InspectorEndpoint } from '../server/inspector-endpoint';
import type { TelemetryStore } from '../store/telemetry-store';
import { ReasonCounter } from '../store/reason-counter';
import { refusalOf } from './refusal-reason';

/**
 * Rollbar's item API (`POST /api/1/item/`, what `ROLLBAR_ENDPOINT` points at) on the inspector's
 * UI port, answered by the same handler the tests use. Accepted items are stored without their
 * access token; the trace page finds them by the trace id in `data.custom`.
 */
export class RollbarEndpoint implements InspectorEndpoint {
  readonly name = 'rollbar';
  private accepted = 0;
  private rejected = 0;
  private readonly refusals = new ReasonCounter();

  constructor(
    private readonly store: TelemetryStore,
    private readonly maxBodyBytes: number,
  ) {}

  matches(_request: IncomingMessage, path: string): boolean {
    return path === ROLLBAR_ITEM_PATH || path === ROLLBAR_ITEM_PATH.slice(0, -1);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, this.maxBodyBytes);
    const answer = handleRollbarItemRequest({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      body,
    });
    if (answer.item) {
      this.store.ingestRollbarItem({
        data: answer.item.data as unknown as Record<string, unknown>,
      });
      this.accepted++;
    } else {
      this.rejected++;
    }
    if (answer.status >= 400) this.refusals.add(`${answer.status}: ${refusalOf(answer.body)}`);
    response
      .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
      .end(answer.body);
  }

  refused() {
    return { signal: 'Rollbar items', reasons: this.refusals.list() };
  }

  stats(): Record<string, unknown> {
    return { accepted: this.accepted, rejected: this.rejected };
  }
}
