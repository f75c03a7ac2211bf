/** How a service describes itself to the observability module. */
export interface ObservabilityModuleOptions {
  /**
   * The service's name. It becomes OpenTelemetry's `service.name` (unless OTEL_SERVICE_NAME says
   * otherwise), and later the X-Ray segment name and the CloudWatch log stream prefix.
   */
  serviceName: string;
}
