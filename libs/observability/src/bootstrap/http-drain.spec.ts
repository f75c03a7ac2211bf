import { Agent, createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { trackHttpServer } from './http-drain';
import type { HttpDrain } from './http-drain';

function get(port: number): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/' }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('drainHttpServer', () => {
  let server: Server;
  let port: number;
  let drainHttpServer: HttpDrain;
  const waiting: ServerResponse[] = [];

  beforeEach(async () => {
    server = createServer((_request: IncomingMessage, response: ServerResponse) => {
      waiting.push(response);
    });
    drainHttpServer = trackHttpServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterEach(() => {
    waiting.length = 0;
    server.closeAllConnections();
    server.close();
  });

  it('refuses new connections (after a moment), answers the request in flight with Connection: close, then resolves', async () => {
    const inFlight = get(port);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const drained = drainHttpServer(5000);
    // Connections already queued get a moment to be accepted; new ones are refused after it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(get(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    waiting[0].end('done');
    expect(await inFlight).toEqual({ status: 200, connection: 'close' });
    expect(await drained).toEqual({ forced: 0 });
  });

  it('closes an idle keep-alive connection after a short grace, not at the limit', async () => {
    const agent = new Agent({ keepAlive: true });
    const answered = new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
        .on('error', reject)
        .end(),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    waiting[0].end('done');
    expect(await answered).toBe(200);
    const started = Date.now();
    expect(await drainHttpServer(5000)).toEqual({ forced: 0 });
    expect(Date.now() - started).toBeLessThan(2500);
    agent.destroy();
  });

  it('closes what is still open at the limit', async () => {
    const stuck = get(port).catch((error: NodeJS.ErrnoException) => error.code);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    expect(await drainHttpServer(200)).toEqual({ forced: 1 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await stuck).toBe('ECONNRESET');
  });
});
