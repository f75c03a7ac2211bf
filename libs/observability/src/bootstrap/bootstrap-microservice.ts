import { Logger } from '@nestjs/common';
import type { INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Telemetry } from '../tracing/telemetry';
import type { Environment } from '@cruddur/contracts';
import { natsServerStrategy } from '../transport/nats-server-strategy';
import { readMicroserviceTransport } from '../transport/nats-settings';
import { DrainingServerTcp } from './draining-server-tcp';
import { installGracefulShutdown } from './graceful-shutdown';
import { readShutdownSettings } from './shutdown-settings';
import type { ShutdownSettings } from './shutdown-settings';
import { exitIfPortInUse, exitOnPortInUse } from './port-in-use';
import { useServiceLogger } from './use-service-logger';

/** Where and how a microservice listens: TCP at host:port, or NATS (MICROSERVICE_TRANSPORT=nats). */
export interface MicroserviceOptions {
  /** The telemetry `instrument` started for this process. */
  telemetry: Telemetry;
  /** TCP only. */
  host: string;
  /** TCP only. */
  port: number;
  /** Where MICROSERVICE_TRANSPORT and NATS_* are read. @default process.env */
  env?: Environment;
  /** The variable that sets `port`, named in the one line a busy port gets. */
  portVariable?: string;
  /**
   * Largest frame a peer may send, in characters; a bigger one closes that connection.
   * @default 4 MiB - room for a request whose metadata carries a megabyte of junk (it is ignored and
   * the request answered), where Nest's own default (128 Mi characters) lets one peer take gigabytes.
   */
  maxFrameLength?: number;
  /**
   * A peer that stops mid-frame for this long is disconnected.
   * @default 10000
   */
  incompleteFrameTimeoutMs?: number;
  /** @default SHUTDOWN_TIMEOUT_MS and SHUTDOWN_DRAIN_TIMEOUT_MS from the environment */
  shutdown?: Partial<ShutdownSettings>;
}

/** A microservice's callers drain first: it waits this much longer than their drain limit. */
const CALLER_GRACE_MS = 1000;

/**
 * Creates and starts a traced microservice on the transport MICROSERVICE_TRANSPORT names (TCP
 * unless set); shared by every microservice's main.ts. On SIGTERM a TCP service stops accepting
 * connections but serves the open ones until its callers hang up - the gateway closes its clients
 * once its own requests are answered - so a mesh stopped all at once loses no call in flight; a NATS
 * service unsubscribes from its queue group (Nest's graceful close), so new requests go to the other
 * replicas while the ones it holds are answered. Then it flushes telemetry (installGracefulShutdown).
 */
export async function bootstrapMicroservice(
  rootModule: Type<unknown>,
  options: MicroserviceOptions,
): Promise<INestMicroservice> {
  const env = options.env ?? process.env;
  const serviceName = options.telemetry.serviceName;
  const nats =
    readMicroserviceTransport(env) === 'nats' ? natsServerStrategy(serviceName, env) : undefined;
  const target = {
    serviceName,
    host: options.host,
    port: options.port,
    portVariable: options.portVariable,
  };
  // Over NATS there is no port of ours to be busy.
  if (!nats) await exitIfPortInUse(target);
  const tcp = nats
    ? undefined
    : new DrainingServerTcp({
        serviceName,
        host: options.host,
        port: options.port,
        maxBufferSize: options.maxFrameLength ?? 4 * 1024 * 1024,
        incompleteMessageTimeout: options.incompleteFrameTimeoutMs ?? 10_000,
      });
  const strategy = nats?.strategy ?? tcp!;
  // Nest's own lines wait until the service's logger exists, then go through it.
  const app = await NestFactory.createMicroservice(rootModule, { strategy, bufferLogs: true });
  useServiceLogger(app);
  const settings = readShutdownSettings(env, options.shutdown);
  installGracefulShutdown(app, options.telemetry, {
    settings,
    drain: tcp
      ? async (timeoutMs) => {
          const callers = tcp.connections;
          const { forced } = await tcp.drain(timeoutMs + CALLER_GRACE_MS);
          return forced
            ? `callers still connected after ${timeoutMs + CALLER_GRACE_MS} ms: closing ${forced} connection(s)`
            : `stopped accepting connections; ${callers} caller connection(s) hung up after their last call`;
        }
      : undefined,
  });
  const logger = new Logger('Bootstrap');
  // A broker that is not up yet is waited for (and reconnected to later) rather than fatal.
  if (nats) logger.log(`${serviceName} connecting to NATS at ${nats.description}`);
  await app.listen().catch((error: unknown) => exitOnPortInUse(error, target));
  logger.log(
    nats
      ? `${serviceName} listening on ${nats.description} (queue group ${nats.queueGroup})`
      : `${serviceName} listening on tcp://${options.host}:${options.port}`,
  );
  return app;
}
