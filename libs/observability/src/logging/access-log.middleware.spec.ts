import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { AccessLogMiddleware } from './access-log.middleware';
import { ServiceLogging } from './service-logging';

const provider = new TracerProvider();

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});

afterAll(() => context.disable());

async function middleware() {
  const stdout = Object.assign(new PassThrough(), { isTTY: false });
  const lines: Array<Record<string, unknown>> = [];
  stdout.on('data', (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
  );
  const logging = await ServiceLogging.create({ serviceName: 'gateway', env: {}, stdout });
  return { access: new AccessLogMiddleware(logging), lines };
}

function exchange(url: string) {
  const request = Object.assign(new EventEmitter(), {
    method: 'GET',
    url,
    originalUrl: url,
    socket: { remoteAddress: '10.0.0.7' },
  }) as unknown as IncomingMessage;
  const response = Object.assign(new EventEmitter(), {
    statusCode: 200,
    writableFinished: false,
  }) as unknown as ServerResponse & EventEmitter;
  return { request, response };
}

describe('AccessLogMiddleware', () => {
  it('logs the journals` after_request fields once the response is finished, in the request`s trace', async () => {
    const { access, lines } = await middleware();
    const { request, response } = exchange('/api/activities/home?page=2');
    const span = provider.getTracer('test').startSpan('GET');
    const next = jest.fn();
    context.with(trace.setSpan(context.active(), span), () => access.use(request, response, next));
    expect(next).toHaveBeenCalledTimes(1);
    expect(lines).toHaveLength(0);

    Object.assign(response, { statusCode: 404, writableFinished: true });
    response.emit('finish'); // outside the request's context, as Node emits it
    response.emit('close');
    expect(lines).toEqual([
      expect.objectContaining({
        context: 'AccessLog',
        message: expect.stringMatching(
          /^10\.0\.0\.7 GET http \/api\/activities\/home\?page=2 404 [\d.]+ ms$/,
        ),
        remote_address: '10.0.0.7',
        method: 'GET',
        scheme: 'http',
        path: '/api/activities/home?page=2',
        status: 404,
        duration_ms: expect.any(Number),
        trace_id: span.spanContext().traceId,
      }),
    ]);
  });

  it('logs 499 when the client goes away before the response is finished', async () => {
    const { access, lines } = await middleware();
    const { request, response } = exchange('/api/activities/notifications');
    access.use(request, response, () => undefined);
    response.emit('close');
    expect(lines).toEqual([expect.objectContaining({ status: 499 })]);
  });
});
