import { Catch } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ErrorReplyWriter } from './error-reply.writer';
import { recordOnActiveSpan } from './exception-span';

// The reply shapes are declared beside the writer; the public API names them from here.
export type { ErrorBody, RpcErrorReply } from './error-reply.writer';

/**
 * An exception filter that reports nowhere: it marks the active span ERROR with the exception
 * recorded for unexpected errors (5xx, anything not an HttpException), in HTTP and RPC handlers
 * alike, and answers as the ErrorReplyWriter does - `{ statusCode, message, traceId }` over HTTP,
 * `{ status, statusCode, message }` for a microservice's 4xx, Nest's own reply otherwise.
 */
@Catch()
export class TraceIdExceptionFilter implements ExceptionFilter {
  constructor(private readonly replies: ErrorReplyWriter = new ErrorReplyWriter()) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    recordOnActiveSpan(exception);
    return this.replies.reply(exception, host);
  }
}
