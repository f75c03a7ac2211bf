import type { XRayOptions } from './xray/xray.options';

/** How a service describes itself to the observability module. */
export interface ObservabilityModuleOptions {
  /**
   * The service's name. It becomes OpenTelemetry's `service.name` (unless OTEL_SERVICE_NAME says
   * otherwise), and later the X-Ray segment name and the CloudWatch log stream prefix.
   */
  serviceName: string;
  /**
   * X-Ray settings that override the environment (AWS_XRAY_SDK_ENABLED, AWS_XRAY_DAEMON_ADDRESS,
   * AWS_XRAY_TRACING_NAME, AWS_XRAY_URL, AWS_XRAY_SAMPLING_RULES).
   * @default {} - everything from the environment
   */
  xray?: Partial<XRayOptions>;
}
