import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError } from './http-error';

/** Handles one request; throwing an HttpError answers with its status and message. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Sends a JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/**
 * A node:http server around `handler` that turns every failure into an answer: an HttpError into
 * its status with `{error}`, anything else into a 500 (and a line on stderr), never a crash.
 */
export function createJsonServer(handler: RequestHandler, name: string): Server {
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpError) {
        // Close the connection after a refused body: the client may still be sending it.
        if (error.status === 413) response.setHeader('connection', 'close');
        sendJson(response, error.status, { error: error.message });
        return;
      }
      process.stderr.write(`[inspector] ${name}: ${(error as Error).stack ?? String(error)}\n`);
      sendJson(response, 500, { error: 'internal error in the inspector' });
    });
  });
  // A malformed request line or headers: answer 400 instead of dropping the socket silently.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

/** Listens and resolves with the port actually bound (0 asks the OS for one). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, drops idle keep-alive connections and resolves once closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
    // Connections still mid-request get a moment, then go.
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}
