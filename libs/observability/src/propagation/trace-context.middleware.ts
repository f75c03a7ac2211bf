import { Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import { context, propagation, trace } from '@opentelemetry/api';
import type { SpanContext } from '@opentelemetry/api';
import { RPCType, getRPCMetadata } from '@opentelemetry/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppAttributes, AppBaggage } from '../tracing/tracing.constants';
import { USER_HANDLE_HEADER, parseUserHandle } from './user-handle';

/** The W3C Trace Context Level 2 response header naming the trace a request joined. */
export const TRACE_RESPONSE_HEADER = 'traceresponse';

/** `traceresponse` value for a server span: version-traceid-spanid-flags. */
export function formatTraceResponse(spanContext: SpanContext): string {
  const flags = spanContext.traceFlags.toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/**
 * Runs first on every HTTP request: tells the caller which trace the request is in (so a user can
 * find it), names the request span by its route (`GET /api/activities/home`, with `http.route`),
 * and puts the caller's user handle on the span and into baggage, so every span the request causes
 * in every service carries `app.user_id`.
 */
@Injectable()
export class TraceContextMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    const span = trace.getActiveSpan();
    if (span && span.spanContext().traceId) {
      response.setHeader(TRACE_RESPONSE_HEADER, formatTraceResponse(span.spanContext()));
    }
    reportRouteWhenKnown(request);
    const handle = parseUserHandle(request.headers[USER_HANDLE_HEADER]);
    if (!handle) {
      next();
      return;
    }
    span?.setAttribute(AppAttributes.UserId, handle);
    const active = context.active();
    const baggage = (propagation.getBaggage(active) ?? propagation.createBaggage()).setEntry(
      AppBaggage.UserId,
      { value: handle },
    );
    context.with(propagation.setBaggage(active, baggage), next);
  }
}

/**
 * The HTTP instrumentation names the span `METHOD route` and sets `http.route` from the request's
 * RPC metadata when the response finishes. Express knows the route only once it has routed the
 * request (`request.route`), after every middleware; a getter reads it then. This costs nothing per
 * request, where a global interceptor costs Nest two async-resource bindings.
 */
function reportRouteWhenKnown(request: IncomingMessage): void {
  const metadata = getRPCMetadata(context.active());
  if (metadata?.type !== RPCType.HTTP || metadata.route !== undefined) return;
  Object.defineProperty(metadata, 'route', {
    configurable: true,
    enumerable: true,
    get: () => {
      const path = (request as { route?: { path?: unknown } }).route?.path;
      return typeof path === 'string' ? path : undefined;
    },
  });
}
