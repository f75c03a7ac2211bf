/**
 * How much of an error a line shows:
 * - `full`: `CODE: first line of the message` - for a log line about a failure; the code (or the
 *   error's own name, when it is more than `Error`) says what kind of failure it was.
 * - `code`: the code alone (`ECONNREFUSED`, `timed out`), else the first line of the message - for a
 *   line that already says what failed and must not repeat an address or a payload.
 * - `message`: the whole message - for a span status, beside which the exception's type is
 *   recorded anyway.
 */
export type ErrorDetail = 'full' | 'code' | 'message';

/** The fields errors of Node, the AWS SDK, fetch, RxJS and RPC clients describe themselves with. */
interface ErrorFields {
  message?: unknown;
  code?: unknown;
  name?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Turns anything thrown or reported as an error into one piece of text: an Error, an RPC error
 * object (`{ message }`), a string, or nothing. The code is looked for on the error, then on its
 * `cause` (fetch puts the socket's error there) and on the first of an AggregateError's `errors`
 * (Node's connect puts one per address tried there); an AggregateError with no message of its own
 * takes that first error's.
 */
export function describeError(error: unknown, detail: ErrorDetail = 'full'): string {
  if (typeof error === 'string') return error;
  if (error === undefined || error === null) return 'unknown error';
  if (typeof error !== 'object') return String(error);
  const message = messageOf(error as ErrorFields);
  if (detail === 'message') return message ?? 'unknown error';
  const code = codeOf(error as ErrorFields);
  const firstLine = message?.split('\n')[0];
  if (detail === 'code')
    return code ?? timeout(error as ErrorFields) ?? firstLine ?? 'unknown error';
  const kind = code ?? specificName(error as ErrorFields);
  if (!firstLine) return kind ?? 'unknown error';
  return kind ? `${kind}: ${firstLine}` : firstLine;
}

function messageOf(error: ErrorFields): string | undefined {
  if (error.message !== undefined && error.message !== '') return String(error.message);
  const [first] = Array.isArray(error.errors) ? (error.errors as ErrorFields[]) : [];
  return first && typeof first === 'object' ? messageOf(first) : undefined;
}

function codeOf(error: ErrorFields): string | undefined {
  if (typeof error.code === 'string') return error.code;
  const cause = error.cause as ErrorFields | undefined;
  if (typeof cause === 'object' && cause !== null && typeof cause.code === 'string') {
    return cause.code;
  }
  const [first] = Array.isArray(error.errors) ? (error.errors as ErrorFields[]) : [];
  return typeof first?.code === 'string' ? first.code : undefined;
}

/** RxJS's `timeout()` and `AbortSignal.timeout` both name their error TimeoutError. */
function timeout(error: ErrorFields): string | undefined {
  return error.name === 'TimeoutError' ? 'timed out' : undefined;
}

/** `ServiceUnavailableException`, `TimeoutError`: a name that says more than `Error` does. */
function specificName(error: ErrorFields): string | undefined {
  return typeof error.name === 'string' && error.name !== 'Error' && error.name !== ''
    ? error.name
    : undefined;
}
