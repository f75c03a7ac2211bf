import { Logger } from '@nestjs/common';
import { OutageReporter, describeError } from '@cruddur/observability/operations';
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
  private readonly outage: OutageReporter;

  constructor(private readonly target: RelayForwardTarget) {
    const logger = new Logger('TelemetryRelay');
    const url = new URL(target.url);
    const destination = `${url.origin}${url.pathname}`; // never user:password@
    this.outage = new OutageReporter({
      down: ({ reason }) =>
        logger.warn(
          `forwarding browser spans to ${destination} failed (${reason}); ` +
            'browsers are told to retry - the API is not affected',
        ),
      up: () => logger.log(`forwarding browser spans to ${destination} works again`),
    });
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
      this.outage.failed(describeError(error, 'code'));
      return { delivered: false, retryable: true };
    }
    if (response.ok) {
      this.outage.succeeded();
      return { delivered: true };
    }
    this.outage.failed(`HTTP ${response.status}`);
    const retryable = [429, 502, 503, 504].includes(response.status);
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      delivered: false,
      retryable,
      ...(retryable && retryAfter > 0 ? { retryAfterSeconds: Math.ceil(retryAfter) } : {}),
    };
  }
}
