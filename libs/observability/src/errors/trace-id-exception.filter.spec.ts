import { Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { ROOT_CONTEXT, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemoryTracing } from '@cruddur/testing';
import { lastValueFrom, isObservable } from 'rxjs';
import type { Observable } from 'rxjs';
import { TraceIdExceptionFilter } from './trace-id-exception.filter';

/** A fake HTTP response that records what the filter answered. */
function httpHost() {
  const answer: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    status(code: number) {
      answer.status = code;
      return { json: (body: unknown) => (answer.body = body) };
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({}) }),
  } as unknown as ArgumentsHost;
  return { host, answer };
}

const rpcHost = { getType: () => 'rpc' } as unknown as ArgumentsHost;

describe('TraceIdExceptionFilter', () => {
  let tracing: InMemoryTracing;
  const filter = new TraceIdExceptionFilter();

  beforeAll(() => {
    tracing = InMemoryTracing.install();
    Logger.overrideLogger(false);
  });
  afterEach(() => tracing.reset());
  afterAll(async () => {
    Logger.overrideLogger(true);
    await tracing.uninstall();
  });

  function inRequestSpan(run: () => void) {
    const span = trace.getTracer('spec').startSpan('GET /api/x');
    context.with(trace.setSpan(ROOT_CONTEXT, span), run);
    span.end();
    return span.spanContext().traceId;
  }

  it('answers an HttpException with its status, message and the trace id, leaving the span alone', () => {
    const { host, answer } = httpHost();
    const traceId = inRequestSpan(() => filter.catch(new NotFoundException('no such crud'), host));
    expect(answer).toEqual({
      status: 404,
      body: { statusCode: 404, message: 'no such crud', error: 'Not Found', traceId },
    });
    expect(tracing.span('GET /api/x').status.code).toBe(SpanStatusCode.UNSET);
  });

  it('answers an unexpected error with a bare 500 and records it on the span', () => {
    const { host, answer } = httpHost();
    const secretish = new Error('connect ECONNREFUSED 10.0.3.7:5432 password=hunter2');
    const traceId = inRequestSpan(() => filter.catch(secretish, host));
    expect(answer).toEqual({
      status: 500,
      body: { statusCode: 500, message: 'Internal server error', traceId },
    });
    const span = tracing.span('GET /api/x');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('keeps the extra fields a 5xx HttpException was built with, such as which services are down', () => {
    const { host, answer } = httpHost();
    inRequestSpan(() =>
      filter.catch(
        new ServiceUnavailableException({
          message: 'not answering: notifications',
          services: { notifications: 'down' },
        }),
        host,
      ),
    );
    expect(answer.body).toMatchObject({
      statusCode: 503,
      message: 'not answering: notifications',
      services: { notifications: 'down' },
    });
  });

  it("hands RPC errors to Nest's RPC filter, which serialises them for the caller", async () => {
    const result = filter.catch(new RpcException({ statusCode: 404, message: 'gone' }), rpcHost);
    expect(isObservable(result)).toBe(true);
    await expect(lastValueFrom(result as Observable<unknown>)).rejects.toEqual({
      statusCode: 404,
      message: 'gone',
    });
  });
});
