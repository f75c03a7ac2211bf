import { BadRequestException, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { RpcException, TcpContext } from '@nestjs/microservices';
import { SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { firstValueFrom, isObservable } from 'rxjs';
import type { Observable } from 'rxjs';
import { Test } from '@nestjs/testing';
import { RollbarReceiver } from '@cruddur/testing';
import { ErrorReplyWriter } from './error-reply.writer';
import { markReportedBy } from './reported-by';
import { RollbarExceptionFilter } from './rollbar-exception.filter';
import { RollbarReporter } from './rollbar-reporter';
import { readRollbarSettings } from './rollbar-settings';

const TOKEN = 'filter-spec-token';

/** A response double that records what the filter answered. */
class RecordedResponse {
  statusCode?: number;
  body?: unknown;
  headersSent = false;
  status(code: number) {
    this.statusCode = code;
    return { json: (body: unknown) => (this.body = body) };
  }
}

/** Nest's ArgumentsHost for an HTTP request, as its own filter specs build it. */
function httpHost(request: Record<string, unknown>, response: RecordedResponse): ArgumentsHost {
  return {
    getType: () => 'http',
    getArgs: () => [request, response],
    getArgByIndex: (index: number) => [request, response][index],
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => response,
      getNext: () => undefined,
    }),
    switchToRpc: () => {
      throw new Error('not rpc');
    },
    switchToWs: () => {
      throw new Error('not ws');
    },
  } as unknown as ArgumentsHost;
}

/** Nest's ArgumentsHost for a TCP message. */
function rpcHost(pattern: string): ArgumentsHost {
  const tcpContext = new TcpContext([{} as never, pattern]);
  return {
    getType: () => 'rpc',
    getArgs: () => [{}, tcpContext],
    getArgByIndex: (index: number) => [{}, tcpContext][index],
    switchToRpc: () => ({ getData: () => ({}), getContext: () => tcpContext }),
    switchToHttp: () => {
      throw new Error('not http');
    },
    switchToWs: () => {
      throw new Error('not ws');
    },
  } as unknown as ArgumentsHost;
}

