import { context } from '@opentelemetry/api';
import { finalize, isObservable, tap } from 'rxjs';
import { getXRayScope, setXRayScope } from './xray-context';

/**
 * Records each call of the decorated method as the X-Ray subsegment `name` of whatever segment or
 * subsegment is current - the journals' `begin_subsegment` / `end_subsegment` around a method.
 * Synchronous results, promises and observables are timed to the end; an exception or rejection is
 * recorded on the subsegment and rethrown. Where nothing is recording (no segment, X-Ray disabled,
 * background work) the method simply runs. Use `XRayService` inside it for metadata and annotations.
 *
 *     @XRaySubsegment('notifications_activities')
 *     run(request: FeedRequest): Activity[] { … }
 */
export function XRaySubsegment(name: string): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      return inXRaySubsegment(name, () => original.apply(this, args));
    };
    // Keep what other decorators (route, message pattern, @Span) attached to the method.
    const keys =
      typeof Reflect.getMetadataKeys === 'function' ? Reflect.getMetadataKeys(original) : [];
    for (const key of keys) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, original), wrapped);
    }
    Object.defineProperty(wrapped, 'name', { value: original.name });
    descriptor.value = wrapped;
    return descriptor;
  };
}

/** Runs `work` as the subsegment `name` of the current X-Ray entity (see `XRaySubsegment`). */
export function inXRaySubsegment<T>(name: string, work: () => T): T {
  const active = context.active();
  const scope = getXRayScope(active);
  if (!scope) return work();
  const subsegment = scope.recorder.beginSubsegment(scope.entity, name);
  let closed = false;
  const close = (error?: unknown) => {
    if (closed) return;
    closed = true;
    subsegment.close(error === undefined ? undefined : toRecordable(error));
  };
  let result: T;
  try {
    result = context.with(setXRayScope(active, { ...scope, entity: subsegment }), work);
  } catch (error) {
    close(error);
    throw error;
  }
  if (isObservable(result)) {
    let failure: unknown;
    return result.pipe(
      tap({ error: (error: unknown) => (failure = error) }),
      finalize(() => close(failure)),
    ) as T;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => {
        close();
        return value;
      },
      (error: unknown) => {
        close(error);
        throw error;
      },
    ) as T;
  }
  close();
  return result;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function toRecordable(error: unknown): Error | string {
  return error instanceof Error ? error : String(error);
}
