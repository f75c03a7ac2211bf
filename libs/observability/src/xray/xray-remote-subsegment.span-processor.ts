import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { Subsegment } from 'aws-xray-sdk-core';
import { TransportAttributes } from '../tracing/tracing.constants';
import { REMOTE_NAMESPACE } from './xray.constants';
import { getXRayScope } from './xray-context';

const OUTGOING = new Set([SpanKind.CLIENT, SpanKind.PRODUCER]);

/**
 * Records every outgoing call (CLIENT and PRODUCER spans: microservice requests and events, HTTP
 * calls) made while an X-Ray segment is recording as a `remote` subsegment whose id IS the span's
 * id. The propagators put that same id in `Parent=` of the `X-Amzn-Trace-Id` the call carries, so
 * the receiving service's segment names the caller's subsegment as its parent, as X-Ray expects.
 */
export class XRayRemoteSubsegmentSpanProcessor implements SpanProcessor {
  private readonly open = new WeakMap<object, Subsegment>();

  onStart(span: Span, parentContext: Context): void {
    if (!OUTGOING.has(span.kind)) return;
    const scope = getXRayScope(parentContext);
    if (!scope) return;
    const attributes = span.attributes;
    const name =
      attributes[TransportAttributes.RpcService] ??
      attributes[TransportAttributes.MessagingDestination] ??
      attributes[TransportAttributes.ServerAddress] ??
      span.name;
    this.open.set(
      span,
      scope.recorder.beginSubsegment(scope.entity, String(name), {
        id: span.spanContext().spanId,
        namespace: REMOTE_NAMESPACE,
      }),
    );
  }

  onEnd(span: ReadableSpan): void {
    const subsegment = this.open.get(span);
    if (!subsegment) return;
    this.open.delete(span);
    const failed = span.status.code === SpanStatusCode.ERROR;
    subsegment.close(failed ? (span.status.message ?? 'the call failed') : undefined, true);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