describe('RollbarExceptionFilter', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: exporter })],
  });
  const tracer = provider.getTracer('spec');
  let receiver: RollbarReceiver;
  let reporter: RollbarReporter;
  let filter: RollbarExceptionFilter;
  const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    // The filters log unexpected errors through Nest's logger; these ones are expected here.
    Logger.overrideLogger(false);
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CBaggagePropagator());
    receiver = await RollbarReceiver.start({ acceptToken: (token) => token === TOKEN });
    reporter = new RollbarReporter(
      'spec-service',
      readRollbarSettings({
        ROLLBAR_ACCESS_TOKEN: TOKEN,
        ROLLBAR_ENDPOINT: receiver.endpoint,
        NODE_ENV: 'test',
      }),
      silent,
    );
    filter = new RollbarExceptionFilter(reporter);
  });

  afterAll(async () => {
    await receiver.close();
    context.disable();
    propagation.disable();
  });

  beforeEach(() => {
    exporter.reset();
    receiver.clear();
  });

  /** Runs `catchIt` inside an active span, then waits until every item was answered. */
  async function inSpan<T>(catchIt: (span: Span) => T): Promise<{ result: T; span: Span }> {
    const { result, span } = tracer.startActiveSpan('handler', (active) => {
      const value = catchIt(active);
      active.end();
      return { result: value, span: active };
    });
    expect(await reporter.flush(5000)).toBe(true);
    return { result, span };
  }

  const request = {
    method: 'GET',
    originalUrl: '/api/activities/42?page=2&token=query-secret',
    route: { path: '/api/activities/:id' },
    headers: {
      host: 'gateway.internal:4567',
      authorization: 'Bearer header-secret',
      cookie: 'session=cookie-secret',
      'x-cruddur-user-handle': 'andrewbrown',
    },
  };

  describe('in an HTTP request', () => {
    it('reports an unhandled error with request, route, user, trace and span, and answers 500', async () => {
      const response = new RecordedResponse();
      const { span } = await inSpan(() =>
        filter.catch(new TypeError('cannot read x of undefined'), httpHost(request, response)),
      );

      expect(response.statusCode).toBe(500);
      expect(response.body).toEqual({
        statusCode: 500,
        message: 'Internal server error',
        traceId: span.spanContext().traceId,
      });
      expect(receiver.items).toHaveLength(1);
      const { data, raw } = receiver.items[0];
      expect(data).toMatchObject({
        environment: 'test',
        level: 'error',
        context: '/api/activities/:id',
        person: { id: 'andrewbrown' },
        request: { method: 'GET' },
        custom: {
          service: 'spec-service',
          trace_id: span.spanContext().traceId,
          span_id: span.spanContext().spanId,
          user_id: 'andrewbrown',
        },
        body: {
          trace_chain: [
            { exception: { class: 'TypeError', message: 'cannot read x of undefined' } },
          ],
        },
      });
      expect(data.request?.url).toContain('/api/activities/42?page=2');
      expect(data.request?.headers).toMatchObject({
        authorization: expect.stringMatching(/^\*+$/),
        cookie: expect.stringMatching(/^\*+$/),
      });
      for (const secret of ['header-secret', 'cookie-secret', 'query-secret', TOKEN]) {
        expect(raw).not.toContain(secret);
      }
      // Kept under custom only, not copied to the top of the item.
      expect(data.trace_id).toBeUndefined();

      const [ended] = exporter.getFinishedSpans();
      expect(ended.status).toEqual({
        code: SpanStatusCode.ERROR,
        message: 'cannot read x of undefined',
      });
      expect(ended.events.map((event) => event.attributes?.['exception.type'])).toEqual([
        'TypeError',
      ]);
    });

    it('reports a 5xx HttpException and answers with its status', async () => {
      const response = new RecordedResponse();
      await inSpan(() =>
        filter.catch(
          new HttpException('home-activities is unavailable', HttpStatus.SERVICE_UNAVAILABLE),
          httpHost(request, response),
        ),
      );
      expect(response.statusCode).toBe(503);
      expect(receiver.items.map((item) => item.data.body.trace_chain?.[0].exception)).toEqual([
        { class: 'HttpException', message: 'home-activities is unavailable' },
      ]);
    });

    it.each([
      ['a 400', new BadRequestException('userHandle must be a handle'), 400],
      ['a 404', new HttpException('Not Found', 404), 404],
    ])('leaves %s alone: no item, span not failed', async (_what, exception, status) => {
      const response = new RecordedResponse();
      await inSpan(() => filter.catch(exception, httpHost(request, response)));
      expect(response.statusCode).toBe(status);
      expect(receiver.requests).toEqual([]);
      expect(exporter.getFinishedSpans()[0].status.code).toBe(SpanStatusCode.UNSET);
    });

    it('does not report a 502 that stands for an error the downstream reported', async () => {
      const response = new RecordedResponse();
      const exception = markReportedBy(
        new HttpException('notifications failed to handle the request', HttpStatus.BAD_GATEWAY),
        'notifications',
      );
      await inSpan(() => filter.catch(exception, httpHost(request, response)));
      expect(response.statusCode).toBe(502);
      expect(response.body).toMatchObject({ statusCode: 502 });
      expect(JSON.stringify(response.body)).not.toContain('notifications"');
      expect(receiver.requests).toEqual([]);
      // The request still failed: its span says so.
      expect(exporter.getFinishedSpans()[0].status.code).toBe(SpanStatusCode.ERROR);
    });
  });

  describe('in a microservice handler', () => {
    const caught = (result: void | Observable<unknown>) => {
      if (!isObservable(result)) throw new Error('an RPC filter must return an Observable');
      return firstValueFrom(result).then(
        () => {
          throw new Error('expected an error reply');
        },
        (reply: unknown) => reply,
      );
    };

    it('reports a failed handler with its message pattern and replies without internals', async () => {
      const baggage = propagation.createBaggage({ 'app.user_id': { value: 'andrewbrown' } });
      const { result, span } = await inSpan(() =>
        context.with(propagation.setBaggage(context.active(), baggage), () =>
          filter.catch(
            new Error('database password=hunter2 rejected'),
            rpcHost('notifications.list'),
          ),
        ),
      );
      expect(await caught(result)).toEqual({ status: 'error', message: 'Internal server error' });
      expect(receiver.items).toHaveLength(1);
      const { data, raw } = receiver.items[0];
      expect(data).toMatchObject({
        context: 'notifications.list',
        person: { id: 'andrewbrown' },
        custom: {
          service: 'spec-service',
          message_pattern: 'notifications.list',
          trace_id: span.spanContext().traceId,
          span_id: span.spanContext().spanId,
        },
      });
      expect(data.request).toBeUndefined();
      expect(raw).not.toContain('hunter2');
      const [ended] = exporter.getFinishedSpans();
      expect(ended.status.code).toBe(SpanStatusCode.ERROR);
      expect(ended.events[0].attributes?.['exception.type']).toBe('Error');
    });

    it('replies to a validation failure with its status and reports nothing', async () => {
      const { result } = await inSpan(() =>
        filter.catch(
          new BadRequestException('userHandle must be a handle'),
          rpcHost('notifications.list'),
        ),
      );
      expect(await caught(result)).toEqual({
        status: 'error',
        statusCode: 400,
        message: 'userHandle must be a handle',
      });
      expect(receiver.requests).toEqual([]);
      expect(exporter.getFinishedSpans()[0].status.code).toBe(SpanStatusCode.UNSET);
    });

    it('passes a deliberate RpcException on unreported, and reports one with a 5xx status', async () => {
      const { result } = await inSpan(() =>
        filter.catch(new RpcException({ status: 'error', message: 'no such feed' }), rpcHost('x')),
      );
      expect(await caught(result)).toEqual({ status: 'error', message: 'no such feed' });
      expect(receiver.requests).toEqual([]);

      await inSpan(() =>
        filter.catch(new RpcException({ statusCode: 500, message: 'store down' }), rpcHost('x')),
      );
      expect(receiver.items).toHaveLength(1);
    });
  });

  it('reports an error outside any span, without trace and span ids', async () => {
    const response = new RecordedResponse();
    filter.catch(new Error('outside any span'), httpHost(request, response));
    expect(await reporter.flush(5000)).toBe(true);
    expect(receiver.items).toHaveLength(1);
    expect(receiver.items[0].data.custom).not.toHaveProperty('trace_id');
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  describe('composed of a reporter and a reply writer', () => {
    /** A different answer format: the report must not notice. */
    class TerseReplyWriter extends ErrorReplyWriter {
      override reply(_exception: unknown, host: ArgumentsHost): void {
        host.switchToHttp().getResponse<RecordedResponse>().status(503).json({ terse: true });
      }
    }

    it('takes both from Nest, and a different writer changes the answer, not the report', async () => {
      const moduleRef = await Test.createTestingModule({
        providers: [
          { provide: RollbarReporter, useValue: reporter },
          { provide: ErrorReplyWriter, useClass: TerseReplyWriter },
          RollbarExceptionFilter,
        ],
      }).compile();
      const composed = moduleRef.get(RollbarExceptionFilter);
      const response = new RecordedResponse();
      const { span } = await inSpan(() =>
        composed.catch(new Error('store down'), httpHost(request, response)),
      );
      expect(response.statusCode).toBe(503);
      expect(response.body).toEqual({ terse: true });
      expect(receiver.items).toHaveLength(1);
      expect(receiver.items[0].data.custom).toMatchObject({
        trace_id: span.spanContext().traceId,
      });
      expect(exporter.getFinishedSpans()[0].status.code).toBe(SpanStatusCode.ERROR);
      await moduleRef.close();
    });
  });
});
