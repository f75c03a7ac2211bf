/**
 * The request header naming the signed-in user. The gateway's copy is USER_HANDLE_HEADER in
 * @cruddur/observability, which a browser bundle cannot import (it loads Nest); the browser
 * end-to-end test checks that the two agree on the wire.
 */
export const USER_HANDLE_HEADER = 'x-cruddur-user-handle';

/** The tracer the page's own spans come from. */
export const FRONTEND_TRACER_NAME = '@cruddur/frontend';

/**
 * Attributes the browser adds to the fetch instrumentation's span. The instrumentation records the
 * current HTTP conventions (http.request.method, url.full, http.response.status_code); the journals'
 * Honeycomb queries use the older names, so those are recorded too.
 */
export enum FrontendAttributes {
  /** The signed-in user's handle, as the gateway and every service record it. */
  UserId = 'app.user_id',
  /** The journals' name for the request method. */
  HttpMethod = 'http.method',
  /** The journals' name for the request URL. */
  HttpUrl = 'http.url',
  /** The journals' name for the response status (0 when no response arrived). */
  HttpStatusCode = 'http.status_code',
}
