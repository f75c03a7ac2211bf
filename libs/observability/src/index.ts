export { ObservabilityModule } from './observability.module';
export {
  OBSERVABILITY_ASYNC_OPTIONS_TYPE,
  OBSERVABILITY_OPTIONS,
  OBSERVABILITY_OPTIONS_TYPE,
} from './observability.module-definition';
export type { ObservabilityModuleOptions } from './observability.options';

export { bootstrapHttpService } from './bootstrap/bootstrap-http-service';
export type { HttpServiceOptions } from './bootstrap/bootstrap-http-service';
export { bootstrapMicroservice } from './bootstrap/bootstrap-microservice';
export type { MicroserviceOptions } from './bootstrap/bootstrap-microservice';
export {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  installGracefulShutdown,
} from './bootstrap/graceful-shutdown';

export { TraceIdExceptionFilter } from './errors/trace-id-exception.filter';
export type { ErrorBody } from './errors/trace-id-exception.filter';
export { HttpRouteInterceptor } from './http/http-route.interceptor';

export {
  PACKET_HEADERS_FIELD,
  extractContext,
  extractFromPacket,
  injectIntoPacket,
  readPacketHeaders,
} from './propagation/packet-carrier';
export type { PacketHeaders } from './propagation/packet-carrier';
export {
  TRACE_RESPONSE_HEADER,
  TraceContextMiddleware,
  formatTraceResponse,
} from './propagation/trace-context.middleware';
export { USER_HANDLE_HEADER, parseUserHandle } from './propagation/user-handle';

export { TracingClientTcp } from './transport/tracing-client-tcp';
export type { TracingTcpClientOptions } from './transport/tracing-client-tcp';
export { TracingServerTcp } from './transport/tracing-server-tcp';
export type { TracingTcpServerOptions } from './transport/tracing-server-tcp';
export { SpanCompletion, startTransportSpan } from './transport/transport-spans';
export type { TransportCall, TransportRole } from './transport/transport-spans';

export { BaggageAttributesSpanProcessor } from './tracing/baggage-attributes.span-processor';
export { OutageReportingSpanExporter } from './tracing/outage-reporting.exporter';
export type { Telemetry } from './tracing/telemetry';
export { OTLP_PROTOCOLS, resolveTraceExportTarget } from './tracing/trace-exporter.factory';
export type { OtlpProtocol, TraceExportTarget } from './tracing/trace-exporter.factory';
export {
  AppAttributes,
  AppBaggage,
  NEST_TCP_SYSTEM,
  TRACER_NAME,
  TransportAttributes,
} from './tracing/tracing.constants';
export { Span, TraceService } from 'nestjs-otel';
