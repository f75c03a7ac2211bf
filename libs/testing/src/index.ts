export { freePort, freeUdpPort } from './processes/free-port';
export { sampleEverythingRules, startMesh } from './processes/mesh';
export type { MeshOptions, RunningMesh } from './processes/mesh';
export { ServiceProcess } from './processes/service-process';
export type { ServiceProcessOptions } from './processes/service-process';
export { waitFor } from './processes/wait-for';
export { OtlpReceiver } from './receivers/otlp-receiver';
export type { OtlpReceiverBehaviour, ReceivedExport } from './receivers/otlp-receiver';
export { RollbarReceiver } from './receivers/rollbar-receiver';
export type {
  ReceivedRollbarRequest,
  RollbarReceiverBehaviour,
} from './receivers/rollbar-receiver';
export { InMemoryTracing } from './tracing/in-memory-tracing';
export { XRayDaemonReceiver } from './receivers/xray-daemon-receiver';
export { CloudWatchLogsReceiver } from './receivers/cloudwatch-logs-receiver';
export type {
  CloudWatchLogsReceiverBehaviour,
  ReceivedLogEvent,
  ReceivedPutLogEvents,
  RequestSignature,
} from './receivers/cloudwatch-logs-receiver';
export { launchChromium } from './browser/chromium';
export type { TestBrowser } from './browser/chromium';
export { traceIdOf } from './http/trace-response';
export { NatsServer } from './processes/nats-server';
export type { NatsServerOptions } from './processes/nats-server';
export {
  NestFrameDecoder,
  NestTcpRecorder,
  encodeNestFrame,
  exchangeNestFrames,
} from './tcp/nest-tcp-frames';
export type { NestRequestFrame } from './tcp/nest-tcp-frames';
export { SECRET_EXAMPLES } from './secrets/secret-examples';
