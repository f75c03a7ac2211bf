import { TracingServerTcp } from '../transport/tracing-server-tcp';
import type { TracingTcpServerOptions } from '../transport/tracing-server-tcp';

/** What draining a TCP microservice found. */
export interface TcpDrainResult {
  /** Caller connections still open at the limit, closed by Nest's own close right after. */
  forced: number;
}

const POLL_MS = 25;

/**
 * The traced Nest TCP server, with a drain: Nest's own `close` destroys every connection at once,
 * so calls a gateway has in flight fail with "Connection closed". `drain` instead stops
 * accepting connections and keeps serving the open ones until every caller has hung up (a
 * gateway closes its clients once its own requests are done) or `timeoutMs` passes, and then until
 * no message is being handled; Nest's `close` then closes what is left.
 */
export class DrainingServerTcp extends TracingServerTcp {
  private handling = 0;

  constructor(options: TracingTcpServerOptions) {
    super(options);
  }

  /** Counts the message until its reply is written (a handler's value is sent synchronously). */
  override async handleMessage(socket: unknown, rawMessage: unknown): Promise<unknown> {
    this.handling++;
    try {
      return await super.handleMessage(socket, rawMessage);
    } finally {
      this.handling--;
    }
  }

  /** Messages being handled right now. */
  get inFlight(): number {
    return this.handling;
  }

  /** Caller connections open right now. */
  get connections(): number {
    return this.openSockets.size;
  }

  /** See the class comment; resolves once drained or at the limit. */
  async drain(timeoutMs: number): Promise<TcpDrainResult> {
    // Closed on purpose: Nest must not try to listen again when the server's 'close' comes.
    this.isManuallyTerminated = true;
    this.server?.close();
    const limit = Date.now() + timeoutMs;
    while (this.openSockets.size > 0 && Date.now() < limit) await pause(POLL_MS);
    // Never cut a reply off: the last messages get to finish (bounded by their own handlers).
    const hardLimit = limit + 1000;
    while (this.handling > 0 && Date.now() < hardLimit) await pause(POLL_MS);
    return { forced: this.openSockets.size };
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
