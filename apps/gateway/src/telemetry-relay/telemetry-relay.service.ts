import {
  BadGatewayException,
  BadRequestException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import { OtlpDecodeError, decodeOtlpTraces, otlpEncodingOf } from '@cruddur/telemetry-wire';
import { OtlpForwarder } from './otlp-forwarder';
import { TELEMETRY_RELAY_CONFIG } from './telemetry-relay.constants';
import type { TelemetryRelayConfig } from './telemetry-relay.config';
import { TokenBucketLimiter } from './token-bucket.limiter';

/**
 * Takes OTLP/HTTP trace exports from browsers and passes the valid ones to the trace backend with
 * the gateway's own credentials. Everything cheap is checked before the body is read (rate per
 * client and in total, content type, declared size, forwards in flight); the body is read up to
 * the size limit and must decode as an OTLP trace export - anything else is refused with a 4xx
 * that says why and is never forwarded. Refusals are cheap, so a flood cannot starve the API that
 * shares this process.
 */
@Injectable()
export class TelemetryRelayService {
  private readonly perClient: TokenBucketLimiter;
  private readonly total: TokenBucketLimiter;
  private inFlight = 0;

  constructor(
    @Inject(TELEMETRY_RELAY_CONFIG) private readonly config: TelemetryRelayConfig,
    @Inject(OtlpForwarder) private readonly forwarder: OtlpForwarder,
  ) {
    this.perClient = new TokenBucketLimiter(config.clientBurst, config.clientPerMinute);
    this.total = new TokenBucketLimiter(
      Math.max(config.clientBurst, Math.ceil(config.totalPerMinute / 6)),
      config.totalPerMinute,
    );
  }

  /** Answers one export request (200 with an empty OTLP response), or throws an HttpException. */
  async relay(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.config.enabled) throw new NotFoundException('the telemetry relay is disabled');
    this.limitRate(request, response);

    const contentType = request.headers['content-type'];
    const encoding = otlpEncodingOf(contentType);
    if (!encoding) {
      throw new UnsupportedMediaTypeException(
        'telemetry must be an OTLP/HTTP trace export: content-type application/json or application/x-protobuf',
      );
    }
    const contentEncoding = request.headers['content-encoding'];
    if (contentEncoding && contentEncoding.toLowerCase() !== 'identity') {
      throw new UnsupportedMediaTypeException(
        `content-encoding ${contentEncoding} is not accepted: send the export uncompressed`,
      );
    }
    const declared = Number(request.headers['content-length']);
    if (declared > this.config.maxBodyBytes) throw this.tooLarge(response);
    if (this.inFlight >= this.config.maxInFlight) {
      response.setHeader('retry-after', '1');
      throw new ServiceUnavailableException('the telemetry relay is busy; retry shortly');
    }

    const body = await this.readBody(request, response);
    let spanCount: number;
    try {
      spanCount = decodeOtlpTraces(body, encoding).length;
    } catch (error) {
      if (error instanceof OtlpDecodeError) {
        throw new BadRequestException(`not an OTLP trace export: ${error.message}`);
      }
      throw error;
    }
    // Valid OTLP may be empty, but no exporter sends that: a body that decodes to nothing (`{}`,
    // or bytes that happen to parse as a message of unknown fields) is not a trace export.
    if (spanCount === 0) throw new BadRequestException('not an OTLP trace export: no spans in it');
    await this.forward(body, contentType!, response);

    // An empty ExportTraceServiceResponse in the request's own encoding means full success.
    response.statusCode = HttpStatus.OK;
    response.setHeader(
      'content-type',
      encoding === 'json' ? 'application/json' : 'application/x-protobuf',
    );
    response.end(encoding === 'json' ? '{}' : '');
  }

  private limitRate(request: IncomingMessage, response: ServerResponse): void {
    const client = request.socket.remoteAddress ?? 'unknown';
    const clientWait = this.perClient.take(client);
    const wait = clientWait || this.total.take('*');
    if (wait === 0) return;
    response.setHeader('retry-after', String(Math.ceil(wait / 1000)));
    throw new HttpException(
      clientWait
        ? 'too many telemetry exports from this client; retry later'
        : 'the telemetry relay is at capacity; retry later',
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private async readBody(request: IncomingMessage, response: ServerResponse): Promise<Buffer> {
    try {
      return await getRawBody(request, {
        limit: this.config.maxBodyBytes,
        length: request.headers['content-length'],
      });
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (type === 'entity.too.large') throw this.tooLarge(response);
      throw new BadRequestException(
        type === 'request.size.invalid'
          ? 'the body is not as long as content-length says'
          : 'the export body could not be read',
      );
    }
  }

  private async forward(body: Buffer, contentType: string, response: ServerResponse) {
    this.inFlight++;
    try {
      const outcome = await this.forwarder.forward(body, contentType);
      if (outcome.delivered) return;
      if (outcome.retryable) {
        response.setHeader('retry-after', String(outcome.retryAfterSeconds ?? 5));
        throw new ServiceUnavailableException('the trace backend is unavailable; retry later');
      }
      throw new BadGatewayException('the trace backend refused the export');
    } finally {
      this.inFlight--;
    }
  }

  private tooLarge(response: ServerResponse): HttpException {
    // The rest of the body is not worth reading: end the connection with the answer.
    response.setHeader('connection', 'close');
    return new PayloadTooLargeException(
      `a telemetry export may be at most ${this.config.maxBodyBytes} bytes`,
    );
  }
}
