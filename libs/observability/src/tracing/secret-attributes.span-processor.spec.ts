import { SpanStatusCode } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SamplingDecision,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { ReadableSpan, Sampler, SpanProcessor } from '@opentelemetry/sdk-trace';
import { SECRET_EXAMPLES } from '@cruddur/testing';
import { SecretRedactor } from '../logging/secret-redactor';
import { SecretAttributesSpanProcessor } from './secret-attributes.span-processor';

const recordOnly: Sampler = { shouldSample: () => ({ decision: SamplingDecision.RECORD }) };

/** A tracer whose spans pass the filter, then `after`; sampled unless `sampler` says otherwise. */
function tracerWith(after: SpanProcessor, sampler?: Sampler) {
  const filter = new SecretAttributesSpanProcessor(new SecretRedactor(SECRET_EXAMPLES.env));
  return new TracerProvider({ sampler, spanProcessors: [filter, after] }).getTracer('spec');
}

describe('SecretAttributesSpanProcessor', () => {
  const exporter = new InMemorySpanExporter();
  const tracer = tracerWith(new SimpleSpanProcessor({ exporter }));
  afterEach(() => exporter.reset());

  const exported = (): ReadableSpan => {
    const [span] = exporter.getFinishedSpans();
    return span;
  };

  it('redacts every secret-named attribute of the shared examples, and only those', () => {
    const span = tracer.startSpan('names');
    SECRET_EXAMPLES.names.forEach((name, i) => span.setAttribute(name, `hidden-${i}`));
    SECRET_EXAMPLES.ordinaryNames.forEach((name, i) => span.setAttribute(name, `shown-${i}`));
    span.setAttribute('http.request.header.cookie', ['session=abc', 'theme=dark']);
    span.end();
    const { attributes } = exported();
    for (const name of SECRET_EXAMPLES.names) {
      expect({ name, value: attributes[name] }).toEqual({ name, value: '[REDACTED]' });
    }
    SECRET_EXAMPLES.ordinaryNames.forEach((name, i) => expect(attributes[name]).toBe(`shown-${i}`));
    expect(attributes['http.request.header.cookie']).toBe('[REDACTED]');
  });

  it.each(SECRET_EXAMPLES.texts)(
    'redacts the secret in an attribute value: $text',
    ({ text, secret }) => {
      const span = tracer.startSpan('text');
      span.setAttribute('url.full', text);
      span.setAttribute('app.notes', ['first', text]);
      span.end();
      expect(exported().attributes['url.full']).not.toContain(secret);
      expect((exported().attributes['app.notes'] as string[])[0]).toBe('first');
      expect((exported().attributes['app.notes'] as string[])[1]).not.toContain(secret);
    },
  );

  it("redacts the process's secret values from exceptions and the status message", () => {
    const message = `rejected with ${SECRET_EXAMPLES.envValues.join(', ')}`;
    const span = tracer.startSpan('failure');
    span.recordException(new Error(message));
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    span.end();
    const sent = JSON.stringify({ events: exported().events, status: exported().status });
    for (const value of SECRET_EXAMPLES.envValues) expect(sent).not.toContain(value);
    expect(exported().status.code).toBe(SpanStatusCode.ERROR);
    expect(exported().events[0].attributes?.['exception.type']).toBe('Error');
  });

  it('leaves a span without secrets as it was', () => {
    const span = tracer.startSpan('plain', {
      attributes: { 'http.route': '/api', 'url.path': SECRET_EXAMPLES.ordinaryText, count: 3 },
    });
    span.end();
    expect(exported().attributes).toEqual({
      'http.route': '/api',
      'url.path': SECRET_EXAMPLES.ordinaryText,
      count: 3,
    });
  });

  it('skips spans that are recorded but not sampled: they are never exported', () => {
    const ended: ReadableSpan[] = [];
    const capture: SpanProcessor = {
      onStart: () => {},
      onEnd: (span) => ended.push(span),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    const span = tracerWith(capture, recordOnly).startSpan('unsampled');
    span.setAttribute('authorization', 'left as it is');
    span.end();
    expect(ended[0].attributes.authorization).toBe('left as it is');
  });
});
