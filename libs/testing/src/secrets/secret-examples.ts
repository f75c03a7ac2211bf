/**
 * The secrets every consumer of the mesh's secret policy must hide - log redaction, Rollbar
 * scrubbing, span attribute filtering, the inspector's scrubber. Each consumer's spec feeds it
 * these same examples, so one that kept a list of its own would miss some and fail.
 */
export const SECRET_EXAMPLES = {
  /** Secret variables with values, as a process would hold them. */
  env: {
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    HONEYCOMB_API_KEY: 'hcaik_example_honeycomb_key',
    ROLLBAR_ACCESS_TOKEN: 'f00dfeedf00dfeedf00dfeedf00dfeed',
    OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=example%20team%20key,x-honeycomb-dataset=cruddur',
  },
  /** Values of `env` that must never appear, the URL-encoded OTLP header value decoded. */
  envValues: [
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'hcaik_example_honeycomb_key',
    'f00dfeedf00dfeedf00dfeedf00dfeed',
    'example team key',
  ],
  /** Names whose values are secrets whatever they look like. */
  names: [
    'authorization',
    'Cookie',
    'set-cookie',
    'x-honeycomb-team',
    'http.request.header.x-honeycomb-team',
    'http.request.header.authorization',
    'x-amz-signature',
    'apiKey',
    'client_secret',
    'refresh_token',
    'aws.session_token',
    'private_key',
    'db.password',
    'credentials',
  ],
  /** Names that are not secrets: their values stay. */
  ordinaryNames: ['accept', 'http.route', 'trace_id', 'user_id', 'http.response.status_code'],
  /** Texts that carry a secret by its shape, and the part of each that must not survive. */
  texts: [
    { text: 'Authorization: Bearer abc.def-ghi', secret: 'abc.def-ghi' },
    { text: 'cookie: session=abc123; theme=dark', secret: 'session=abc123' },
    { text: '/api/activities?access_token=s3cr3t-value&page=1', secret: 's3cr3t-value' },
    { text: 'signing with AKIAABCDEFGHIJKLMNOP', secret: 'AKIAABCDEFGHIJKLMNOP' },
    {
      text: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=abcdef',
      secret: 'Signature=abcdef',
    },
    { text: 'bad reply {"refreshToken":"r-e-f-r-e-s-h"}', secret: 'r-e-f-r-e-s-h' },
  ],
  /** A text without a secret: it stays as it is. */
  ordinaryText: 'GET /api/activities/home?page=2 200 3.2 ms trace 4bf92f3577b34da6',
} as const;
