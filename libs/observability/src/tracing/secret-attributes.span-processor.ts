import { TraceFlags } from '@opentelemetry/api';
import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { REDACTED } from '../logging/logging.constants';
import type { SecretRedactor } from '../logging/secret-redactor';

/**
 * How many attribute names (judged secret or not) and secret-free values are remembered. A service
 * sets the same few dozen names and mostly the same values (methods, routes, hosts, user agents)
 * on every span; past this many the memory starts again, so a flood of distinct values cannot
 * grow it.
 */
const MAX_REMEMBERED = 2048;
/** Longer values are checked every time rather than remembered. */
const MAX_REMEMBERED_VALUE_LENGTH = 256;

/**
 * Filters secrets out of every sampled span as it ends, before any exporter (OTLP, X-Ray) reads
 * it, by the secret policy the logs are redacted by: the value of a secret-named attribute (a
 * captured `http.request.header.authorization`, a `db.password`) becomes `[REDACTED]`, and
 * secret-shaped text or this process's secret values in string attributes, event attributes (an
 * exception message or stack) and the status message are replaced. Unsampled spans are never
 * exported, so they are skipped. Names are judged once each and values found secret-free are
 * remembered, so the usual span - the same names and values as the last one - costs a look-up
 * per attribute rather than a pattern scan per string.
 */
export class SecretAttributesSpanProcessor implements SpanProcessor {
  private readonly secretNames = new Map<string, boolean>();
  private readonly cleanValues = new Set<string>();

  constructor(private readonly redactor: SecretRedactor) {}

  onStart(): void {}

  // Runs while the span can still be changed: after onEnding it is ended and read-only.
  onEnding(span: Span): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    const attributes = span.attributes;
    for (const key in attributes) {
      const value = attributes[key];
      const filtered = this.filter(key, value);
      if (filtered !== value) span.setAttribute(key, filtered as AttributeValue);
    }
    for (const event of span.events) {
      if (event.attributes) this.filterInPlace(event.attributes);
    }
    const message = span.status.message;
    if (message) {
      const redacted = this.redactText(message);
      if (redacted !== message) span.setStatus({ code: span.status.code, message: redacted });
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private filterInPlace(attributes: Attributes): void {
    for (const key in attributes) {
      const value = attributes[key];
      const filtered = this.filter(key, value);
      if (filtered !== value) attributes[key] = filtered;
    }
  }

  /** `value` itself when it holds no secret, so callers can tell by identity. */
  private filter(key: string, value: AttributeValue | undefined): AttributeValue | undefined {
    if (value === undefined) return value;
    if (this.isSecretName(key)) return REDACTED;
    if (typeof value === 'string') return this.redactText(value);
    if (!Array.isArray(value)) return value;
    let copy: Array<unknown> | undefined;
    value.forEach((item: unknown, index: number) => {
      if (typeof item !== 'string') return;
      const redacted = this.redactText(item);
      if (redacted === item) return;
      copy ??= [...value];
      copy[index] = redacted;
    });
    return (copy as AttributeValue | undefined) ?? value;
  }

  private isSecretName(key: string): boolean {
    let secret = this.secretNames.get(key);
    if (secret === undefined) {
      secret = this.redactor.isSecretKey(key);
      if (this.secretNames.size >= MAX_REMEMBERED) this.secretNames.clear();
      this.secretNames.set(key, secret);
    }
    return secret;
  }

  private redactText(text: string): string {
    if (this.cleanValues.has(text)) return text;
    const redacted = this.redactor.redactText(text);
    // Only values without a secret are remembered: a secret is not kept around to be compared.
    if (redacted === text && text.length <= MAX_REMEMBERED_VALUE_LENGTH) {
      if (this.cleanValues.size >= MAX_REMEMBERED) this.cleanValues.clear();
      this.cleanValues.add(text);
    }
    return redacted;
  }
}
