/** Names of the tracer, span attributes and baggage entries this project writes. */
export const TRACER_NAME = '@cruddur/observability';

/** Custom attributes, named like the journals' Honeycomb queries expect them. */
export enum AppAttributes {
  /** The caller's user handle: the journals' "latency by user" queries group by it. */
  UserId = 'app.user_id',
  Now = 'app.now',
  ResultLength = 'app.result_length',
}

/** Baggage entries that travel with a request and become attributes of every span it causes. */
export enum AppBaggage {
  UserId = 'app.user_id',
}

/** Attributes of the microservice-transport spans (OpenTelemetry RPC and messaging conventions). */
export enum TransportAttributes {
  RpcSystem = 'rpc.system',
  RpcService = 'rpc.service',
  RpcMethod = 'rpc.method',
  MessagingSystem = 'messaging.system',
  MessagingOperationType = 'messaging.operation.type',
  MessagingDestination = 'messaging.destination.name',
  ServerAddress = 'server.address',
  ServerPort = 'server.port',
  ClientAddress = 'client.address',
}

/** `rpc.system` / `messaging.system` of Nest's TCP transport. */
export const NEST_TCP_SYSTEM = 'nestjs_tcp';
