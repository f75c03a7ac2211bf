/**
 * The request header that names the Cruddur user making the request (the front end sends the
 * signed-in user's handle). A header rather than a cookie: it crosses origins without credentials
 * mode, and it is not a secret, so it can be logged and traced.
 */
export const USER_HANDLE_HEADER = 'x-cruddur-user-handle';

const USER_HANDLE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A valid handle from a header value, or undefined for a missing or malformed one. */
export function parseUserHandle(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const handle = first?.trim();
  return handle && USER_HANDLE_PATTERN.test(handle) ? handle : undefined;
}
