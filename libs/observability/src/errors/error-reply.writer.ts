import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { trace } from '@opentelemetry/api';
import { throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { describeError } from '../operations/describe-error';
import { isUnexpected } from './exception-classification';

/** The JSON body of every HTTP error answer: what happened and which trace to look at. */
export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  /** The request's trace id, to paste into Honeycomb (or the local inspector). */
  traceId?: string;
}

/** What a microservice replies for a client error (4xx) its handler raised. */
export interface RpcErrorReply {
  status: 'error';
  statusCode: number;
  message: string | string[];
}

/**
 * The answer to an error, and only that: HTTP errors get `{ statusCode, message, traceId }` -
 * never a stack trace or an internal error message (an unexpected one is logged instead). A
 * microservice answers a 4xx HttpException (a validation failure) with `{ status, statusCode,
 * message }`, so the gateway can pass the status on; everything else goes to Nest's own RPC
 * filter, whose reply says "Internal server error" and nothing more. What is reported, and where,
 * is the exception filter's business, not this.
 */
@Injectable()
export class ErrorReplyWriter {
  private readonly logger = new Logger('Exceptions');
  private readonly rpcFilter = new BaseRpcExceptionFilter();

  /** Answers `exception` on `host`; for an RPC handler, returns the reply Nest sends back. */
  reply(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    const unexpected = isUnexpected(exception);
    if (host.getType() !== 'http') {
      if (!unexpected && exception instanceof HttpException) {
        const reply: RpcErrorReply = {
          status: 'error',
          statusCode: exception.getStatus(),
          message: publicMessage(exception),
        };
        return throwError(() => reply);
      }
      return this.rpcFilter.catch(exception, host);
    }
    const status =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (unexpected && !(exception instanceof HttpException)) {
      this.logger.error(
        describeError(exception, 'message'),
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    const body: ErrorBody = {
      ...(exception instanceof HttpException ? details(exception) : {}),
      statusCode: status,
      message:
        exception instanceof HttpException ? publicMessage(exception) : 'Internal server error',
      traceId: trace.getActiveSpan()?.spanContext().traceId,
    };
    const response = host.switchToHttp().getResponse<{
      headersSent: boolean;
      status(code: number): { json(body: unknown): void };
    }>();
    if (!response.headersSent) response.status(status).json(body);
  }
}

/** Extra fields an HttpException was built with on purpose (e.g. which services are down). */
function details(exception: HttpException): Record<string, unknown> {
  const response = exception.getResponse();
  return typeof response === 'object' && response !== null ? { ...response } : {};
}

function publicMessage(exception: HttpException): string | string[] {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string' || Array.isArray(message)) return message as string | string[];
  return exception.message;
}
