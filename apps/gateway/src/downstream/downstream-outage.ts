import { HttpStatus } from '@nestjs/common';
import type { HttpException, LoggerService } from '@nestjs/common';
import { markReportedBy } from '@cruddur/observability';
import { OutageReporter, describeError } from '@cruddur/observability/operations';
import type { EndedOutage } from '@cruddur/observability/operations';

/** What the gateway tells about one downstream's outages. */
export type OutageLogger = Pick<LoggerService, 'warn' | 'log'>;

/** What the call that started an outage was answered (503 or 504), and why. */
interface FirstFailure {
  status: number;
  cause: string;
}

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
  private readonly outage: OutageReporter<FirstFailure>;
  private readonly failures = { unavailable: 0, timedOut: 0 };
  private socketErrors = 0;
  private lastSocketError: string | undefined;

  constructor(
    private readonly service: string,
    private readonly logger: OutageLogger,
    now: () => number = Date.now,
  ) {
    this.outage = new OutageReporter<FirstFailure>(
      {
        down: ({ reason: { status, cause } }) =>
          logger.warn(
            `${service} call failed (${status}: ${cause}); ` +
              `answering ${status} while it lasts - one line now, one with the counts when it is back`,
          ),
        up: (outage) => this.answersAgain(outage),
      },
      now,
    );
  }

  /** True between the first failed call and the next one that succeeds. */
  get inOutage(): boolean {
    return this.outage.inOutage;
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
    const first = this.outage.failed({ status, cause: describeError(cause ?? exception, 'code') });
    return first ? exception : markReportedBy(exception, 'gateway');
  }

  /**
   * The TCP connection reported an error (EPIPE, ECONNRESET when the service dies): kept as the
   * cause of the outage the failing calls will show, never a line of its own.
   */
  socketError(error: unknown): void {
    this.socketErrors++;
    this.lastSocketError = describeError(error, 'code');
  }

  /** A call got its answer: ends an outage, if there was one, with what it cost. */
  succeeded(): void {
    this.outage.succeeded();
  }

  private answersAgain({ durationMs }: EndedOutage<FirstFailure>): void {
    const seconds = (durationMs / 1000).toFixed(1);
    const { unavailable, timedOut } = this.failures;
    const socket = this.socketErrors
      ? `; ${this.socketErrors} connection error(s), the last ${this.lastSocketError}`
      : '';
    this.logger.log(
      `${this.service} answers again after ${seconds} s: ${unavailable} call(s) answered 503, ` +
        `${timedOut} answered 504${socket}`,
    );
    this.failures.unavailable = 0;
    this.failures.timedOut = 0;
    this.socketErrors = 0;
    this.lastSocketError = undefined;
  }
}
