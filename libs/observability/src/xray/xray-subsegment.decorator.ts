import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { finalize, isObservable, tap } from 'rxjs';
import { describeError } from '../operations/describe-error';
import { TRACER_NAME } from '../tracing/tracing.constants';
import { XRayAttributes } from './xray.constants';

/** Which of a span's attributes X-Ray shows: X-Ray key → span attribute key. */
export interface XRayFields {
  /** Shown as metadata (namespace `default`), e.g. `{ 'results-size': 'app.result_length' }`. */
  metadata?: Record<string, string>;
  /** Shown as annotations (indexed, for filter expressions). */
  annotations?: Record<string, string>;
}

/**
 * Marks the span the decorated method runs in - the one `@Span` above it opens - for X-Ray: the
 * exporter shows that span as the subsegment `name`, with the span attributes listed in `fields`
 * as its metadata and annotations. The handler sets each fact once, as a span attribute; where it
 * appears in X-Ray is this line. It records nothing itself and costs nothing when the request is
 * not sampled.
 *
 *     @Span('notifications-mock-data')
 *     @XRaySubsegment('notifications_activities', {
 *       metadata: { now: AppAttributes.Now, 'results-size': AppAttributes.ResultLength },
 *     })
 *     run(request: FeedRequest): Activity[] { … span.setAttribute(AppAttributes.Now, …) … }
 *
 * Without a `@Span` (the active span is then the message's or request's own), it opens an INTERNAL
 * span named `name` for the call, so a subsegment still appears.
 */
export function XRaySubsegment(name: string, fields: XRayFields = {}): MethodDecorator {
  const marking = markingOf(name, fields);
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return original.apply(this, args);
      if (ownsSegment(span))
        return inXRaySubsegment(name, () => original.apply(this, args), fields);
      span.setAttributes(marking);
      return original.apply(this, args);
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

/**
 * Runs `work` in a new INTERNAL span `name`, shown in X-Ray as the subsegment `name` (see
 * `XRaySubsegment`). Synchronous results, promises and observables are timed to the end; an
 * exception or rejection is recorded on the span and rethrown.
 */
export function inXRaySubsegment<T>(name: string, work: () => T, fields: XRayFields = {}): T {
  const parent = context.active();
  if (!trace.getSpan(parent)?.isRecording()) return work();
  const span = trace
    .getTracer(TRACER_NAME)
    .startSpan(name, { kind: SpanKind.INTERNAL, attributes: markingOf(name, fields) }, parent);
  let ended = false;
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    if (error !== undefined) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error, 'message') });
    }
    span.end();
  };
  let result: T;
  try {
    result = context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    end(error);
    throw error;
  }
  if (isObservable(result)) {
    let failure: unknown;
    return result.pipe(
      tap({ error: (error: unknown) => (failure = error) }),
      finalize(() => end(failure)),
    ) as T;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => {
        end();
        return value;
      },
      (error: unknown) => {
        end(error);
        throw error;
      },
    ) as T;
  }
  end();
  return result;
}

/** The attributes that mark a span, computed once per decorator. */
function markingOf(name: string, fields: XRayFields): Record<string, string | string[]> {
  const marking: Record<string, string | string[]> = { [XRayAttributes.Name]: name };
  const pairs = (map: Record<string, string>) =>
    Object.entries(map).map(([target, source]) => `${target}=${source}`);
  if (fields.metadata) marking[XRayAttributes.Metadata] = pairs(fields.metadata);
  if (fields.annotations) marking[XRayAttributes.Annotations] = pairs(fields.annotations);
  return Object.freeze(marking) as Record<string, string | string[]>;
}

/** A SERVER or CONSUMER span is a segment: marking it would rename the segment. */
function ownsSegment(span: Span): boolean {
  const kind = (span as { kind?: SpanKind }).kind;
  return kind === SpanKind.SERVER || kind === SpanKind.CONSUMER;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
