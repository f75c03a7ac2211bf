import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import {
  MAX_ROLLBAR_ITEM_BYTES,
  ROLLBAR_ITEM_PATH,
  handleRollbarItemRequest,
} from '@cruddur/telemetry-wire';
import type { RollbarItem, RollbarItemApiOptions } from '@cruddur/telemetry-wire';
import { waitFor } from '../processes/wait-for';

/** One HTTP request as it arrived, accepted or not (status 0: its sender hung up first). */
export interface ReceivedRollbarRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/** How the receiver answers, to play a healthy, failing or slow Rollbar. */
export interface RollbarReceiverBehaviour {
  /** Answer every request with this status and Rollbar's error body, instead of handling it. */
  failWithStatus?: number;
  /** Wait this long before answering. @default 0 */
  delayMs?: number;
}

/**
 * Rollbar's item API on 127.0.0.1 for tests, built on the telemetry-wire handler: it validates
 * what real notifiers send (token header, JSON, item fields), keeps every accepted item and the
 * raw bytes of every request, and can play an outage. An item counts as received only if its
 * sender still waits for the answer: a process that exits before its items are answered (with
 * `delayMs` set) loses them here as it would with the real Rollbar.
 */
export class RollbarReceiver {
  readonly items: RollbarItem[] = [];
  readonly requests: ReceivedRollbarRequest[] = [];
  behaviour: RollbarReceiverBehaviour = {};

  private readonly server: Server;
  private listeningPort = 0;

  private constructor(options: RollbarItemApiOptions) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let senderGone = false;
      response.on('close', () => (senderGone = !response.writableFinished));
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Keep one byte past the limit so the handler can say the item is too large.
        if (size <= MAX_ROLLBAR_ITEM_BYTES + 1) chunks.push(chunk);
      });
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const answer = async () => {
          if (this.behaviour.delayMs) {
            // Unref'd: a receiver playing a hung Rollbar must not keep a test run alive.
            await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs).unref());
          }
          const failWith = this.behaviour.failWithStatus;
          const result = failWith
            ? { status: failWith, body: '{"err":1,"message":"receiver plays an outage"}' }
            : handleRollbarItemRequest(
                {
                  method: request.method ?? '',
                  path: request.url ?? '',
                  headers: request.headers,
                  body,
                },
                options,
              );
          this.requests.push({
            method: request.method ?? '',
            path: request.url ?? '',
            headers: request.headers,
            body: body.toString('utf8'),
            status: senderGone ? 0 : result.status,
          });
          if (senderGone) return;
          if ('item' in result && result.item) this.items.push(result.item);
          response.writeHead(result.status, { 'content-type': 'application/json' });
          response.end(result.body);
        };
        void answer();
      });
    });
  }

  static async start(options: RollbarItemApiOptions = {}, port = 0): Promise<RollbarReceiver> {
    const receiver = new RollbarReceiver(options);
    await new Promise<void>((resolve) => receiver.server.listen(port, '127.0.0.1', resolve));
    const address = receiver.server.address();
    receiver.listeningPort = typeof address === 'object' && address ? address.port : port;
    return receiver;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** The full item endpoint URL, for ROLLBAR_ENDPOINT. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}${ROLLBAR_ITEM_PATH}`;
  }

  /** Resolves with the accepted items once `predicate` holds for them. */
  waitForItems(
    predicate: (items: RollbarItem[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<RollbarItem[]> {
    return waitFor(() => (predicate(this.items) ? this.items : undefined), {
      timeoutMs,
      what: 'items at the Rollbar receiver',
    });
  }

  /** Forgets what was received. */
  clear(): void {
    this.items.length = 0;
    this.requests.length = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
