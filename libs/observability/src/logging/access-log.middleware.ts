import { Inject, Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { LogContext, SERVICE_LOGGING } from './logging.constants';
import type { ServiceLogging } from './service-logging';

/** The fields of an access log line (flat, so Logs Insights can `filter status >= 500`). */
export interface AccessLogFields {
  remote_address: string | undefined;
  method: string | undefined;
  scheme: 'http' | 'https';
  path: string | undefined;
  status: number;
  duration_ms: number;
}

/**
 * The journals' `after_request` hook: one line per HTTP request once its response is finished
 * (or the client went away) - remote address, method, scheme, path with query, status and
 * duration - logged in the request's context, so it carries the trace id and user id.
 */
@Injectable()
export class AccessLogMiddleware implements NestMiddleware {
  constructor(@Inject(SERVICE_LOGGING) private readonly logging: ServiceLogging) {}

  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    const started = process.hrtime.bigint();
    const active = context.active();
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const fields: AccessLogFields = {
        remote_address: request.socket?.remoteAddress,
        method: request.method,
        scheme: (request.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http',
        path: (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url,
        status: response.writableFinished ? response.statusCode : 499,
        duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      };
      context.with(active, () =>
        this.logging.logger.info(
          `${fields.remote_address} ${fields.method} ${fields.scheme} ${fields.path} ` +
            `${fields.status} ${fields.duration_ms} ms`,
          { context: LogContext.AccessLog, ...fields },
        ),
      );
    };
    response.once('finish', write);
    response.once('close', write);
    next();
  }
}
