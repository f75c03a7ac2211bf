import { describeError } from './describe-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('describeError', () => {
  it('puts the code before the first line of the message', () => {
    expect(describeError(withCode('connect refused\n    at x', 'ECONNREFUSED'))).toBe(
      'ECONNREFUSED: connect refused',
    );
  });

  it('names the error when it has no code and a name more specific than Error', () => {
    const sdkError = Object.assign(new Error('Service Unavailable'), {
      name: 'ServiceUnavailableException',
    });
    expect(describeError(sdkError)).toBe('ServiceUnavailableException: Service Unavailable');
    expect(describeError(new Error('Api error: too many'))).toBe('Api error: too many');
  });

  it('finds the code on the cause (fetch) and in the first of an AggregateError (connect)', () => {
    const fetchFailed = new TypeError('fetch failed', {
      cause: withCode('refused', 'ECONNREFUSED'),
    });
    expect(describeError(fetchFailed)).toBe('ECONNREFUSED: fetch failed');
    expect(describeError(fetchFailed, 'code')).toBe('ECONNREFUSED');
    const aggregate = new AggregateError([
      withCode('connect ECONNREFUSED ::1:9', 'ECONNREFUSED'),
      withCode('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'),
    ]);
    expect(describeError(aggregate)).toBe('ECONNREFUSED: connect ECONNREFUSED ::1:9');
    expect(describeError(aggregate, 'message')).toBe('connect ECONNREFUSED ::1:9');
  });

  it('gives the code alone, else "timed out" for a timeout, else the first line', () => {
    expect(describeError(withCode('getaddrinfo ENOTFOUND x.invalid', 'ENOTFOUND'), 'code')).toBe(
      'ENOTFOUND',
    );
    expect(describeError({ name: 'TimeoutError' }, 'code')).toBe('timed out');
    // AbortSignal.timeout's error: a DOMException whose numeric code says nothing.
    const aborted = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(describeError(aborted, 'code')).toBe('timed out');
    expect(describeError(new Error('Connection closed\nmore'), 'code')).toBe('Connection closed');
  });

  it('gives the whole message alone for a span status', () => {
    expect(describeError(withCode('line one\nline two', 'EPIPE'), 'message')).toBe(
      'line one\nline two',
    );
    expect(describeError({ status: 'error', message: 'not answering' }, 'message')).toBe(
      'not answering',
    );
  });

  it('describes what is not an Error', () => {
    expect(describeError('3 items are waiting')).toBe('3 items are waiting');
    expect(describeError(undefined)).toBe('unknown error');
    expect(describeError(null, 'message')).toBe('unknown error');
    expect(describeError({}, 'code')).toBe('unknown error');
    expect(describeError(42)).toBe('42');
  });
});
