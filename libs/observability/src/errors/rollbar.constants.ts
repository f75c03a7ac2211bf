import { Variables } from '@cruddur/contracts';

/** Rollbar's item endpoint, where items go unless ROLLBAR_ENDPOINT says otherwise. */
export const DEFAULT_ROLLBAR_ENDPOINT = Variables.ROLLBAR_ENDPOINT.fallback;

/** The variables the Rollbar reporter reads (through @cruddur/contracts). */
export enum RollbarVariables {
  AccessToken = 'ROLLBAR_ACCESS_TOKEN',
  Environment = 'ROLLBAR_ENVIRONMENT',
  Endpoint = 'ROLLBAR_ENDPOINT',
}

/**
 * Request headers whose values never leave the process (matched case-insensitively, as whole
 * names). Rollbar's own list covers Authorization and Cookie; the rest are the credentials this
 * mesh and its backends use: cookies set by responses, API keys (Honeycomb's team header among
 * them), AWS session tokens and signatures.
 */
export const SCRUBBED_HEADERS = [
  'authorization',
  'proxy-authorization',
  'www-authenticate',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-honeycomb-team',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-rollbar-access-token',
];

/**
 * Field names whose values never leave the process, wherever they appear in an item (custom
 * data, query strings, `key=value` pairs inside messages). Added to Rollbar's defaults.
 */
export const SCRUBBED_FIELDS = [
  'password',
  'passwd',
  'secret',
  'token',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'id_token',
  'idToken',
  'client_secret',
  'clientSecret',
  'api_key',
  'apiKey',
  'apikey',
  'private_key',
  'privateKey',
  'session',
  'sessionToken',
  'session_token',
  'aws_secret_access_key',
  'aws_session_token',
  'secretAccessKey',
  'credentials',
  'jwt',
];

/** Custom fields every item carries; see RollbarReporter. */
export enum RollbarItemFields {
  Service = 'service',
  TraceId = 'trace_id',
  SpanId = 'span_id',
  MessagePattern = 'message_pattern',
  UserId = 'user_id',
  Uncaught = 'uncaught',
}
