import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An API the inspector serves on its UI port for a telemetry client: the CloudWatch Logs JSON API
 * (`POST /` with `X-Amz-Target: Logs_20140328.*`) and the Rollbar item API (`POST /api/1/item/`)
 * plug in here. Endpoints are asked in order before the inspector's own routes.
 *
 * An implementation reads the body with `readBody(request, maxBodyBytes)` (http/read-body.ts: size
 * limit and gzip handled, 413/415 thrown), answers with `sendJson` or its protocol's own format,
 * and hands what it accepted to the store (`ingestLogEvents`, `ingestRollbarItem`). Throwing an
 * `HttpError` answers `{error}` with its status; anything else is a logged 500, never a crash.
 */
export interface InspectorEndpoint {
  /** For /api/stats and messages, e.g. "CloudWatch Logs". */
  readonly name: string;
  /** Whether this endpoint answers the request; decided on method, path and headers only. */
  matches(request: IncomingMessage, path: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Counters shown under its name in /api/stats. */
  stats?(): Record<string, unknown>;
  /** What it refused, by reason, for telemetry accounting (/api/accounting). */
  refused?(): { signal: string; reasons: Array<{ reason: string; count: number }> };
}
