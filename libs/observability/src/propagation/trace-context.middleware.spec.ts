import { ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InMemoryTracing } from '@cruddur/testing';
import { TraceContextMiddleware } from './trace-context.middleware';

function exchange(headers: Record<string, string>) {
  const set: Record<string, string> = {};
  const request = { headers } as unknown as IncomingMessage;
  const response = {
    setHeader: (name: string, value: string) => (set[name] = value),
  } as unknown as ServerResponse;
  return { request, response, set };
}

describe('TraceContextMiddleware', () => {
  let tracing: InMemoryTracing;
  const middleware = new TraceContextMiddleware();

  beforeAll(() => {
    tracing = InMemoryTracing.install();
  });
  afterEach(() => tracing.reset());
  afterAll(() => tracing.uninstall());

  function underRequestSpan(headers: Record<string, string>) {
    const span = trace.getTracer('spec').startSpan('GET /api/activities/home');
    const { request, response, set } = exchange(headers);
    let userInBaggage: string | undefined;
    context.with(trace.setSpan(ROOT_CONTEXT, span), () =>
      middleware.use(request, response, () => {
        userInBaggage = propagation.getBaggage(context.active())?.getEntry('app.user_id')?.value;
      }),
    );
    span.end();
    return { span: tracing.span('GET /api/activities/home'), set, userInBaggage };
  }

  it('tells the caller its trace in traceresponse', () => {
    const { span, set } = underRequestSpan({});
    expect(set.traceresponse).toBe(
      `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`,
    );
  });

  it('puts a valid user handle on the span and into the baggage the handler runs under', () => {
    const { span, userInBaggage } = underRequestSpan({ 'x-cruddur-user-handle': 'andrewbrown' });
    expect(span.attributes['app.user_id']).toBe('andrewbrown');
    expect(userInBaggage).toBe('andrewbrown');
  });

  it.each([['has spaces'], ['x'.repeat(65)], ['<script>'], ['']])(
    'ignores the malformed handle %j rather than failing the request',
    (handle) => {
      const { span, userInBaggage } = underRequestSpan({ 'x-cruddur-user-handle': handle });
      expect(span.attributes['app.user_id']).toBeUndefined();
      expect(userInBaggage).toBeUndefined();
    },
  );

  it('still calls next without an active span (telemetry off)', () => {
    const { request, response, set } = exchange({ 'x-cruddur-user-handle': 'worf' });
    const next = jest.fn();
    middleware.use(request, response, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(set).toEqual({});
  });
});
