import { Catch, Injectable } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ErrorReplyWriter } from './error-reply.writer';
import { isUnexpected } from './exception-classification';
import { recordOnActiveSpan } from './exception-span';
import { detailsOf } from './report-details';
import { reportedBy } from './reported-by';
import { RollbarReporter } from './rollbar-reporter';

/**
 * The global exception filter of every Cruddur service, HTTP and microservice alike. It composes
 * two collaborators that change apart: the RollbarReporter, to which it reports unexpected errors
 * (5xx, unhandled exceptions, failed RPC handlers) with the request or message pattern, and the
 * ErrorReplyWriter, which gives the answer (the trace id in an HTTP body, the RPC reply). Between
 * them it marks the active span ERROR for unexpected errors. Client errors (4xx, validation,
 * deliberate RpcExceptions) are not reported, and neither is an error marked as reported by the
 * service it came from (`markReportedBy`): one error, one item.
 */
@Catch()
@Injectable()
export class RollbarExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly reporter: RollbarReporter,
    private readonly replies: ErrorReplyWriter = new ErrorReplyWriter(),
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    if (isUnexpected(exception) && !reportedBy(exception)) {
      this.reporter.reportError(exception, detailsOf(host));
    }
    recordOnActiveSpan(exception);
    return this.replies.reply(exception, host);
  }
}
