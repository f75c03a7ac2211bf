import { Module } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { OpenTelemetryModule } from 'nestjs-otel';
import { TraceIdExceptionFilter } from './errors/trace-id-exception.filter';
import { HttpRouteInterceptor } from './http/http-route.interceptor';
import { ConfigurableObservabilityModule } from './observability.module-definition';
import { TraceContextMiddleware } from './propagation/trace-context.middleware';

/**
 * Everything a Cruddur service needs to be observable, imported once in its root module:
 *
 *     ObservabilityModule.forRoot({ serviceName: 'notifications' })
 *
 * It provides nestjs-otel's `TraceService` and `@Span`, names HTTP spans by route, propagates the
 * user handle as baggage, answers errors with the trace id, and (for HTTP apps) tells callers their
 * trace in `traceresponse`. Spans of the microservice transport come from `TracingClientTcp` and
 * `TracingServerTcp`; the SDK itself is started by the `instrument` entry before Nest loads.
 */
@Module({
  imports: [OpenTelemetryModule.forRoot()],
  providers: [
    TraceContextMiddleware,
    { provide: APP_INTERCEPTOR, useClass: HttpRouteInterceptor },
    { provide: APP_FILTER, useClass: TraceIdExceptionFilter },
  ],
  exports: [OpenTelemetryModule],
})
export class ObservabilityModule extends ConfigurableObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TraceContextMiddleware).forRoutes('{*path}');
  }
}
