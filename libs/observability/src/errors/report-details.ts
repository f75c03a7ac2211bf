import type { ArgumentsHost } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import { USER_HANDLE_HEADER, parseUserHandle } from '../propagation/user-handle';
import { AppBaggage } from '../tracing/tracing.constants';

/** The HTTP request an item happened in. Headers are scrubbed by the reporter, not here. */
export interface ReportedRequest {
  method: string;
  /** The path as requested, query string included (its secrets are scrubbed by name). */
  path: string;
  /** The matched route, e.g. `/api/activities/:id`. */
  route?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Where an item happened: an HTTP request or a microservice message, and who asked. */
export interface ReportDetails {
  request?: ReportedRequest;
  /** The microservice message pattern being handled. */
  messagePattern?: string;
  /** The Cruddur user handle, when known. */
  userId?: string;
  /** Set when nothing caught the error: the process is about to exit. */
  uncaught?: 'uncaught exception' | 'unhandled rejection';
}

/** What Express (or the Node http server) hands a handler. */
export interface HttpRequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: unknown };
}

/** The details of an HTTP request: method, path, route, headers and the user handle header. */
export function httpRequestDetails(request: HttpRequestLike): ReportDetails {
  const route = request.route?.path;
  return {
    request: {
      method: request.method ?? 'GET',
      path: request.originalUrl ?? request.url ?? '/',
      route: typeof route === 'string' ? route : undefined,
      headers: { ...request.headers },
    },
    userId: parseUserHandle(request.headers[USER_HANDLE_HEADER]) ?? baggageUserId(),
  };
}

/** The details of whatever `host` is handling: an HTTP request or an RPC message. */
export function detailsOf(host: ArgumentsHost): ReportDetails {
  if (host.getType() === 'http') {
    return httpRequestDetails(host.switchToHttp().getRequest<HttpRequestLike>());
  }
  if (host.getType() === 'rpc') {
    const rpcContext = host.switchToRpc().getContext<{ getPattern?: () => unknown } | undefined>();
    const pattern = rpcContext?.getPattern?.();
    return {
      messagePattern: typeof pattern === 'string' ? pattern : undefined,
      userId: baggageUserId(),
    };
  }
  return { userId: baggageUserId() };
}

/** The user handle the caller put in baggage (it travels with every call the request causes). */
function baggageUserId(): string | undefined {
  const entry = propagation.getBaggage(context.active())?.getEntry(AppBaggage.UserId);
  return parseUserHandle(entry?.value);
}
