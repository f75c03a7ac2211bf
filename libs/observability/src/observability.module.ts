import { Module } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { WINSTON_MODULE_NEST_PROVIDER, WINSTON_MODULE_PROVIDER } from 'nest-winston';
import { OpenTelemetryModule } from 'nestjs-otel';
import { ShutdownDeadline } from './bootstrap/shutdown-deadline';
import { ErrorReplyWriter } from './errors/error-reply.writer';
import { RollbarExceptionFilter } from './errors/rollbar-exception.filter';
import { RollbarReporter } from './errors/rollbar-reporter';
import { AccessLogMiddleware } from './logging/access-log.middleware';
import { SecretRedactor } from './logging/secret-redactor';
import { SERVICE_LOGGING } from './logging/logging.constants';
import { ServiceLogging } from './logging/service-logging';
import {
  ConfigurableObservabilityModule,
  OBSERVABILITY_OPTIONS,
  OBSERVABILITY_SETTINGS,
} from './observability.module-definition';
import type { ObservabilityModuleOptions } from './observability.options';
import { readObservabilitySettings } from './observability.settings';
import type { ObservabilitySettings } from './observability.settings';
import { TraceContextMiddleware } from './propagation/trace-context.middleware';
import { XRayService } from './xray/xray.service';

/**
 * Everything a Cruddur service needs to be observable, imported once in its root module:
 *
 *     ObservabilityModule.forRoot({ serviceName: 'notifications' })
 *
 * It provides nestjs-otel's `TraceService` and `@Span`, names HTTP spans by route, propagates the
 * user handle as baggage, answers errors with the trace id, reports unexpected ones to Rollbar
 * (`RollbarReporter`, configured by ROLLBAR_*), provides `XRayService` (X-Ray annotations and
 * metadata on the current span; the segments themselves are derived from the spans by the exporter
 * `startTelemetry` installs), provides the service's
 * logging (`SERVICE_LOGGING` and nest-winston's tokens: JSON lines with the trace id, an access log
 * line per HTTP request, CloudWatch Logs when configured; the bootstrap helpers make it Nest's
 * logger), and (for HTTP apps) tells callers their trace in `traceresponse`. Spans of the
 * microservice transport come from `TracingClientTcp` and
 * `TracingServerTcp`; the SDK itself is started by the `instrument` entry before Nest loads.
 */
@Module({
  imports: [OpenTelemetryModule.forRoot()],
  providers: [
    TraceContextMiddleware,
    AccessLogMiddleware,
    // Cuts every backend's flush at shutdown to the time the shutdown has left.
    { provide: ShutdownDeadline, useFactory: () => new ShutdownDeadline() },
    // The environment is read here, once; the providers below are built from what it says.
    {
      provide: OBSERVABILITY_SETTINGS,
      useFactory: readObservabilitySettings,
      inject: [OBSERVABILITY_OPTIONS],
    },
    {
      provide: SERVICE_LOGGING,
      useFactory: (
        options: ObservabilityModuleOptions,
        settings: ObservabilitySettings,
        deadline: ShutdownDeadline,
      ) =>
        ServiceLogging.create({
          serviceName: settings.serviceName,
          env: settings.env,
          traceFields: options.logging?.traceFields,
          shutdownDeadline: deadline,
        }),
      inject: [OBSERVABILITY_OPTIONS, OBSERVABILITY_SETTINGS, ShutdownDeadline],
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
    {
      provide: RollbarReporter,
      inject: [OBSERVABILITY_SETTINGS, ShutdownDeadline],
      useFactory: (settings: ObservabilitySettings, deadline: ShutdownDeadline) =>
        // The name spans carry, so that an item and its trace name the same service.
        new RollbarReporter(
          settings.serviceName,
          settings.rollbar,
          undefined,
          deadline,
          new SecretRedactor(settings.env),
        ),
    },
    ErrorReplyWriter,
    { provide: APP_FILTER, useClass: RollbarExceptionFilter },
    XRayService,
  ],
  exports: [
    OpenTelemetryModule,
    ShutdownDeadline,
    RollbarReporter,
    XRayService,
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
