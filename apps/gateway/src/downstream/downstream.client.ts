import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { toHttpException } from './downstream-error.mapper';

/**
 * One microservice as the gateway sees it: request-response with a deadline, failures turned into
 * HTTP errors. The TracingClientTcp underneath records the CLIENT span and carries the context; when
 * the service comes back after an outage, the next call reconnects.
 */
export class DownstreamClient {
  constructor(
    readonly serviceName: string,
    private readonly client: Pick<ClientProxy, 'send' | 'emit' | 'close'>,
    private readonly timeoutMs: number,
  ) {}

  /** Sends `data` to `pattern` and resolves with the reply, or rejects with an HttpException. */
  async request<TResult>(
    pattern: string,
    data: object,
    timeoutMs = this.timeoutMs,
  ): Promise<TResult> {
    try {
      return await firstValueFrom(
        this.client.send<TResult>(pattern, data).pipe(timeout(timeoutMs)),
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

  /** Closes the connection (at shutdown). */
  async close(): Promise<void> {
    await this.client.close();
  }
}
