import { SpanStatusCode, trace } from '@opentelemetry/api';
import { describeError } from '../operations/describe-error';
import { isUnexpected } from './exception-classification';

/**
 * Marks the active span ERROR, with the exception recorded on it, when `exception` is unexpected
 * (5xx, anything not an HttpException); a client error leaves the span as it is.
 */
export function recordOnActiveSpan(exception: unknown): void {
  if (!isUnexpected(exception)) return;
  const span = trace.getActiveSpan();
  span?.recordException(exception instanceof Error ? exception : String(exception));
  span?.setStatus({
    code: SpanStatusCode.ERROR,
    message: describeError(exception, 'message'),
  });
}
