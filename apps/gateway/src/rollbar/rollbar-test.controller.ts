import { Controller, Get, Req } from '@nestjs/common';
import { RollbarReporter, httpRequestDetails } from '@cruddur/observability';
import type { HttpRequestLike } from '@cruddur/observability';

/** What /rollbar/test reports and answers, as in the journals. */
export const ROLLBAR_TEST_MESSAGE = 'Hello World!';

/** The journals' Rollbar smoke test: a warning-level item, linked to this request's trace. */
@Controller('rollbar')
export class RollbarTestController {
  constructor(private readonly reporter: RollbarReporter) {}

  @Get('test')
  test(@Req() request: HttpRequestLike): string {
    this.reporter.reportMessage('warning', ROLLBAR_TEST_MESSAGE, httpRequestDetails(request));
    return ROLLBAR_TEST_MESSAGE;
  }
}
