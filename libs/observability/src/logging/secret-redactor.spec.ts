import { SECRET_EXAMPLES } from '@cruddur/testing';
import { SecretRedactor } from './secret-redactor';

describe('SecretRedactor', () => {
  const env = {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
    HONEYCOMB_API_KEY: 'hcaik_honeycomb_key_value',
    ROLLBAR_ACCESS_TOKEN: '0123456789abcdef0123456789abcdef',
    OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=header%20key%20value,x-honeycomb-dataset=cruddur',
  };
  const redactor = new SecretRedactor(env);

  it.each([
    ['the AWS secret key, anywhere', `boom: ${env.AWS_SECRET_ACCESS_KEY} in text`],
    ['the AWS session token', `token ${env.AWS_SESSION_TOKEN}`],
    ['the Honeycomb key', `sending with ${env.HONEYCOMB_API_KEY}`],
    ['an OTLP header value, decoded', 'header key value'],
    ['the Rollbar token', `rollbar ${env.ROLLBAR_ACCESS_TOKEN}`],
    ['any AWS access key id', 'key AKIAABCDEFGHIJKLMNOP used'],
    ['a bearer token', 'Authorization: Bearer abc.def-ghi'],
    ['a cookie header', 'cookie: session=abc123; theme=dark'],
    ['a query token', '/api?access_token=s3cr3t&page=1'],
    [
      'a SigV4 signature',
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=abcdef',
    ],
    ['a JSON token field', '{"refreshToken":"r-e-f-r-e-s-h"}'],
  ])('redacts %s', (_what, text) => {
    const redacted = redactor.redactText(text);
    expect(redacted).toContain('[REDACTED]');
    for (const secret of [
      ...Object.values(env).filter((v) => !v.includes('=')),
      'header key value',
      'AKIAABCDEFGHIJKLMNOP',
      'abc.def-ghi',
      'session=abc123',
      's3cr3t',
      'Signature=abcdef',
      'r-e-f-r-e-s-h',
    ]) {
      expect(redacted).not.toContain(secret);
    }
  });

  it('leaves ordinary text alone', () => {
    const text = 'GET /api/activities/home?page=2 200 3.2 ms trace 4bf92f3577b34da6';
    expect(redactor.redactText(text)).toBe(text);
  });

  it('redacts secret-named fields at any depth, without touching the original', () => {
    const headers = { authorization: 'Basic Zm9vOmJhcg==', cookie: 'a=b', accept: 'json' };
    const record = { request: { headers, apiKey: 'k', list: [{ password: 'p' }] }, note: 'ok' };
    expect(redactor.redact(record)).toEqual({
      request: {
        headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', accept: 'json' },
        apiKey: '[REDACTED]',
        list: [{ password: '[REDACTED]' }],
      },
      note: 'ok',
    });
    expect(headers.authorization).toBe('Basic Zm9vOmJhcg==');
  });

  it('survives cycles and errors', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redactor.redact(cyclic)).toEqual({ name: 'loop', self: '[Circular or too deep]' });
    const error = new Error(`failed with ${env.AWS_SECRET_ACCESS_KEY}`);
    expect(JSON.stringify(redactor.redact(error))).not.toContain(env.AWS_SECRET_ACCESS_KEY);
  });

  describe('the shared secret examples', () => {
    const shared = new SecretRedactor(SECRET_EXAMPLES.env);

    it('redacts the values of every secret name, and only those', () => {
      const record = Object.fromEntries(
        [...SECRET_EXAMPLES.names, ...SECRET_EXAMPLES.ordinaryNames].map((name) => [name, 'v']),
      );
      const redacted = shared.redact(record) as Record<string, unknown>;
      for (const name of SECRET_EXAMPLES.names) expect(redacted[name]).toBe('[REDACTED]');
      for (const name of SECRET_EXAMPLES.ordinaryNames) expect(redacted[name]).toBe('v');
    });

    it.each(SECRET_EXAMPLES.texts)('redacts the secret in $text', ({ text, secret }) => {
      expect(shared.redactText(text)).not.toContain(secret);
    });

    it("redacts the process's secret values wherever they appear", () => {
      const text = `failed with ${SECRET_EXAMPLES.envValues.join(' and ')}`;
      const redacted = shared.redactText(text);
      for (const value of SECRET_EXAMPLES.envValues) expect(redacted).not.toContain(value);
      expect(shared.redactText(SECRET_EXAMPLES.ordinaryText)).toBe(SECRET_EXAMPLES.ordinaryText);
    });
  });
});
