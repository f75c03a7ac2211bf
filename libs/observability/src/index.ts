/**
 * The public API of @cruddur/observability: what a service's own code needs, and nothing else.
 * Everything else in this library is internal; the library's specs reach it by relative paths,
 * specs elsewhere through `@cruddur/observability/internal/*` (tests only: built apps cannot
 * resolve it). `public-api.spec.ts` lists these names, so a change here is a deliberate one.
 * SDK start-up has its own entry, `@cruddur/observability/instrument`, loaded before Nest.
 */

// The module each service imports once in its root module, and its options.
export { ObservabilityModule } from './observability.module';
export type { ObservabilityModuleOptions } from './observability.options';
export type { TraceFieldsContributor } from './logging/trace-fields.format';

// Start-up and drain-then-flush shutdown (main.ts), and the shutdown's time left for own steps.
export { bootstrapHttpService } from './bootstrap/bootstrap-http-service';
export type { HttpServiceOptions } from './bootstrap/bootstrap-http-service';
export { bootstrapMicroservice } from './bootstrap/bootstrap-microservice';
export type { MicroserviceOptions } from './bootstrap/bootstrap-microservice';
export { ShutdownDeadline } from './bootstrap/shutdown-deadline';

// Spans and X-Ray facts inside handlers.
export { Span, TraceService } from 'nestjs-otel';
export { AppAttributes } from './tracing/tracing.constants';
export { XRayService } from './xray/xray.service';
export { XRaySubsegment, inXRaySubsegment } from './xray/xray-subsegment.decorator';
export type { XRayFields } from './xray/xray-subsegment.decorator';

// The user a request is for (gateway controllers).
export { USER_HANDLE_HEADER, parseUserHandle } from './propagation/user-handle';

// Traced transports between services, and the carrier they write, for other transports.
export { TracingClientTcp } from './transport/tracing-client-tcp';
export type { TracingTcpClientOptions } from './transport/tracing-client-tcp';
export { TracingServerTcp } from './transport/tracing-server-tcp';
export type { TracingTcpServerOptions } from './transport/tracing-server-tcp';
export { TracingClientNats } from './transport/tracing-client-nats';
export type { TracingNatsClientOptions } from './transport/tracing-client-nats';
export { TracingServerNats } from './transport/tracing-server-nats';
export type { TracingNatsServerOptions } from './transport/tracing-server-nats';
export {
  extractContext,
  extractFromPacket,
  injectContext,
  injectIntoPacket,
} from './propagation/packet-carrier';
export type { PacketHeaders } from './propagation/packet-carrier';

// What a caller of the NATS client needs: the transport choice, the broker, and its failures.
export {
  readMicroserviceTransport,
  readNatsSettings,
  toNatsConnectionOptions,
} from './transport/nats-settings';
export type { MicroserviceTransport, NatsSettings } from './transport/nats-settings';
export { NATS_UNAVAILABLE_CODES, isRetryableRequestError } from './transport/nats-errors';

// Rollbar beyond the global filter: report a message, or mark an error another service reported.
export { RollbarReporter } from './errors/rollbar-reporter';
export { httpRequestDetails } from './errors/report-details';
export type { HttpRequestLike } from './errors/report-details';
export { markReportedBy } from './errors/reported-by';

// Where this service exports its spans (the gateway's relay forwards the browser's there too).
export { resolveTraceExportTarget } from './tracing/trace-exporter.factory';
