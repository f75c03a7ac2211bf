import { HttpStatus } from '@nestjs/common';
import type { HttpException, LoggerService } from '@nestjs/common';
import { markReportedBy } from '@cruddur/observability';

/** What the gateway tells about one downstream's outages. */
export type OutageLogger = Pick<LoggerService, 'warn' | 'log'>;

/**
 * One downstream's outages, told once each: the first call that fails (503: nobody there, 504:
 * no answer in time) starts an outage - one WARN, logged inside that request so it carries its
 * trace id, and that call's exception goes to Rollbar through the global filter as usual; every
 * later failure is only counted, its exception marked as reported so that it files no item; the
 * first call that succeeds again ends the outage with one line of counts. A downstream killed
 * under load thus costs two lines and one item, not a line per socket error and an item per
 * request (which Rollbar's 60-a-minute limit would then cut, unrelated errors included).
 */
export class DownstreamOutage {
  private startedAt: number | undefined;
  private readonly failures = { unavailable: 0, timedOut: 0 };
  private socketErrors = 0;
  private lastSocketError: string | undefined;

  constructor(
    private readonly service: string,
    private readonly logger: OutageLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** True between the first failed call and the next one that succeeds. */
  get inOutage(): boolean {
    return this.startedAt !== undefined;
  }

  /**
   * A call failed with `exception` (the gateway's answer): counts it, and returns it - marked as
   * already reported unless it is the one that starts the outage.
   */
  failed(exception: HttpException, cause: unknown): HttpException {
    const status = exception.getStatus();
    if (status !== HttpStatus.SERVICE_UNAVAILABLE && status !== HttpStatus.GATEWAY_TIMEOUT) {
      return exception;
    }
    if (status === HttpStatus.GATEWAY_TIMEOUT) this.failures.timedOut++;
    else this.failures.unavailable++;
    if (this.startedAt !== undefined) return markReportedBy(exception, 'gateway');
    this.startedAt = this.now();
    this.logger.warn(
      `${this.service} call failed (${status}: ${describe(cause) ?? exception.message}); ` +
        `answering ${status} while it lasts - one line now, one with the counts when it is back`,
    );
    return exception;
  }

  /**
   * The TCP connection reported an error (EPIPE, ECONNRESET when the service dies): kept as the
   * cause of the outage the failing calls will show, never a line of its own.
   */
  socketError(error: unknown): void {
    this.socketErrors++;
    this.lastSocketError = describe(error);
  }

  /** A call got its answer: ends an outage, if there was one, with what it cost. */
  succeeded(): void {
    if (this.startedAt === undefined) return;
    const seconds = ((this.now() - this.startedAt) / 1000).toFixed(1);
    const { unavailable, timedOut } = this.failures;
    const socket = this.socketErrors
      ? `; ${this.socketErrors} connection error(s), the last ${this.lastSocketError}`
      : '';
    this.logger.log(
      `${this.service} answers again after ${seconds} s: ${unavailable} call(s) answered 503, ` +
        `${timedOut} answered 504${socket}`,
    );
    this.startedAt = undefined;
    this.failures.unavailable = 0;
    this.failures.timedOut = 0;
    this.socketErrors = 0;
    this.lastSocketError = undefined;
  }
}

function describe(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  if (name === 'TimeoutError') return 'no reply in time';
  return typeof message === 'string' ? message.split('\n')[0] : undefined;
}
