import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { OtlpDecodeError, decodeOtlpTraces, otlpEncodingOf } from '@cruddur/telemetry-wire';
import type { DecodedSpan, OtlpEncoding } from '@cruddur/telemetry-wire';
import { waitFor } from '../processes/wait-for';

const gunzipAsync = promisify(gunzip);

/** One export request as it arrived. */
export interface ReceivedExport {
  encoding: OtlpEncoding;
  headers: IncomingHttpHeaders;
  spans: DecodedSpan[];
}

/** How the receiver answers, to play a healthy, failing or slow backend. */
export interface OtlpReceiverBehaviour {
  /** @default 200 */
  status?: number;
  /** Wait this long before answering. @default 0 */
  delayMs?: number;
}

/**
 * An OTLP/HTTP trace endpoint on 127.0.0.1 for tests: it decodes what the real exporters send
 * (protobuf or JSON, gzip or not) with the telemetry-wire decoder and keeps every span.
 */
export class OtlpReceiver {
  readonly exports: ReceivedExport[] = [];
  behaviour: OtlpReceiverBehaviour = {};

  private readonly server: Server;
  private listeningPort = 0;

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void this.handle(Buffer.concat(chunks), request.headers).then(([status, body]) => {
          response.writeHead(status, { 'content-type': 'application/json' }).end(body);
        });
      });
    });
  }

  static async start(port = 0): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(port, '127.0.0.1', resolve));
    const address = receiver.server.address();
    receiver.listeningPort = typeof address === 'object' && address ? address.port : port;
    return receiver;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** http://127.0.0.1:<port>, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get spans(): DecodedSpan[] {
    return this.exports.flatMap((received) => received.spans);
  }

  spansOfTrace(traceId: string): DecodedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  /** Resolves with the spans once `predicate` holds for them. */
  waitForSpans(
    predicate: (spans: DecodedSpan[]) => boolean,
    timeoutMs = 15_000,
  ): Promise<DecodedSpan[]> {
    return waitFor(() => (predicate(this.spans) ? this.spans : undefined), {
      timeoutMs,
      what: 'spans at the OTLP receiver',
    });
  }

  /** Forgets what was received. */
  clear(): void {
    this.exports.length = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(body: Buffer, headers: IncomingHttpHeaders): Promise<[number, string]> {
    const encoding = otlpEncodingOf(headers['content-type']);
    if (!encoding) return [415, '{"error":"unsupported content type"}'];
    try {
      const raw = headers['content-encoding'] === 'gzip' ? await gunzipAsync(body) : body;
      const spans = decodeOtlpTraces(raw, encoding);
      if (this.behaviour.delayMs) await new Promise((r) => setTimeout(r, this.behaviour.delayMs));
      const status = this.behaviour.status ?? 200;
      if (status === 200) this.exports.push({ encoding, headers, spans });
      return [status, '{}'];
    } catch (error) {
      if (error instanceof OtlpDecodeError) return [400, JSON.stringify({ error: error.message })];
      throw error;
    }
  }
}
