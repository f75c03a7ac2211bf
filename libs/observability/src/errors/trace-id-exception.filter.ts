import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Observable } from 'rxjs';

/** The JSON body of every HTTP error answer: what happened and which trace to look at. */
export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  /** The request's trace id, to paste into Honeycomb (or the local inspector). */
  traceId?: string;
}

/**
 * Answers HTTP errors with `{ statusCode, message, traceId }` - never a stack trace or an internal
 * error message - and marks the request span ERROR with the exception recorded for server errors.
 * Microservice (RPC) errors go on to Nest's own RPC filter, which serialises them for the caller.
 */
@Catch()
export class TraceIdExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');
  private readonly rpcFilter = new BaseRpcExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    if (host.getType() !== 'http') {
      return this.rpcFilter.catch(exception, host);
    }
    const status =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const span = trace.getActiveSpan();
    if (status >= 500) {
      span?.recordException(exception instanceof Error ? exception : String(exception));
      span?.setStatus({ code: SpanStatusCode.ERROR, message: describe(exception) });
      if (!(exception instanceof HttpException)) {
        this.logger.error(
          describe(exception),
          exception instanceof Error ? exception.stack : undefined,
        );
      }
    }
    const body: ErrorBody = {
      ...(exception instanceof HttpException ? details(exception) : {}),
      statusCode: status,
      message:
        exception instanceof HttpException ? publicMessage(exception) : 'Internal server error',
      traceId: span?.spanContext().traceId,
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

function describe(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}
