import { ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { InMemoryTracing } from '@cruddur/testing';
import { BaggageAttributesSpanProcessor } from './baggage-attributes.span-processor';

describe('BaggageAttributesSpanProcessor', () => {
  let tracing: InMemoryTracing;

  beforeAll(() => {
    tracing = InMemoryTracing.install([new BaggageAttributesSpanProcessor(['app.user_id'])]);
  });
  afterEach(() => tracing.reset());
  afterAll(() => tracing.uninstall());

  it('copies the listed baggage entries onto spans started under that baggage', () => {
    const baggage = propagation.createBaggage({
      'app.user_id': { value: 'andrewbrown' },
      'session.secret': { value: 'do-not-record' },
    });
    context.with(propagation.setBaggage(ROOT_CONTEXT, baggage), () => {
      trace.getTracer('spec').startSpan('with-baggage').end();
    });
    trace.getTracer('spec').startSpan('without-baggage').end();

    expect(tracing.span('with-baggage').attributes).toEqual({ 'app.user_id': 'andrewbrown' });
    expect(tracing.span('without-baggage').attributes).toEqual({});
  });
});
