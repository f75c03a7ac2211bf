/** The header AWS services and SDKs carry the X-Ray trace in. */
export const XRAY_TRACE_HEADER = 'x-amzn-trace-id';

/** Where the sampling rule lives unless AWS_XRAY_SAMPLING_RULES says otherwise (from the working directory). */
export const DEFAULT_SAMPLING_RULES_PATH = 'aws/json/xray.json';

/** Injection token of the process's `XRayRecorder`. */
export const XRAY_RECORDER = Symbol('XRAY_RECORDER');

/** Annotation names this project writes (X-Ray allows letters, digits and underscores). */
export enum XRayAnnotations {
  MessagePattern = 'message_pattern',
  OtelTraceId = 'otel_trace_id',
}

/** `namespace` of a subsegment that stands for a call to another service. */
export const REMOTE_NAMESPACE = 'remote';
