import { Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { RPCType, getRPCMetadata } from '@opentelemetry/core';
import type { Observable } from 'rxjs';

/**
 * Gives the HTTP server span its route: `GET /api/activities/home` rather than `GET`, with
 * `http.route` set. The HTTP instrumentation reads the route from the request's RPC metadata when
 * the response finishes; Nest knows it only once routing is done, so it is filled in here.
 */
@Injectable()
export class HttpRouteInterceptor implements NestInterceptor {
  intercept(executionContext: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (executionContext.getType() === 'http') {
      const request = executionContext.switchToHttp().getRequest<{ route?: { path?: unknown } }>();
      const route = request.route?.path;
      const metadata = getRPCMetadata(context.active());
      if (typeof route === 'string' && metadata?.type === RPCType.HTTP) {
        metadata.route = route;
      }
    }
    return next.handle();
  }
}
