import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Context, Span } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { NEST_TCP_SYSTEM, TRACER_NAME, TransportAttributes } from '../tracing/tracing.constants';
import { describeError } from '../operations/describe-error';

/** Which side of a microservice call a span stands for. */
export type TransportRole = 'request-out' | 'request-in' | 'event-out' | 'event-in';

/** The facts a transport span is named and described by. */
export interface TransportCall {
  role: TransportRole;
  /** The message pattern, as a string (Nest's normalised form for object patterns). */
  pattern: string;
  /** The service at the receiving end. */
  service: string;
  /** Transport name for rpc.system / messaging.system. @default nestjs_tcp */
  system?: string;
  attributes?: Attributes;
}

const KIND: Record<TransportRole, SpanKind> = {
  'request-out': SpanKind.CLIENT,
  'request-in': SpanKind.SERVER,
  'event-out': SpanKind.PRODUCER,
  'event-in': SpanKind.CONSUMER,
};

/**
 * Starts the span of one side of a microservice call, following the OpenTelemetry RPC conventions
 * for request-response (`home-activities/activities.home`, rpc.*) and the messaging conventions for
 * events (`send notifications.viewed`, messaging.*). Shared by every transport so that a waterfall
 * reads the same whichever carries the call.
 */
export function startTransportSpan(call: TransportCall, parent: Context): Span {
  const system = call.system ?? NEST_TCP_SYSTEM;
  const isEvent = call.role === 'event-out' || call.role === 'event-in';
  const name = isEvent
    ? `${call.role === 'event-out' ? 'send' : 'process'} ${call.pattern}`
    : `${call.service}/${call.pattern}`;
  const attributes: Attributes = isEvent
    ? {
        [TransportAttributes.MessagingSystem]: system,
        [TransportAttributes.MessagingOperationType]:
          call.role === 'event-out' ? 'send' : 'process',
        [TransportAttributes.MessagingDestination]: call.pattern,
      }
    : {
        [TransportAttributes.RpcSystem]: system,
        [TransportAttributes.RpcService]: call.service,
        [TransportAttributes.RpcMethod]: call.pattern,
      };
  return trace
    .getTracer(TRACER_NAME)
    .startSpan(
      name,
      { kind: KIND[call.role], attributes: { ...attributes, ...call.attributes } },
      parent,
    );
}

/**
 * Ends a span once, however many of reply, error, cancellation and completion race for it.
 */
export class SpanCompletion {
  private done = false;

  constructor(readonly span: Span) {}

  succeed(): void {
    if (this.finish()) this.span.end();
  }

  fail(error: unknown): void {
    if (!this.finish()) return;
    if (alreadyFailed(this.span)) {
      // The exception filter recorded the real exception; the serialised reply would only repeat
      // it with less detail ("Internal server error").
      this.span.end();
      return;
    }
    const message = describeError(error, 'message');
    if (error instanceof Error) {
      this.span.recordException(error);
    } else {
      this.span.addEvent('exception', { 'exception.message': message });
    }
    this.span.setStatus({ code: SpanStatusCode.ERROR, message });
    this.span.end();
  }

  private finish(): boolean {
    if (this.done) return false;
    this.done = true;
    return true;
  }
}

/** Whether someone with more detail (the exception filter) already marked the span ERROR. */
function alreadyFailed(span: Span): boolean {
  return (span as Partial<ReadableSpan>).status?.code === SpanStatusCode.ERROR;
}
