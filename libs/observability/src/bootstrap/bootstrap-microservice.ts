import { Logger } from '@nestjs/common';
import type { INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Telemetry } from '../tracing/telemetry';
import { DrainingServerTcp } from './draining-server-tcp';
import { installGracefulShutdown } from './graceful-shutdown';
import { readShutdownSettings } from './shutdown-settings';
import type { ShutdownSettings } from './shutdown-settings';
import { useServiceLogger } from './use-service-logger';

/** Where and how a TCP microservice listens. */
export interface MicroserviceOptions {
  /** The telemetry `instrument` started for this process. */
  telemetry: Telemetry;
  host: string;
  port: number;
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
 * Creates and starts a traced TCP microservice; shared by every microservice's main.ts. On
 * SIGTERM it stops accepting connections but serves the open ones until its callers hang up -
 * the gateway closes its clients once its own requests are answered - so a mesh stopped all at
 * once loses no call in flight; then it flushes telemetry (see installGracefulShutdown).
 */
export async function bootstrapMicroservice(
  rootModule: Type<unknown>,
  options: MicroserviceOptions,
): Promise<INestMicroservice> {
  const strategy = new DrainingServerTcp({
    serviceName: options.telemetry.serviceName,
    host: options.host,
    port: options.port,
    maxBufferSize: options.maxFrameLength ?? 4 * 1024 * 1024,
    incompleteMessageTimeout: options.incompleteFrameTimeoutMs ?? 10_000,
  });
  // Nest's own lines wait until the service's logger exists, then go through it.
  const app = await NestFactory.createMicroservice(rootModule, { strategy, bufferLogs: true });
  useServiceLogger(app);
  const settings = readShutdownSettings(process.env, options.shutdown);
  installGracefulShutdown(app, options.telemetry, {
    settings,
    drain: async (timeoutMs) => {
      const callers = strategy.connections;
      const { forced } = await strategy.drain(timeoutMs + CALLER_GRACE_MS);
      return forced
        ? `callers still connected after ${timeoutMs + CALLER_GRACE_MS} ms: closing ${forced} connection(s)`
        : `stopped accepting connections; ${callers} caller connection(s) hung up after their last call`;
    },
  });
  await app.listen();
  new Logger('Bootstrap').log(
    `${options.telemetry.serviceName} listening on tcp://${options.host}:${options.port}`,
  );
  return app;
}
