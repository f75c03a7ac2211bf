import { Module } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { WINSTON_MODULE_NEST_PROVIDER, WINSTON_MODULE_PROVIDER } from 'nest-winston';
import { OpenTelemetryModule } from 'nestjs-otel';
import { TraceIdExceptionFilter } from './errors/trace-id-exception.filter';
import { HttpRouteInterceptor } from './http/http-route.interceptor';
import { AccessLogMiddleware } from './logging/access-log.middleware';
import { SERVICE_LOGGING } from './logging/logging.constants';
import { ServiceLogging } from './logging/service-logging';
import {
  ConfigurableObservabilityModule,
  OBSERVABILITY_OPTIONS,
} from './observability.module-definition';
import type { ObservabilityModuleOptions } from './observability.options';
import { TraceContextMiddleware } from './propagation/trace-context.middleware';

/**
 * Everything a Cruddur service needs to be observable, imported once in its root module:
 *
 *     ObservabilityModule.forRoot({ serviceName: 'notifications' })
 *
 * It provides nestjs-otel's `TraceService` and `@Span`, names HTTP spans by route, propagates the
 * user handle as baggage, answers errors with the trace id, and (for HTTP apps) tells callers their
 * trace in `traceresponse`. It also provides the service's logging (`SERVICE_LOGGING`, and
 * nest-winston's tokens): JSON lines with the trace id, an access log line per HTTP request, and
 * CloudWatch Logs when configured; the bootstrap helpers make it Nest's logger. Spans of the microservice transport come from `TracingClientTcp` and
 * `TracingServerTcp`; the SDK itself is started by the `instrument` entry before Nest loads.
 */
@Module({
  imports: [OpenTelemetryModule.forRoot()],
  providers: [
    TraceContextMiddleware,
    AccessLogMiddleware,
    {
      provide: SERVICE_LOGGING,
      useFactory: (options: ObservabilityModuleOptions) =>
        ServiceLogging.create({
          serviceName: options.serviceName,
          traceFields: options.logging?.traceFields,
        }),
      inject: [OBSERVABILITY_OPTIONS],
    },
    {
      provide: WINSTON_MODULE_PROVIDER,
      useFactory: (logging: ServiceLogging) => logging.logger,
      inject: [SERVICE_LOGGING],
    },
    {
      provide: WINSTON_MODULE_NEST_PROVIDER,
      useFactory: (logging: ServiceLogging) => logging.nestLogger,
      inject: [SERVICE_LOGGING],
    },
    { provide: APP_INTERCEPTOR, useClass: HttpRouteInterceptor },
    { provide: APP_FILTER, useClass: TraceIdExceptionFilter },
  ],
  exports: [
    OpenTelemetryModule,
    SERVICE_LOGGING,
    WINSTON_MODULE_PROVIDER,
    WINSTON_MODULE_NEST_PROVIDER,
  ],
})
export class ObservabilityModule extends ConfigurableObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The access log runs inside the trace context (and baggage) the first middleware sets up.
    consumer.apply(TraceContextMiddleware, AccessLogMiddleware).forRoutes('{*path}');
  }
}
