import type { TraceFieldsContributor } from './logging/trace-fields.format';

/** How a service describes itself to the observability module. */
export interface ObservabilityModuleOptions {
  /**
   * The service's name. It becomes OpenTelemetry's `service.name` (unless OTEL_SERVICE_NAME says
   * otherwise), and later the X-Ray segment name and the CloudWatch log stream prefix.
   */
  serviceName: string;
  /** Logging beyond what LOG_* and CLOUDWATCH_* configure. */
  logging?: {
    /**
     * Extra correlation fields on every line logged in a request (e.g. `xrayTraceIdField`).
     * @default [] - trace_id, span_id and user_id are always written
     */
    traceFields?: readonly TraceFieldsContributor[];
  };
}
