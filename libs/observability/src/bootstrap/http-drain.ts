import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

/** What draining an HTTP server found. */
export interface HttpDrainResult {
  /** Connections still open at the limit, closed without waiting for them. */
  forced: number;
}

/** Drains the server it was made for; see `trackHttpServer`. */
export type HttpDrain = (timeoutMs: number) => Promise<HttpDrainResult>;

const IDLE_SWEEP_MS = 50;
const IDLE_GRACE_MS = 250;
const ACCEPT_GRACE_MS = 250;

/**
 * Keeps track of the responses an HTTP server has in flight (a Set add and delete per request),
 * and returns its drain: no new connections (after 250 ms, for those already in the backlog); every response still to come sent with
 * `Connection: close`, so that no client reuses a connection that is about to go; idle keep-alive
 * connections closed as soon as they are idle. Resolves when the last connection has ended, or at
 * `timeoutMs`, when whatever is left is closed. Call it before the server listens.
 */
export function trackHttpServer(server: Server): HttpDrain {
  const open = new Set<ServerResponse>();
  let draining = false;
  // Ahead of the app's own listener, so that even a synchronous answer gets the header.
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (draining) {
      response.setHeader('connection', 'close');
      return;
    }
    open.add(response);
    response.once('close', () => open.delete(response));
  });
  return (timeoutMs) => {
    draining = true;
    for (const response of open) {
      if (!response.headersSent) response.setHeader('connection', 'close');
    }
    open.clear();
    if (!server.listening) return Promise.resolve({ forced: 0 });
    return new Promise((resolve) => {
      let sweep: NodeJS.Timeout | undefined;
      // A connection looks idle while a request sent before the signal still waits, unread, in
      // its socket (a busy event loop reads late): closing it then resets that request. So the
      // first sweep waits until the loop has read what had arrived; then idle connections close.
      const grace = setTimeout(() => {
        server.closeIdleConnections();
        sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      }, ACCEPT_GRACE_MS + IDLE_GRACE_MS);
      const limit = setTimeout(() => {
        stop();
        server.getConnections((_error, count) => {
          server.closeAllConnections();
          resolve({ forced: count ?? 0 });
        });
      }, timeoutMs);
      // Connections the kernel accepted before the signal may still wait in the listen backlog
      // for a busy event loop: closing the listener now would reset them. A moment later it
      // stops accepting - net.Server's close, not http.Server's, which would also close idle
      // connections at once - and calls back once the last connection has ended.
      const stopAccepting = setTimeout(() => {
        NetServer.prototype.close.call(server, () => {
          stop();
          resolve({ forced: 0 });
        });
      }, ACCEPT_GRACE_MS);
      const stop = () => {
        clearTimeout(stopAccepting);
        clearTimeout(grace);
        clearInterval(sweep);
        clearTimeout(limit);
      };
    });
  };
}
