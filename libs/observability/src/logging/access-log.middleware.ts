import { Inject, Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { LogContext, LogField, SERVICE_LOGGING } from './logging.constants';
import type { ServiceLogging } from './service-logging';

/** The fields of an access log line (flat, so Logs Insights can `filter status >= 500`). */
export interface AccessLogFields {
  [LogField.RemoteAddress]: string | undefined;
  [LogField.Method]: string | undefined;
  [LogField.Scheme]: 'http' | 'https';
  [LogField.Path]: string | undefined;
  [LogField.Status]: number;
  [LogField.DurationMs]: number;
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
        [LogField.RemoteAddress]: request.socket?.remoteAddress,
        [LogField.Method]: request.method,
        [LogField.Scheme]: (request.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http',
        [LogField.Path]:
          (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url,
        [LogField.Status]: response.writableFinished ? response.statusCode : 499,
        [LogField.DurationMs]: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      };
      const line =
        `${fields[LogField.RemoteAddress]} ${fields[LogField.Method]} ${fields[LogField.Scheme]} ` +
        `${fields[LogField.Path]} ${fields[LogField.Status]} ${fields[LogField.DurationMs]} ms`;
      context.with(active, () =>
        this.logging.logger.info(line, { [LogField.Context]: LogContext.AccessLog, ...fields }),
      );
    };
    response.once('finish', write);
    response.once('close', write);
    next();
  }
}
