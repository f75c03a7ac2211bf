import { SpanStatusCode } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import type { FetchCustomAttributeFunction } from '@opentelemetry/instrumentation-fetch';
import { FrontendAttributes, USER_HANDLE_HEADER } from './telemetry.constants';

type FetchRequest = Request | RequestInit;
/** A response (`status`, `statusText`, `url`) or a failure (`message`, maybe `status`). */
type FetchResult = Parameters<FetchCustomAttributeFunction>[2];

/**
 * Runs as the fetch span starts: records the journals' attributes and the user who asked, and for
 * a `Request` (which knows its URL; the API client always sends one) names the span after the path
 * - `GET /api/activities/home` rather than the instrumentation's bare `GET`.
 */
export function describeFetchRequest(span: Span, request: FetchRequest): void {
  const method = (request.method ?? 'GET').toUpperCase();
  span.setAttribute(FrontendAttributes.HttpMethod, method);
  if (request instanceof Request) {
    span.updateName(`${method} ${new URL(request.url).pathname}`);
    span.setAttribute(FrontendAttributes.HttpUrl, request.url);
  }
  const user = new Headers(request.headers).get(USER_HANDLE_HEADER);
  if (user) span.setAttribute(FrontendAttributes.UserId, user);
}

/**
 * Runs when the response (or the failure) is in: the status code under the journals' name, and
 * the span status OK for a 2xx/3xx answer, ERROR with a message otherwise.
 */
export function describeFetchResult(span: Span, result: FetchResult): void {
  const status = result.status ?? 0;
  span.setAttribute(FrontendAttributes.HttpStatusCode, status);
  if (status >= 200 && status < 400) {
    span.setStatus({ code: SpanStatusCode.OK });
    return;
  }
  const reason = 'message' in result ? result.message : result.statusText;
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: status === 0 ? `network error: ${reason || 'no response'}` : `HTTP ${status}`,
  });
}
