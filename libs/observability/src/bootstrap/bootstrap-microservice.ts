import { Logger } from '@nestjs/common';
import type { INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Telemetry } from '../tracing/telemetry';
import { TracingServerTcp } from '../transport/tracing-server-tcp';
import { installGracefulShutdown } from './graceful-shutdown';
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
  /** @default DEFAULT_SHUTDOWN_TIMEOUT_MS */
  shutdownTimeoutMs?: number;
}

/** Creates and starts a traced TCP microservice; shared by every microservice's main.ts. */
export async function bootstrapMicroservice(
  rootModule: Type<unknown>,
  options: MicroserviceOptions,
): Promise<INestMicroservice> {
  const strategy = new TracingServerTcp({
    serviceName: options.telemetry.serviceName,
    host: options.host,
    port: options.port,
    maxBufferSize: options.maxFrameLength ?? 4 * 1024 * 1024,
    incompleteMessageTimeout: options.incompleteFrameTimeoutMs ?? 10_000,
  });
  // Nest's own lines wait until the service's logger exists, then go through it.
  const app = await NestFactory.createMicroservice(rootModule, { strategy, bufferLogs: true });
  useServiceLogger(app);
  installGracefulShutdown(app, options.telemetry, options.shutdownTimeoutMs);
  await app.listen();
  new Logger('Bootstrap').log(
    `${options.telemetry.serviceName} listening on tcp://${options.host}:${options.port}`,
  );
  return app;
}
