import { Catch, Injectable } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { isUnexpected } from './exception-classification';
import { detailsOf } from './report-details';
import { reportedBy } from './reported-by';
import { RollbarReporter } from './rollbar-reporter';
import { TraceIdExceptionFilter } from './trace-id-exception.filter';

/**
 * The global exception filter of every Cruddur service, HTTP and microservice alike: reports
 * unexpected errors (5xx, unhandled exceptions, failed RPC handlers) to Rollbar with the request
 * or message pattern, then lets the answer happen as TraceIdExceptionFilter gives it. Client
 * errors (4xx, validation, deliberate RpcExceptions) are not reported, and neither is an error
 * marked as reported by the service it came from (`markReportedBy`): one error, one item.
 */
@Catch()
@Injectable()
export class RollbarExceptionFilter extends TraceIdExceptionFilter {
  constructor(private readonly reporter: RollbarReporter) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    if (isUnexpected(exception) && !reportedBy(exception)) {
      this.reporter.reportError(exception, detailsOf(host));
    }
    return super.catch(exception, host);
  }
}
