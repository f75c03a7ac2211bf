import type { ClientProxy } from '@nestjs/microservices';
import { context } from '@opentelemetry/api';
import { isRetryableRequestError } from '@cruddur/observability';
import { Observable, firstValueFrom, of, retry, throwError, timeout } from 'rxjs';
import { toHttpException } from './downstream-error.mapper';
import type { DownstreamOutage } from './downstream-outage';

/** How long to wait between connection attempts while a service is not up yet. */
const CONNECT_RETRY_MS = { first: 100, max: 1000 };

/**
 * One microservice as the gateway sees it: request-response with a deadline, failures turned into
 * HTTP errors and told once per outage (DownstreamOutage). The traced client underneath (TCP or
 * NATS) records the CLIENT span and carries the context; when the service comes back after an
 * outage, the next call reconnects.
 *
 * Every request the gateway makes is a read, so one that nobody took (no responders) or whose
 * replica died holding it is sent once more, within the same deadline; the trace shows both
 * attempts as CLIENT spans. Errors the service answered with are never retried.
 */
export class DownstreamClient {
  constructor(
    readonly serviceName: string,
    private readonly client: Pick<ClientProxy, 'send' | 'emit' | 'close' | 'connect'>,
    private readonly timeoutMs: number,
    private readonly outage?: DownstreamOutage,
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
    let result: TResult;
    try {
      result = await firstValueFrom(
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
      const exception = toHttpException(error, this.serviceName, timeoutMs);
      throw this.outage ? this.outage.failed(exception, error) : exception;
    }
    this.outage?.succeeded();
    return result;
  }

  /** Fires an event; a failure to deliver it is the caller's to ignore or log, never a request failure. */
  notify(pattern: string, data: object): Promise<void> {
    return new Promise((resolve, reject) =>
      this.client.emit(pattern, data).subscribe({ complete: resolve, error: reject }),
    );
  }

  /**
   * Opens the connection, trying again (100 ms, doubling to 1 s) while the service is not up yet;
   * resolves true once connected, or false after `timeoutMs` (or once `stopWaiting` says so: a
   * shutdown began). A service started together with the gateway is usually a few hundred
   * milliseconds behind it.
   */
  async connect(timeoutMs: number, stopWaiting: () => boolean = () => false): Promise<boolean> {
    const giveUpAt = Date.now() + timeoutMs;
    let wait = CONNECT_RETRY_MS.first;
    for (;;) {
      const left = giveUpAt - Date.now();
      if (left <= 0 || stopWaiting()) return false;
      const attempt = this.client.connect().then(
        () => true,
        () => false,
      );
      const connected = await Promise.race([attempt, pause(left).then(() => false)]);
      if (connected) return true;
      await pause(Math.min(wait, Math.max(0, giveUpAt - Date.now())));
      wait = Math.min(wait * 2, CONNECT_RETRY_MS.max);
    }
  }

  /** Closes the connection (at shutdown). */
  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Not unref'd: while the gateway waits for its services, nothing else keeps the process alive. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
