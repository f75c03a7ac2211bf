import { isSecretName, redactSecretPatterns, secretValuesIn } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import { REDACTED } from './logging.constants';

const MAX_DEPTH = 10;

/**
 * Removes secrets from anything about to be logged: values of secret-named fields (Authorization,
 * Cookie, *token*, *secret*, *api_key*, ...), secret-shaped text (Bearer tokens, AWS key ids and
 * signatures, `token=` parameters), and - literally, wherever they appear - the values of the
 * variables that hold this process's secrets (AWS keys, Honeycomb and Rollbar keys, OTLP headers).
 * What counts as a secret is the mesh's one secret policy (`@cruddur/contracts`).
 */
export class SecretRedactor {
  private readonly literals: string[];

  constructor(env: Environment = process.env) {
    this.literals = secretValuesIn(env);
  }

  /** `text` with every secret replaced by `[REDACTED]`. */
  redactText(text: string): string {
    let result = text;
    for (const literal of this.literals) {
      if (result.includes(literal)) result = result.split(literal).join(REDACTED);
    }
    return redactSecretPatterns(result, REDACTED);
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
    return isSecretName(key);
  }
}
