import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import type { Response } from 'express';

/** What the browser is told at /runtime-config.js (the page's RuntimeConfig; nothing secret). */
export interface BrowserRuntimeConfig {
  gatewayUrl: string;
  serviceName: string;
  userHandle: string;
  /** Omitted: the gateway's relay. Empty: no export. */
  tracesUrl?: string;
}

/** Where and what the front-end server serves. */
export interface FrontendServerOptions {
  /** The built front end (dist/apps/frontend/public): index.html and assets/. */
  root: string;
  /** 0 picks a free port. */
  port: number;
  /** @default 0.0.0.0 */
  host?: string;
  runtimeConfig: BrowserRuntimeConfig;
}

/** A listening front-end server. */
export interface RunningFrontendServer {
  port: number;
  /** http://<host>:<port> as the server was asked to listen (127.0.0.1 for 0.0.0.0). */
  url: string;
  server: Server;
  close(): Promise<void>;
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Serves the built front end in production: the hashed assets with a year's caching, index.html
 * for every page path (the app routes in the browser), and /runtime-config.js written from the
 * server's configuration, so one build runs against any gateway. A Content-Security-Policy limits
 * the page to its own scripts and to talking to the gateway and the traces URL.
 */
export async function startFrontendServer(
  options: FrontendServerOptions,
): Promise<RunningFrontendServer> {
  const indexHtml = join(options.root, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(`no built front end at ${options.root}: run \`npx nx build frontend\` first`);
  }
  const runtimeConfigScript =
    '// Written by the front-end server from its environment.\n' +
    `window.CRUDDUR_CONFIG = ${JSON.stringify(options.runtimeConfig).replace(/</g, '\\u003c')};\n`;
  const csp = contentSecurityPolicy(options.runtimeConfig);

  const app = express();
  app.disable('x-powered-by');
  app.use((_request, response, next) => {
    response.setHeader('content-security-policy', csp);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
    next();
  });
  app.get('/runtime-config.js', (_request, response) => {
    response
      .type('application/javascript')
      .setHeader('cache-control', 'no-store')
      .send(runtimeConfigScript);
  });
  app.use(
    express.static(options.root, {
      index: false,
      setHeaders: (response: Response, path: string) => {
        response.setHeader(
          'cache-control',
          path.includes(`${join(options.root, 'assets')}`)
            ? `public, max-age=${YEAR_SECONDS}, immutable`
            : 'no-cache',
        );
      },
    }),
  );
  // Any other GET of a page path is the app; a missing file with an extension is a plain 404.
  app.use((request, response) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && !/\.\w+$/.test(request.path)) {
      response.setHeader('cache-control', 'no-cache');
      response.sendFile(indexHtml);
      return;
    }
    response.status(404).type('text/plain').send('Not found');
  });

  const host = options.host ?? '0.0.0.0';
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function contentSecurityPolicy(config: BrowserRuntimeConfig): string {
  const origins = new Set([new URL(config.gatewayUrl).origin]);
  if (config.tracesUrl) origins.add(new URL(config.tracesUrl).origin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${[...origins].join(' ')}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
