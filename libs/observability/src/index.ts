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

export { useServiceLogger } from './bootstrap/use-service-logger';

export { AccessLogMiddleware } from './logging/access-log.middleware';
export type { AccessLogFields } from './logging/access-log.middleware';
export {
  CloudWatchLogsSetupError,
  createCloudWatchLogsClient,
  verifyCloudWatchLogsClient,
} from './logging/cloudwatch/cloudwatch-logs.client.factory';
export { CloudWatchLogsShipper } from './logging/cloudwatch/cloudwatch-logs.shipper';
export { CloudWatchLogsTransport } from './logging/cloudwatch/cloudwatch-logs.transport';
export type {
  CloudWatchLogsTransportOptions,
  CloudWatchLogsTransportStats,
} from './logging/cloudwatch/cloudwatch-logs.transport';
export {
  CloudWatchOutageReporter,
  CloudWatchOutageTelemetry,
} from './logging/cloudwatch/cloudwatch-outage.reporter';
export { TRUNCATION_MARKER, fitLogEvent } from './logging/cloudwatch/log-event-batches';
export { readLoggingConfig } from './logging/logging.config';
export type { CloudWatchLogsConfig, LoggingConfig } from './logging/logging.config';
export {
  LOG_LEVELS,
  LogContext,
  LogField,
  REDACTED,
  SERVICE_LOGGING,
} from './logging/logging.constants';
export type { LogLevel } from './logging/logging.constants';
export { SecretRedactor } from './logging/secret-redactor';
export { ServiceLogging } from './logging/service-logging';
export type { ServiceLoggingOptions } from './logging/service-logging';
export {
  DEFAULT_TRACE_FIELDS,
  otelTraceFields,
  traceFieldsFormat,
  userIdField,
  xrayTraceIdField,
} from './logging/trace-fields.format';
export type { TraceFieldsContributor } from './logging/trace-fields.format';

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
export {
  AppAttributes,
  AppBaggage,
  NEST_TCP_SYSTEM,
  TRACER_NAME,
  TransportAttributes,
} from './tracing/tracing.constants';
export { Span, TraceService } from 'nestjs-otel';
