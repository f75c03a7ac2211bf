import type { Activity } from '@cruddur/contracts';
import type { RuntimeConfig } from '../config/runtime-config';
import { USER_HANDLE_HEADER } from '../telemetry/telemetry.constants';

/** The feeds the gateway serves. */
export type FeedName = 'home' | 'notifications';

/** A feed request that failed; the message is fit to show, the trace id finds it in the traces. */
export class FeedError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or 0 when no answer arrived. */
    readonly status: number,
    /** The trace the failed request belongs to, when the gateway said. */
    readonly traceId?: string,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

/** Reads the activity feeds from the gateway, as the configured user. */
export class ActivitiesClient {
  constructor(private readonly config: Pick<RuntimeConfig, 'gatewayUrl' | 'userHandle'>) {}

  /** The user the requests are made as. */
  get userHandle(): string {
    return this.config.userHandle;
  }

  /**
   * GETs `/api/activities/<feed>`. The fetch instrumentation traces the call and adds
   * `traceparent`; this adds the user handle. Resolves with the activities or rejects with a
   * FeedError.
   */
  async feed(name: FeedName, signal?: AbortSignal): Promise<Activity[]> {
    // A Request rather than (url, init): the span hooks read the URL from it to name the span.
    const request = new Request(`${this.config.gatewayUrl}/api/activities/${name}`, {
      headers: { accept: 'application/json', [USER_HANDLE_HEADER]: this.config.userHandle },
      signal,
    });
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw await this.unanswered(signal);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const { message, traceId } = (body ?? {}) as { message?: unknown; traceId?: unknown };
      throw new FeedError(
        typeof message === 'string' ? message : `The ${name} feed failed (HTTP ${response.status})`,
        response.status,
        typeof traceId === 'string' ? traceId : undefined,
      );
    }
    if (!Array.isArray(body)) {
      throw new FeedError(`The ${name} feed answered with something that is not a feed`, 502);
    }
    return body as Activity[];
  }

  /**
   * A fetch that rejects got no answer the page may read: either the gateway is down, or its CORS
   * refused this page's origin (the browser then hides the answer, and says why only in its
   * console). A `no-cors` request tells them apart: its answer is opaque but it arrives, so it
   * succeeds exactly when the gateway is up.
   */
  private async unanswered(signal?: AbortSignal): Promise<FeedError | unknown> {
    const origin = globalThis.location?.origin;
    try {
      await fetch(`${this.config.gatewayUrl}/`, {
        method: 'HEAD',
        mode: 'no-cors',
        cache: 'no-store',
        signal,
      });
    } catch (error) {
      if (signal?.aborted) return error;
      return new FeedError('The Cruddur API cannot be reached. Try again in a moment.', 0);
    }
    return new FeedError(
      `The Cruddur API at ${this.config.gatewayUrl} refused this page's origin ${origin ?? ''} ` +
        '(CORS). Set FRONTEND_URL on the gateway to this origin, or open the page at the ' +
        'address it allows.',
      0,
    );
  }
}
