import type { RollbarSettings } from './errors/rollbar-settings';
import type { XRayOptions } from './xray/xray.options';
import type { TraceFieldsContributor } from './logging/trace-fields.format';

/** How a service describes itself to the observability module. */
export interface ObservabilityModuleOptions {
  /**
   * The service's name. It becomes OpenTelemetry's `service.name` (unless OTEL_SERVICE_NAME says
   * otherwise), and later the X-Ray segment name and the CloudWatch log stream prefix.
   */
  serviceName: string;
  /**
   * Rollbar settings that win over the ROLLBAR_* variables (tests, or a token from a secret store).
   * @default {} - everything from ROLLBAR_ACCESS_TOKEN, ROLLBAR_ENVIRONMENT, ROLLBAR_ENDPOINT
   */
  rollbar?: Partial<RollbarSettings>;
  /**
   * X-Ray settings that override the environment (AWS_XRAY_SDK_ENABLED, AWS_XRAY_DAEMON_ADDRESS,
   * AWS_XRAY_TRACING_NAME, AWS_XRAY_URL, AWS_XRAY_SAMPLING_RULES).
   * @default {} - everything from the environment
   */
  xray?: Partial<XRayOptions>;
  /** Logging beyond what LOG_* and CLOUDWATCH_* configure. */
  logging?: {
    /**
     * Extra correlation fields on every line logged in a request (e.g. `xrayTraceIdField`).
     * @default [] - trace_id, span_id and user_id are always written
     */
    traceFields?: readonly TraceFieldsContributor[];
  };
}
