import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Download } from '../api/inspector-api';
import type { InspectorApi } from '../api/inspector-api';
import { HttpError } from '../http/http-error';
import { closeServer, createJsonServer, listen, sendJson } from '../http/http-server';
import type { InspectorEndpoint } from './inspector-endpoint';

/** The UI's static files, beside this module in src/ and copied beside it into dist/. */
const ASSETS_DIR = join(__dirname, '..', 'ui', 'assets');

/** Pages and icons at fixed paths; browsers ask for /favicon.ico whatever the page links. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/favicon.ico': { file: 'favicon.svg', type: 'image/svg+xml' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

/** The UI's ES modules and styles: /assets/<dir>/<name>.js|css|svg, nothing else (no `..`). */
const ASSET_PATH = /^\/assets\/((?:[a-z0-9-]+\/)*[a-z0-9-]+\.(js|css|svg))$/;
const ASSET_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** The file and content type of a UI path, or undefined. */
export function staticFileOf(pathname: string): { file: string; type: string } | undefined {
  const fixed = STATIC_FILES[pathname];
  if (fixed) return fixed;
  const asset = ASSET_PATH.exec(pathname);
  return asset ? { file: asset[1], type: ASSET_TYPES[asset[2]] } : undefined;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The inspector's HTTP port: the plugged-in client APIs (CloudWatch Logs, Rollbar) first, then the
 * JSON API under /api and the single-page UI. Telemetry can carry user data, so when bound to
 * loopback the UI and API only answer requests addressed to a loopback name (no DNS rebinding).
 */
export class InspectorUiServer {
  private readonly server: Server;
  private readonly assetCache = new Map<string, Buffer>();

  constructor(
    private readonly api: InspectorApi,
    private readonly endpoints: readonly InspectorEndpoint[],
    private readonly bindHost: string,
  ) {
    this.server = createJsonServer((request, response) => this.handle(request, response), 'UI');
  }

  listen(port: number): Promise<number> {
    return listen(this.server, port, this.bindHost);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://inspector');
    for (const endpoint of this.endpoints) {
      if (endpoint.matches(request, url.pathname)) return endpoint.handle(request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      throw new HttpError(405, `${request.method} ${url.pathname} is not an API of the inspector`);
    }
    this.checkHost(request);
    if (url.pathname.startsWith('/api/')) {
      const answer = this.api.get(url.pathname, url.searchParams);
      if (answer instanceof Download) {
        const text = JSON.stringify(answer.body, null, 2);
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${answer.filename}"`,
          'content-length': Buffer.byteLength(text),
          'cache-control': 'no-store',
        });
        response.end(request.method === 'HEAD' ? undefined : text);
        return;
      }
      sendJson(response, 200, answer);
      return;
    }
    const asset = staticFileOf(url.pathname);
    if (!asset) throw new HttpError(404, `nothing at ${url.pathname}`);
    const body = await this.asset(asset.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new HttpError(404, `nothing at ${url.pathname}`);
      throw error;
    });
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': asset.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  private checkHost(request: IncomingMessage): void {
    if (!isLoopback(this.bindHost)) return;
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!LOOPBACK_NAMES.has(host)) {
      throw new HttpError(421, `the inspector answers to localhost / 127.0.0.1 only, not ${host}`);
    }
  }

  private async asset(file: string): Promise<Buffer> {
    let body = this.assetCache.get(file);
    if (!body) {
      body = await readFile(join(ASSETS_DIR, file));
      this.assetCache.set(file, body);
    }
    return body;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
