import type { Environment } from '../config/env-reader';
import { Variables } from '../config/environment-variables';
import { read } from '../config/variable-declaration';
import type { CodeVariable } from '../config/variable-declaration';

/**
 * What the mesh treats as a secret, in one place: log redaction, Rollbar scrubbing, span
 * attribute filtering and the inspector's scrubber all read it, so a credential one of them hides
 * is hidden by all of them. Each consumer chooses only what it writes in a secret's place.
 */

/**
 * The variables whose values are secrets: exactly those the configuration registry marks
 * `secret: true` (the policy spec fails when the two differ). They are listed by declaration, not
 * filtered from the registry, so that each is read through its declaration where the drift spec
 * can see it (the redactors are the only readers of several of these).
 */
const SECRET_DECLARATIONS: ReadonlyArray<CodeVariable<string | undefined>> = [
  Variables.OTEL_EXPORTER_OTLP_HEADERS,
  Variables.OTEL_EXPORTER_OTLP_TRACES_HEADERS,
  Variables.HONEYCOMB_API_KEY,
  Variables.HONEYCOMB_WRITE_KEY,
  Variables.NATS_TOKEN,
  Variables.NATS_PASSWORD,
  Variables.AWS_ACCESS_KEY_ID,
  Variables.AWS_SECRET_ACCESS_KEY,
  Variables.AWS_SESSION_TOKEN,
  Variables.ROLLBAR_ACCESS_TOKEN,
  Variables.ROLLBAR_POST_SERVER_ITEM_ACCESS_TOKEN,
];

/**
 * Secret variables holding a `key=value,...` header list (the OTLP headers carry the Honeycomb
 * key): the secrets are the values of its pairs, not the list as a whole.
 */
const HEADER_LIST_DECLARATIONS: ReadonlyArray<CodeVariable<string | undefined>> = [
  Variables.OTEL_EXPORTER_OTLP_HEADERS,
  Variables.OTEL_EXPORTER_OTLP_TRACES_HEADERS,
];

/** The names of the secret variables. */
export const SECRET_VARIABLES: readonly string[] = SECRET_DECLARATIONS.map(({ name }) => name);

/** The names of the secret header-list variables. */
export const HEADER_LIST_VARIABLES: readonly string[] = HEADER_LIST_DECLARATIONS.map(
  ({ name }) => name,
);

/**
 * Header names whose values are credentials (lower case, matched whole): the standard ones, the
 * API keys and tokens this mesh and its backends use (Honeycomb's team header among them), AWS
 * session tokens and signatures.
 */
export const SECRET_HEADERS: readonly string[] = [
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
  'x-amz-credential',
  'x-amz-signature',
  'x-rollbar-access-token',
];

/**
 * Words (regular-expression fragments, matched case-insensitively) that make any name a secret's
 * name wherever they occur in it: `accessToken`, `client_secret`, `aws.session_token`...
 */
export const SECRET_NAME_WORDS: readonly string[] = [
  'authorization',
  'cookie',
  'token',
  'secret',
  'password',
  'passwd',
  'api[-_.]?key',
  'access[-_.]?key',
  'private[-_.]?key',
  'credential',
  'signature',
  'session',
  'jwt',
];

const HEADERS = SECRET_HEADERS.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const WORDS = SECRET_NAME_WORDS.join('|');

/**
 * A secret's name: a secret header, whole or as the last segment of a dotted name (OpenTelemetry
 * records captured headers as `http.request.header.<name>`), or any name containing a secret word.
 */
const SECRET_NAME = new RegExp(`(?:^|\\.)(?:${HEADERS})$|${WORDS}`, 'i');

/** Whether a key (a field, a header, an attribute name) names a secret, whatever its value. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Secrets recognisable by their shape, in any text; `$MARKER` stands for the replacement. */
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // "Authorization: Bearer abc", "authorization=AWS4-HMAC-SHA256 Credential=...", cookies.
  [new RegExp(`\\b(${HEADERS})(["']?\\s*[:=]\\s*["']?)[^"'\\r\\n]+`, 'gi'), '$1$2$MARKER'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g, '$1 $MARKER'],
  [
    /\bAWS4-HMAC-SHA256\s+Credential=[^\s"']+(?:[\s,]+(?:SignedHeaders|Signature)=[^\s,"']+)*/g,
    '$MARKER',
  ],
  // Query strings and key=value lists: ?access_token=..., api_key=..., X-Amz-Signature=...
  [new RegExp(`\\b([\\w-]*(?:${WORDS})[\\w-]*)=([^&\\s"',;]+)`, 'gi'), '$1=$MARKER'],
  // JSON inside a message: "accessToken": "..."
  [new RegExp(`("[\\w-]*(?:${WORDS})[\\w-]*"\\s*:\\s*)"[^"]*"`, 'gi'), '$1"$MARKER"'],
  // AWS access key ids (long-term AKIA, temporary ASIA).
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '$MARKER'],
];

/**
 * Every SECRET_PATTERNS match contains one of these (case-insensitively): text without any is
 * left alone after one scan, instead of one scan per pattern - most text is ids, levels,
 * timestamps and messages without a secret in sight.
 */
const MIGHT_HOLD_A_SECRET = new RegExp(
  `${HEADERS}|${WORDS}|bearer|basic|aws4-hmac-sha256|akia|asia`,
  'i',
);

/**
 * `text` with every secret-shaped part (Bearer tokens, AWS keys and signatures, `token=...`,
 * `"password": "..."`) replaced by `marker`.
 */
export function redactSecretPatterns(text: string, marker: string): string {
  if (!MIGHT_HOLD_A_SECRET.test(text)) return text;
  // `$$` keeps a `$` in the marker from being read as a group reference.
  const literalMarker = marker.replace(/\$/g, '$$$$');
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    result = result.replace(
      pattern,
      replacement.replace('$MARKER', () => literalMarker),
    );
  }
  return result;
}

/** Values shorter than this are not secret literals: replacing them would hit ordinary words. */
const MIN_LITERAL_LENGTH = 8;

/**
 * The secret values this process holds: those of SECRET_VARIABLES (the pairs' values, raw and
 * URL-decoded, for header lists), each long enough to be replaced wherever it appears, longest
 * first so that no shorter one cuts a longer one apart.
 */
export function secretValuesIn(env: Environment): string[] {
  const values: Array<string | undefined> = [];
  for (const variable of SECRET_DECLARATIONS) {
    if (!HEADER_LIST_DECLARATIONS.includes(variable)) {
      values.push(read(env, variable));
      continue;
    }
    for (const pair of (read(env, variable) ?? '').split(',')) {
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      if (pair.includes('=')) values.push(value, safeDecode(value));
    }
  }
  return [...new Set(values)]
    .filter((value): value is string => !!value && value.length >= MIN_LITERAL_LENGTH)
    .sort((a, b) => b.length - a.length);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
