import { Module } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { OpenTelemetryModule } from 'nestjs-otel';
import { TraceIdExceptionFilter } from './errors/trace-id-exception.filter';
import { HttpRouteInterceptor } from './http/http-route.interceptor';
import { ConfigurableObservabilityModule } from './observability.module-definition';
import { TraceContextMiddleware } from './propagation/trace-context.middleware';
import { XRAY_RECORDER } from './xray/xray.constants';
import { XRayHttpMiddleware } from './xray/xray-http.middleware';
import { XRayMessageInterceptor } from './xray/xray-message.interceptor';
import { xrayRecorderProvider } from './xray/xray.providers';
import { XRayService } from './xray/xray.service';

/**
 * Everything a Cruddur service needs to be observable, imported once in its root module:
 *
 *     ObservabilityModule.forRoot({ serviceName: 'notifications' })
 *
 * It provides nestjs-otel's `TraceService` and `@Span`, names HTTP spans by route, propagates the
 * user handle as baggage, answers errors with the trace id, and (for HTTP apps) tells callers their
 * trace in `traceresponse`. It also records X-Ray segments (one per HTTP request, one per handled
 * message) and provides `XRayService` for the `@XRaySubsegment` methods' metadata. Spans of the microservice transport come from `TracingClientTcp` and
 * `TracingServerTcp`; the SDK itself is started by the `instrument` entry before Nest loads.
 */
@Module({
  imports: [OpenTelemetryModule.forRoot()],
  providers: [
    TraceContextMiddleware,
    { provide: APP_INTERCEPTOR, useClass: HttpRouteInterceptor },
    { provide: APP_FILTER, useClass: TraceIdExceptionFilter },
    xrayRecorderProvider,
    XRayService,
    XRayHttpMiddleware,
    { provide: APP_INTERCEPTOR, useClass: XRayMessageInterceptor },
  ],
  exports: [OpenTelemetryModule, XRayService, XRAY_RECORDER],
})
export class ObservabilityModule extends ConfigurableObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TraceContextMiddleware, XRayHttpMiddleware).forRoutes('{*path}');
  }
}
