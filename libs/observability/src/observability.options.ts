import type { RollbarSettings } from './errors/rollbar-settings';
import type { TraceFieldsContributor } from './logging/trace-fields.format';

/** How a service describes itself to the observability module. */
export interface ObservabilityModuleOptions {
  /**
   * The service's name. It becomes OpenTelemetry's `service.name` (unless OTEL_SERVICE_NAME says
   * otherwise) and the CloudWatch log stream prefix. X-Ray is configured where tracing starts:
   * `startTelemetry({ serviceName, xray })`.
   */
  serviceName: string;
  /**
   * Rollbar settings that win over the ROLLBAR_* variables (tests, or a token from a secret store).
   * @default {} - everything from ROLLBAR_ACCESS_TOKEN, ROLLBAR_ENVIRONMENT, ROLLBAR_ENDPOINT
   */
  rollbar?: Partial<RollbarSettings>;
  /** Logging beyond what LOG_* and CLOUDWATCH_* configure. */
  logging?: {
    /**
     * Extra correlation fields on every line logged in a request (e.g. `xrayTraceIdField`).
     * @default [] - trace_id, span_id and user_id are always written
     */
    traceFields?: readonly TraceFieldsContributor[];
  };
}
