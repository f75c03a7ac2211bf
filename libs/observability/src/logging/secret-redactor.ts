import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import { REDACTED } from './logging.constants';

/** Variables whose values are secrets wherever they appear. */
const SECRET_VALUE_VARIABLES = [
  Variables.AWS_ACCESS_KEY_ID,
  Variables.AWS_SECRET_ACCESS_KEY,
  Variables.AWS_SESSION_TOKEN,
  Variables.HONEYCOMB_API_KEY,
  Variables.HONEYCOMB_WRITE_KEY,
  Variables.ROLLBAR_ACCESS_TOKEN,
  Variables.ROLLBAR_POST_SERVER_ITEM_ACCESS_TOKEN,
  Variables.NATS_TOKEN,
  Variables.NATS_PASSWORD,
];

/** Variables holding `key=value,...` header lists (OTLP headers carry the Honeycomb key). */
const HEADER_LIST_VARIABLES = [
  Variables.OTEL_EXPORTER_OTLP_HEADERS,
  Variables.OTEL_EXPORTER_OTLP_TRACES_HEADERS,
];

/** Field names whose values are secrets, whatever the value looks like. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-honeycomb-team|x-rollbar-access-token|x-amz-security-token|x-amz-credential|x-amz-signature)$|token|secret|password|passwd|api[-_]?key|access[-_]?key|credential|session[-_]?id/i;

/** Secrets recognisable by their shape, in any text. */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  // "Authorization: Bearer abc", "authorization=AWS4-HMAC-SHA256 Credential=...", cookies.
  [
    /\b(authorization|proxy-authorization|cookie|set-cookie|x-honeycomb-team|x-rollbar-access-token|x-api-key|x-amz-security-token)(["']?\s*[:=]\s*["']?)[^"'\r\n]+/gi,
    `$1$2${REDACTED}`,
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g, `$1 ${REDACTED}`],
  [
    /\bAWS4-HMAC-SHA256\s+Credential=[^\s"']+(?:[\s,]+(?:SignedHeaders|Signature)=[^\s,"']+)*/g,
    REDACTED,
  ],
  // Query strings and key=value lists: ?access_token=..., api_key=..., X-Amz-Signature=...
  [
    /\b([\w-]*(?:token|secret|password|api[-_]?key|access[-_]?key|signature|credential)[\w-]*)=([^&\s"',;]+)/gi,
    `$1=${REDACTED}`,
  ],
  // JSON inside a message: "accessToken": "..."
  [
    /("[\w-]*(?:token|secret|password|api[-_]?key|access[-_]?key|authorization|cookie)[\w-]*"\s*:\s*)"[^"]*"/gi,
    `$1"${REDACTED}"`,
  ],
  // AWS access key ids (long-term AKIA, temporary ASIA).
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
];

/**
 * Every SECRET_PATTERNS match contains one of these words (case-insensitively): text without any
 * is left alone after one scan, instead of one scan per pattern - most log fields are ids, levels,
 * timestamps and messages without a secret in sight.
 */
const MIGHT_HOLD_A_SECRET =
  /authorization|cookie|x-honeycomb-team|x-rollbar-access-token|x-api-key|x-amz-security-token|bearer|basic|aws4-hmac-sha256|token|secret|password|api[-_]?key|access[-_]?key|signature|credential|akia|asia/i;

/** Values shorter than this are not replaced literally: they would match ordinary words. */
const MIN_LITERAL_LENGTH = 8;
const MAX_DEPTH = 10;

/**
 * Removes secrets from anything about to be logged: values of secret-named fields (Authorization,
 * Cookie, *token*, *secret*, *api_key*, ...), secret-shaped text (Bearer tokens, AWS key ids and
 * signatures, `token=` parameters), and - literally, wherever they appear - the values of the
 * variables that hold this process's secrets (AWS keys, Honeycomb and Rollbar keys, OTLP headers).
 */
export class SecretRedactor {
  private readonly literals: string[];

  constructor(env: Environment = process.env) {
    const values = SECRET_VALUE_VARIABLES.map((variable) => read(env, variable));
    for (const variable of HEADER_LIST_VARIABLES) {
      for (const pair of (read(env, variable) ?? '').split(',')) {
        const value = pair.slice(pair.indexOf('=') + 1).trim();
        if (pair.includes('=')) values.push(value, safeDecode(value));
      }
    }
    this.literals = [...new Set(values)]
      .filter((value): value is string => !!value && value.length >= MIN_LITERAL_LENGTH)
      .sort((a, b) => b.length - a.length);
  }

  /** `text` with every secret replaced by `[REDACTED]`. */
  redactText(text: string): string {
    let result = text;
    for (const literal of this.literals) {
      if (result.includes(literal)) result = result.split(literal).join(REDACTED);
    }
    if (!MIGHT_HOLD_A_SECRET.test(result)) return result;
    for (const [pattern, replacement] of SECRET_PATTERNS) {
      result = result.replace(pattern, replacement);
    }
    return result;
  }

  /** A copy of `value` with secrets redacted at every depth (cycles and depth are bounded). */
  redact(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (!value || typeof value !== 'object') return value;
    if (seen.has(value) || depth > MAX_DEPTH) return '[Circular or too deep]';
    seen.add(value);
    if (value instanceof Error) {
      return {
        name: value.name,
        message: this.redactText(value.message),
        ...(value.stack ? { stack: this.redactText(value.stack) } : {}),
      };
    }
    if (Array.isArray(value)) return value.map((item) => this.redact(item, seen, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = this.isSecretKey(key) ? REDACTED : this.redact(item, seen, depth + 1);
    }
    return copy;
  }

  /** Whether a field of this name holds a secret. */
  isSecretKey(key: string): boolean {
    return SECRET_KEY.test(key);
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
