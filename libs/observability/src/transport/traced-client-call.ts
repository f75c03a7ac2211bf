import { context, trace } from '@opentelemetry/api';
import { Observable, Subject, connectable, defer } from 'rxjs';
import { tracerProviderRegistered } from '../tracing/tracer-provider-registered';
import { SpanCompletion, startTransportSpan } from './transport-spans';
import type { TransportCall } from './transport-spans';

/**
 * `call()` wrapped in the span of `facts` (CLIENT for a request, PRODUCER for an event): started on
 * subscription as a child of the active context, active while `call` runs (so what it sends carries
 * it), and ended once - at the reply, the error, or when the caller stops waiting (a timeout or
 * cancellation, recorded as ERROR unless a reply already came).
 */
export function tracedClientCall<T>(facts: () => TransportCall, call: () => Observable<T>) {
  // Telemetry off: no span to keep, no context to carry (tracerProviderRegistered says why).
  if (!tracerProviderRegistered()) return defer(call);
  return new Observable<T>((subscriber) => {
    const span = startTransportSpan(facts(), context.active());
    const completion = new SpanCompletion(span);
    let replied = false;
    const subscription = context.with(trace.setSpan(context.active(), span), () =>
      call().subscribe({
        next: (value) => {
          replied = true;
          subscriber.next(value);
        },
        error: (error: unknown) => {
          completion.fail(error);
          subscriber.error(error);
        },
        complete: () => {
          completion.succeed();
          subscriber.complete();
        },
      }),
    );
    return () => {
      // A caller that takes the first reply and unsubscribes (firstValueFrom) got its answer.
      if (replied) completion.succeed();
      else completion.fail('the caller stopped waiting before the reply (timeout or cancellation)');
      subscription.unsubscribe();
    };
  });
}

/**
 * `source` subscribed at once, its values shared: hot, like Nest's own `emit`, so the event goes out
 * whether or not anyone subscribes.
 */
export function sentAtOnce<T>(source: Observable<T>): Observable<T> {
  const sent = connectable(source, { connector: () => new Subject<T>(), resetOnDisconnect: false });
  sent.connect();
  return sent;
}
