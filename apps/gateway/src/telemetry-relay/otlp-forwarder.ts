import { Logger } from '@nestjs/common';
import type { RelayForwardTarget } from './telemetry-relay.config';

/** What became of a forwarded export. */
export type ForwardOutcome =
  { delivered: true } | { delivered: false; retryable: boolean; retryAfterSeconds?: number };

/**
 * Posts validated OTLP bodies to the gateway's own trace backend, with its headers (the write key)
 * added here on the server. It uses `fetch`, which the HTTP instrumentation does not trace, so the
 * relay's forwards produce no spans of their own. A backend outage is logged once when it starts
 * and once when it ends, never with the headers.
 */
export class OtlpForwarder {
  private readonly logger = new Logger('TelemetryRelay');
  private readonly destination: string;
  private failing = false;

  constructor(private readonly target: RelayForwardTarget) {
    const url = new URL(target.url);
    this.destination = `${url.origin}${url.pathname}`; // never user:password@
  }

  async forward(body: Buffer, contentType: string): Promise<ForwardOutcome> {
    let response: Response;
    try {
      response = await fetch(this.target.url, {
        method: 'POST',
        headers: { ...this.target.headers, 'content-type': contentType },
        body,
        signal: AbortSignal.timeout(this.target.timeoutMs),
      });
      await response.arrayBuffer(); // drain, so the connection can be reused
    } catch (error) {
      this.reportFailure(describe(error));
      return { delivered: false, retryable: true };
    }
    if (response.ok) {
      this.reportRecovery();
      return { delivered: true };
    }
    this.reportFailure(`HTTP ${response.status}`);
    const retryable = [429, 502, 503, 504].includes(response.status);
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      delivered: false,
      retryable,
      ...(retryable && retryAfter > 0 ? { retryAfterSeconds: Math.ceil(retryAfter) } : {}),
    };
  }

  private reportFailure(reason: string): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(
      `forwarding browser spans to ${this.destination} failed (${reason}); ` +
        'browsers are told to retry - the API is not affected',
    );
  }

  private reportRecovery(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log(`forwarding browser spans to ${this.destination} works again`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
