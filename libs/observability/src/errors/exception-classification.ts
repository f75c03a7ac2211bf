import { HttpException } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';

/**
 * Whether `exception` is a failure of the service (report it, mark the span) rather than an
 * answer it meant to give: a 5xx HttpException or anything that is not an HttpException or
 * RpcException is; a 4xx (validation included) is not, and neither is an RpcException, the
 * deliberate error reply of a microservice - unless it carries a 5xx status.
 */
export function isUnexpected(exception: unknown): boolean {
  if (exception instanceof HttpException) return exception.getStatus() >= 500;
  if (exception instanceof RpcException) {
    const status = statusOf(exception.getError());
    return status !== undefined && status >= 500;
  }
  return true;
}

/** The numeric `statusCode` (or `status`) of an error object, if it has one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown };
  if (typeof statusCode === 'number') return statusCode;
  return typeof status === 'number' ? status : undefined;
}
