import { Logger } from '@nestjs/common';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { Environment } from '@cruddur/contracts';
import type { Telemetry } from '../tracing/telemetry';
import { installGracefulShutdown } from './graceful-shutdown';
import { trackHttpServer } from './http-drain';
import { readShutdownSettings } from './shutdown-settings';
import type { ShutdownSettings } from './shutdown-settings';
import { exitIfPortInUse, exitOnPortInUse } from './port-in-use';
import { useServiceLogger } from './use-service-logger';

/** Where and how an HTTP service listens. */
export interface HttpServiceOptions {
  /** The telemetry `instrument` started for this process. */
  telemetry: Telemetry;
  port: number;
  /** The variable that sets `port`, named in the one line a busy port gets. */
  portVariable?: string;
  /** @default 0.0.0.0 (all interfaces) */
  host?: string;
  cors?: CorsOptions;
  /**
   * Nest's JSON and urlencoded body parsers; off for an app whose handlers read raw bodies
   * themselves (the gateway's telemetry relay). @default true
   */
  bodyParser?: boolean;
  /** @default SHUTDOWN_TIMEOUT_MS and SHUTDOWN_DRAIN_TIMEOUT_MS from `env` */
  shutdown?: Partial<ShutdownSettings>;
  /** Where SHUTDOWN_* are read, once, at start. @default process.env */
  env?: Environment;
}

/**
 * Creates, wires and starts an HTTP service; shared by every HTTP app's main.ts. The port is bound
 * only after every module's `onApplicationBootstrap` (the gateway connects its downstream clients
 * there), so a service that accepts connections is ready for them. On SIGTERM it drains: no new
 * connections, requests in flight answered, then telemetry flushed (see installGracefulShutdown).
 */
export async function bootstrapHttpService(
  rootModule: Type<unknown> | DynamicModule,
  options: HttpServiceOptions,
): Promise<INestApplication> {
  const target = {
    serviceName: options.telemetry.serviceName,
    host: options.host ?? '0.0.0.0',
    port: options.port,
    portVariable: options.portVariable,
  };
  await exitIfPortInUse(target);
  // Nest's own lines wait until the service's logger exists, then go through it.
  const app = await NestFactory.create(rootModule, {
    bufferLogs: true,
    bodyParser: options.bodyParser ?? true,
  });
  useServiceLogger(app);
  if (options.cors) app.enableCors(options.cors);
  const drainHttpServer = trackHttpServer(app.getHttpServer() as Server);
  installGracefulShutdown(app, options.telemetry, {
    settings: readShutdownSettings(options.env ?? process.env, options.shutdown),
    drain: async (timeoutMs) => {
      const { forced } = await drainHttpServer(timeoutMs);
      return forced
        ? `requests still open after ${timeoutMs} ms: closed ${forced} connection(s)`
        : 'stopped accepting connections; every request in flight was answered';
    },
  });
  await app
    .listen(options.port, target.host)
    .catch((error: unknown) => exitOnPortInUse(error, target));
  new Logger('Bootstrap').log(
    `${options.telemetry.serviceName} listening on http://${options.host ?? '0.0.0.0'}:${options.port}`,
  );
  return app;
}
