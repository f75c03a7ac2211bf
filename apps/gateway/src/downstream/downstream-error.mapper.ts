import {
  BadGatewayException,
  GatewayTimeoutException,
  HttpException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { NATS_UNAVAILABLE_CODES, markReportedBy } from '@cruddur/observability';
import { TimeoutError } from 'rxjs';

/** Socket errors that mean "nobody is there", as opposed to "it answered with an error". */
const UNAVAILABLE_CODES = new Set<string>([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  // NATS: no replica subscribed, the one that took the request died, or the broker is away.
  ...NATS_UNAVAILABLE_CODES,
]);

/**
 * Turns what a microservice call failed with into the HTTP answer the gateway gives: 504 when the
 * service is too slow, 503 when it is not there, its own status for a 4xx it raised on purpose,
 * and 502 for anything else it failed with. Messages name the service, never a host or a stack.
 * Timeouts and outages happen here, so the gateway reports them; an error the service answered
 * with was reported by that service, so the 502 is marked as such (one error, one Rollbar item).
 */
export function toHttpException(error: unknown, service: string, timeoutMs: number): HttpException {
  if (error instanceof TimeoutError) {
    return new GatewayTimeoutException(`${service} did not answer within ${timeoutMs} ms`);
  }
  if (isUnavailable(error)) {
    return new ServiceUnavailableException(`${service} is unavailable`);
  }
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return new HttpException(messageOf(error) ?? `${service} rejected the request`, status);
  }
  return markReportedBy(
    new BadGatewayException(`${service} failed to handle the request`),
    service,
  );
}

function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  return (
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
    name === 'NetSocketClosedException' ||
    message === 'Connection closed'
  );
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown };
  if (typeof statusCode === 'number') return statusCode;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: unknown): string | undefined {
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}
