import type { Environment } from '@cruddur/contracts';
import { describeNatsServers, readNatsSettings, toNatsConnectionOptions } from './nats-settings';
import { TracingServerNats } from './tracing-server-nats';

/** A microservice's NATS server, and what to say about it in the start-up log. */
export interface NatsServerStrategy {
  strategy: TracingServerNats;
  /** The servers, credentials redacted. */
  description: string;
  queueGroup: string;
}

/**
 * The traced NATS server for `serviceName`, configured from NATS_*: its patterns subscribed in the
 * queue group `serviceName`, so replicas share the work. On SIGTERM it unsubscribes first and
 * waits a moment (Nest's graceful shutdown), so requests already routed to it are answered while
 * new ones go to the other replicas.
 */
export function natsServerStrategy(serviceName: string, env: Environment): NatsServerStrategy {
  const settings = readNatsSettings(serviceName, env);
  return {
    strategy: new TracingServerNats({
      serviceName,
      ...toNatsConnectionOptions(settings),
      queue: serviceName,
      gracefulShutdown: true,
      gracePeriod: 500,
    }),
    description: describeNatsServers(settings.servers),
    queueGroup: serviceName,
  };
}
