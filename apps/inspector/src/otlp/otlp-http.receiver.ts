import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { OtlpDecodeError, decodeOtlpTraces, otlpEncodingOf } from '@cruddur/telemetry-wire';
import { HttpError } from '../http/http-error';
import { closeServer, createJsonServer, listen, sendJson } from '../http/http-server';
import { readBody } from '../http/read-body';
import { ReasonCounter } from '../store/reason-counter';
import type { TelemetryStore } from '../store/telemetry-store';

/** The OTLP/HTTP traces path. */
export const OTLP_TRACES_PATH = '/v1/traces';

/** What the OTLP receiver took and refused since it started. */
export interface OtlpReceiverStats {
  exports: number;
  spans: number;
  /** Accepted exports by encoding, and how many of them came gzip-compressed. */
  protobuf: number;
  json: number;
  gzip: number;
  /** Refused requests by HTTP status. */
  rejected: Record<string, number>;
}

/**
 * OTLP/HTTP traces (`POST /v1/traces`, protobuf or JSON, optionally gzip), decoded with the
 * OpenTelemetry project's protobuf definitions (telemetry-wire) into the store. Only the body is
 * read: export headers (x-honeycomb-team, authorization) never reach the store.
 */
export class OtlpHttpReceiver {
  readonly stats: OtlpReceiverStats = {
    exports: 0,
    spans: 0,
    protobuf: 0,
    json: 0,
    gzip: 0,
    rejected: {},
  };
  /** Why exports were refused (status and the first words of the answer), for accounting. */
  readonly refusedReasons = new ReasonCounter();
  private readonly server: Server;

  constructor(
    private readonly store: TelemetryStore,
    private readonly maxBodyBytes: number,
  ) {
    this.server = createJsonServer(async (request, response) => {
      try {
        await this.handle(request, response);
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 500;
        this.stats.rejected[status] = (this.stats.rejected[status] ?? 0) + 1;
        this.refusedReasons.add(`${status}: ${reasonOf(error)}`);
        throw error;
      }
    }, 'OTLP receiver');
  }

  /** Listens; resolves with the bound port. */
  listen(port: number, host: string): Promise<number> {
    return listen(this.server, port, host);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== OTLP_TRACES_PATH) {
      throw new HttpError(404, `this port receives OTLP traces at POST ${OTLP_TRACES_PATH} only`);
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      throw new HttpError(405, `${OTLP_TRACES_PATH} takes POST, not ${request.method}`);
    }
    const encoding = otlpEncodingOf(request.headers['content-type']);
    if (!encoding) {
      throw new HttpError(
        415,
        `Content-Type must be application/x-protobuf or application/json, got ${JSON.stringify(request.headers['content-type'] ?? '')}`,
      );
    }
    const body = await readBody(request, this.maxBodyBytes);
    let spans;
    try {
      spans = decodeOtlpTraces(body, encoding);
    } catch (error) {
      // The decoder is pure: whatever it throws on (a bad id, a non-numeric time, a field of the
      // wrong type) is the body's fault.
      const reason = error instanceof OtlpDecodeError ? error.message : (error as Error).message;
      throw new HttpError(400, `not a valid OTLP ${encoding} trace export: ${reason}`);
    }
    this.store.ingestSpans(spans);
    this.stats.exports++;
    this.stats.spans += spans.length;
    this.stats[encoding]++;
    if (/gzip/i.test(request.headers['content-encoding'] ?? '')) this.stats.gzip++;
    // An empty ExportTraceServiceResponse: zero bytes in protobuf, {} in JSON.
    if (encoding === 'protobuf') {
      response.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 });
      response.end();
    } else {
      sendJson(response, 200, {});
    }
  }
}

/** A refusal's reason without the parts that differ every time (sizes, ids, offsets). */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/\b[0-9a-f]{16,}\b/gi, '…')
    .replace(/\d+/g, 'N')
    .slice(0, 120);
}
