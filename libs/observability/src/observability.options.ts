import type { Environment } from '@cruddur/contracts';
import type { RollbarSettings } from './errors/rollbar-settings';
import type { TraceFieldsContributor } from './logging/trace-fields.format';

/** How a service describes itself to the observability module. */
export interface ObservabilityModuleOptions {
  /**
   * The service's own name. OTEL_SERVICE_NAME wins over it, as in `startTelemetry`; the result is
   * the log field, the CloudWatch log stream prefix and the service of Rollbar items. X-Ray is
   * configured where tracing starts: `startTelemetry({ serviceName, xray })`.
   */
  serviceName: string;
  /**
   * Where the module reads its settings (OTEL_SERVICE_NAME, LOG_*, CLOUDWATCH_*, ROLLBAR_*), once,
   * when it starts. @default process.env
   */
  env?: Environment;
  /**
   * Rollbar settings that win over the ROLLBAR_* variables (tests, or a token from a secret store).
   * @default {} - everything from ROLLBAR_ACCESS_TOKEN, ROLLBAR_ENVIRONMENT, ROLLBAR_ENDPOINT
   */
  rollbar?: Partial<RollbarSettings>;
  /** Logging beyond what LOG_* and CLOUDWATCH_* configure. */
  logging?: {
    /**
     * Extra correlation fields on every line logged in a request, after the default ones.
     * @default [] - trace_id, span_id, user_id and xray_trace_id are always written
     */
    traceFields?: readonly TraceFieldsContributor[];
  };
}
