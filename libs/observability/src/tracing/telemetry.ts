/** The process's telemetry, as started by `startTelemetry` before Nest loads. */
export interface Telemetry {
  /** The `service.name` every span of this process carries. */
  readonly serviceName: string;
  /** False when OTEL_SDK_DISABLED=true: nothing is recorded or exported. */
  readonly enabled: boolean;
  /** Exports every buffered span now. */
  forceFlush(): Promise<void>;
  /** Exports what is buffered and stops the SDK; later spans are dropped. */
  shutdown(): Promise<void>;
}
