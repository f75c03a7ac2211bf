import { SECRET_HEADERS, SECRET_NAME_WORDS, Variables } from '@cruddur/contracts';
import { LogField } from '../logging/logging.constants';

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
 * names): the secret policy's headers. Rollbar's own list covers Authorization and Cookie.
 */
export const SCRUBBED_HEADERS: readonly string[] = SECRET_HEADERS;

/**
 * Field names whose values never leave the process, wherever they appear in an item (custom
 * data, query strings, `key=value` pairs inside messages); added to Rollbar's defaults. Rollbar
 * reads each entry as a regular expression matched against a whole name, so these are the
 * secret policy's names: a secret header, alone or as a dotted name's last part, or a name (with
 * no `=`, `&`, quote or space in it) holding one of the policy's words.
 */
export const SCRUBBED_FIELDS: readonly string[] = [
  `(?:[^=&\\s"']*\\.)?(?:${SECRET_HEADERS.join('|')})`,
  `[^=&\\s"']*(?:${SECRET_NAME_WORDS.join('|')})[^=&\\s"']*`,
];

/**
 * Custom fields every item carries; see RollbarReporter. Those a log line carries too have its
 * field's name, so one trace or user id finds both the item and the lines.
 */
export enum RollbarItemFields {
  Service = LogField.Service,
  TraceId = LogField.TraceId,
  SpanId = LogField.SpanId,
  MessagePattern = 'message_pattern',
  UserId = LogField.UserId,
  Uncaught = 'uncaught',
}
