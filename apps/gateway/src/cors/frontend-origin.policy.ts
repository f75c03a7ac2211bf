import { Logger } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/** The names of this machine a browser may use for a page served on loopback. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '0.0.0.0'];

/** How many refused origins are remembered (each is logged once); beyond it, no more lines. */
const MAX_LOGGED_ORIGINS = 100;

/**
 * Which browser origins the gateway's CORS accepts: FRONTEND_URL's origin and, when that is on
 * this machine (localhost, 127.0.0.1, [::1] or 0.0.0.0), the same scheme and port under any of
 * those names - the page at http://127.0.0.1:3000 is the same front end as at
 * http://localhost:3000, and the browser sends whichever the user typed. A refused origin is
 * logged once as a CORS refusal, with the variable that fixes it.
 */
export class FrontendOriginPolicy {
  private readonly allowed: Set<string>;
  private readonly logged = new Set<string>();
  private readonly logger = new Logger('Cors');

  /** @param frontendUrl FRONTEND_URL, an absolute http(s) URL (checked by readGatewayConfig). */
  constructor(private readonly frontendUrl: string) {
    const url = new URL(frontendUrl);
    this.allowed = new Set([url.origin]);
    if (LOOPBACK_HOSTS.includes(url.hostname)) {
      for (const host of LOOPBACK_HOSTS) {
        this.allowed.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
      }
    }
  }

  /** The accepted origins, for messages and specs. */
  get origins(): string[] {
    return [...this.allowed];
  }

  /** True for an accepted origin, and for a request with none (not from a browser page). */
  allows(origin: string | undefined): boolean {
    return origin === undefined || this.allowed.has(origin);
  }

  /** The `origin` option of Nest's `enableCors`: accepts or refuses (and logs) each request. */
  readonly corsOrigin: NonNullable<CorsOptions['origin']> = (
    origin: string | undefined,
    callback: (error: Error | null, allow?: boolean) => void,
  ) => {
    const allow = this.allows(origin);
    if (!allow && origin !== undefined) this.logRefusal(origin);
    callback(null, allow);
  };

  private logRefusal(origin: string): void {
    if (this.logged.has(origin) || this.logged.size >= MAX_LOGGED_ORIGINS) return;
    this.logged.add(origin);
    this.logger.warn(
      `CORS refused a browser request from origin ${JSON.stringify(origin)}: the gateway accepts ` +
        `the front end at ${this.frontendUrl}${this.allowed.size > 1 ? ' (under any loopback name)' : ''}. ` +
        'Set FRONTEND_URL to the origin the page is served from.',
    );
  }
}
