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
export { installGracefulShutdown } from './bootstrap/graceful-shutdown';
export type { DrainStep, GracefulShutdownOptions } from './bootstrap/graceful-shutdown';
export { DEFAULT_SHUTDOWN_SETTINGS, readShutdownSettings } from './bootstrap/shutdown-settings';
export type { ShutdownSettings } from './bootstrap/shutdown-settings';
export { ShutdownDeadline } from './bootstrap/shutdown-deadline';
export { trackHttpServer } from './bootstrap/http-drain';
export type { HttpDrain, HttpDrainResult } from './bootstrap/http-drain';
export { DrainingServerTcp } from './bootstrap/draining-server-tcp';
export type { TcpDrainResult } from './bootstrap/draining-server-tcp';

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
export type { ErrorBody, RpcErrorReply } from './errors/trace-id-exception.filter';
export { RollbarExceptionFilter } from './errors/rollbar-exception.filter';
export { RollbarReporter } from './errors/rollbar-reporter';
export type { ReportLevel, ReporterLog, ReporterStats } from './errors/rollbar-reporter';
export { readRollbarSettings } from './errors/rollbar-settings';
export type { RollbarSettings } from './errors/rollbar-settings';
export {
  DEFAULT_ROLLBAR_ENDPOINT,
  RollbarItemFields,
  RollbarVariables,
  SCRUBBED_FIELDS,
  SCRUBBED_HEADERS,
} from './errors/rollbar.constants';
export { detailsOf, httpRequestDetails } from './errors/report-details';
export type { HttpRequestLike, ReportDetails, ReportedRequest } from './errors/report-details';
export { markReportedBy, reportedBy } from './errors/reported-by';
export { isUnexpected } from './errors/exception-classification';

export {
  LEGACY_PACKET_HEADERS_FIELD,
  PACKET_METADATA_FIELD,
  extractContext,
  extractFromPacket,
  injectContext,
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
export { parseDaemonAddress } from './xray/daemon-address';
export type { DaemonAddress } from './xray/daemon-address';
export { XRayLocalSampler } from './xray/local-sampler';
export type { SamplingDecision, SamplingRequest } from './xray/local-sampler';
export {
  DEFAULT_SAMPLING_RULE,
  loadSamplingRules,
  parseSamplingRules,
} from './xray/sampling-rules';
export type { SamplingRule } from './xray/sampling-rules';
export { fitSegmentDocument } from './xray/segment-document-trimmer';
export type { FittedDocument, TrimmedValue } from './xray/segment-document-trimmer';
export {
  DEFAULT_SAMPLING_RULES_PATH,
  REMOTE_NAMESPACE,
  XRAY_RECORDER,
  XRAY_TRACE_HEADER,
  XRayAnnotations,
} from './xray/xray.constants';
export { resolveXRayOptions } from './xray/xray.options';
export type { XRayOptions } from './xray/xray.options';
export { XRayService } from './xray/xray.service';
export { XRaySubsegment, inXRaySubsegment } from './xray/xray-subsegment.decorator';
export { XRayDaemonEmitter } from './xray/xray-daemon.emitter';
export { XRayHttpMiddleware } from './xray/xray-http.middleware';
export { XRayMessageInterceptor } from './xray/xray-message.interceptor';
export { XRayRecorder } from './xray/xray-recorder';
export { XRayRemoteSubsegmentSpanProcessor } from './xray/xray-remote-subsegment.span-processor';
export { XRayTraceHeaderPropagator } from './xray/xray-trace-header.propagator';
export { Span, TraceService } from 'nestjs-otel';

export { TracingClientNats } from './transport/tracing-client-nats';
export type { TracingNatsClientOptions } from './transport/tracing-client-nats';
export { TracingServerNats } from './transport/tracing-server-nats';
export type { TracingNatsServerOptions } from './transport/tracing-server-nats';
export {
  NATS_UNAVAILABLE_CODES,
  NatsDisconnectedError,
  NatsNoRespondersError,
  NatsRequestError,
  NatsResponderVanishedError,
  isRetryableRequestError,
} from './transport/nats-errors';
export {
  extractFromNatsHeaders,
  injectIntoNatsHeaders,
  withReadableHeaders,
} from './transport/nats-header-carrier';
export { NATS_SYSTEM, NatsAttributes } from './transport/nats-span-attributes';
export {
  DEFAULT_NATS_SERVERS,
  MICROSERVICE_TRANSPORTS,
  describeNatsServers,
  readMicroserviceTransport,
  readNatsSettings,
  toNatsConnectionOptions,
} from './transport/nats-settings';
export type { MicroserviceTransport, NatsSettings } from './transport/nats-settings';
export { tracedClientCall } from './transport/traced-client-call';
export { requestSubject } from './transport/nats-subjects';
