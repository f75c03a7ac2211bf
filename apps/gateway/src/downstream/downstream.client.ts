import type { ClientProxy } from '@nestjs/microservices';
import { context } from '@opentelemetry/api';
import { isRetryableRequestError } from '@cruddur/observability';
import { Observable, firstValueFrom, of, retry, throwError, timeout } from 'rxjs';
import { toHttpException } from './downstream-error.mapper';

/** How long the gateway waits for the broker at start-up before listening anyway. */
const WARM_UP_MS = 2000;

/**
 * One microservice as the gateway sees it: request-response with a deadline, failures turned into
 * HTTP errors. The traced client underneath (TCP or NATS) records the CLIENT span and carries the
 * context; when the service comes back after an outage, the next call reconnects.
 *
 * Every request the gateway makes is a read, so one that nobody took (no responders) or whose
 * replica died holding it is sent once more, within the same deadline; the trace shows both
 * attempts as CLIENT spans. Errors the service answered with are never retried.
 */
export class DownstreamClient {
  constructor(
    readonly serviceName: string,
    private readonly client: Pick<ClientProxy, 'send' | 'emit' | 'close'> & {
      connectWithin?: (waitMs: number) => Promise<boolean>;
    },
    private readonly timeoutMs: number,
  ) {}

  /** Sends `data` to `pattern` and resolves with the reply, or rejects with an HttpException. */
  async request<TResult>(
    pattern: string,
    data: object,
    timeoutMs = this.timeoutMs,
  ): Promise<TResult> {
    // A retry starts from where the failed attempt's error surfaced (inside its span); both
    // attempts are children of the caller's span instead.
    const caller = context.active();
    try {
      return await firstValueFrom(
        new Observable<TResult>((subscriber) =>
          context.with(caller, () =>
            this.client.send<TResult>(pattern, data).subscribe(subscriber),
          ),
        ).pipe(
          retry({
            count: 1,
            delay: (error: unknown) =>
              isRetryableRequestError(error) ? of(0) : throwError(() => error),
          }),
          timeout(timeoutMs),
        ),
      );
    } catch (error) {
      throw toHttpException(error, this.serviceName, timeoutMs);
    }
  }

  /** Fires an event; a failure to deliver it is the caller's to ignore or log, never a request failure. */
  notify(pattern: string, data: object): Promise<void> {
    return new Promise((resolve, reject) =>
      this.client.emit(pattern, data).subscribe({ complete: resolve, error: reject }),
    );
  }

  /** Connects ahead of the first request where the transport has a broker to find (NATS). */
  async warmUp(): Promise<void> {
    await this.client.connectWithin?.(WARM_UP_MS);
  }

  /** Closes the connection (at shutdown). */
  async close(): Promise<void> {
    await this.client.close();
  }
}
