import { Controller, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientTCP,
  EventPattern,
  MessagePattern,
  Payload,
  RpcException,
} from '@nestjs/microservices';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import { InMemoryTracing, freePort, waitFor } from '@cruddur/testing';
import { firstValueFrom, lastValueFrom, timeout } from 'rxjs';
import { BaggageAttributesSpanProcessor } from '../tracing/baggage-attributes.span-processor';
import { TracingClientTcp } from './tracing-client-tcp';
import { TracingServerTcp } from './tracing-server-tcp';

const events: string[] = [];

@Controller()
class SpecController {
  @MessagePattern('echo')
  echo(@Payload() data: { word: string }) {
    trace.getTracer('spec').startSpan('inside-handler').end();
    return { echoed: data.word };
  }

  @MessagePattern('fail')
  fail(): never {
    throw new RpcException({ statusCode: 404, message: 'no such activity' });
  }

  @MessagePattern('never')
  never(): Promise<never> {
    return new Promise(() => undefined);
  }

  @EventPattern('happened')
  happened(@Payload() data: { what: string }) {
    events.push(data.what);
  }
}

@Module({ controllers: [SpecController] })
class SpecModule {}

describe('TracingClientTcp and TracingServerTcp', () => {
  let tracing: InMemoryTracing;
  let app: INestMicroservice;
  let client: TracingClientTcp;
  let port: number;

  beforeAll(async () => {
    tracing = InMemoryTracing.install([new BaggageAttributesSpanProcessor(['app.user_id'])]);
    port = await freePort();
    app = await NestFactory.createMicroservice(SpecModule, {
      strategy: new TracingServerTcp({ serviceName: 'spec-service', host: '127.0.0.1', port }),
      logger: false,
    });
    await app.listen();
    client = new TracingClientTcp({ serviceName: 'spec-service', host: '127.0.0.1', port });
  });

  afterEach(() => tracing.reset());

  afterAll(async () => {
    await client.close();
    await app.close();
    await tracing.uninstall();
  });

  /** Runs `call` inside a root span carrying user baggage, as the gateway's request would. */
  function asCaller<T>(call: () => Promise<T>): Promise<T> {
    const root = trace.getTracer('spec').startSpan('caller');
    const baggage = propagation.createBaggage({ 'app.user_id': { value: 'worf' } });
    const active = propagation.setBaggage(trace.setSpan(ROOT_CONTEXT, root), baggage);
    return context.with(active, call).finally(() => root.end());
  }

  it('links caller → CLIENT → SERVER → handler spans and carries baggage across', async () => {
    const reply = await asCaller(() => firstValueFrom(client.send('echo', { word: 'qapla' })));
    expect(reply).toEqual({ echoed: 'qapla' });

    await waitFor(() => tracing.spans.length >= 4);
    const caller = tracing.span('caller');
    const [clientSpan, serverSpan] = ['CLIENT', 'SERVER'].map((kind) =>
      tracing.spans.find(
        (span) => span.name === 'spec-service/echo' && SpanKind[span.kind] === kind,
      )!,
    );
    const handler = tracing.span('inside-handler');

    expect(clientSpan.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
    expect(serverSpan.parentSpanContext?.spanId).toBe(clientSpan.spanContext().spanId);
    expect(serverSpan.parentSpanContext?.isRemote).toBe(true);
    expect(handler.parentSpanContext?.spanId).toBe(serverSpan.spanContext().spanId);
    expect(new Set(tracing.spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect(clientSpan.attributes).toMatchObject({
      'rpc.system': 'nestjs_tcp',
      'rpc.service': 'spec-service',
      'rpc.method': 'echo',
      'server.address': '127.0.0.1',
      'app.user_id': 'worf',
    });
    expect(serverSpan.attributes).toMatchObject({ 'rpc.method': 'echo', 'app.user_id': 'worf' });
    expect(handler.attributes['app.user_id']).toBe('worf');
    expect(clientSpan.status.code).toBe(SpanStatusCode.UNSET);
    expect(serverSpan.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks both sides ERROR when the handler fails, and the caller gets the error', async () => {
    await expect(asCaller(() => firstValueFrom(client.send('fail', {})))).rejects.toMatchObject({
      statusCode: 404,
      message: 'no such activity',
    });
    await waitFor(
      () => tracing.spans.filter((span) => span.name === 'spec-service/fail').length === 2,
    );
    for (const span of tracing.spans.filter((s) => s.name === 'spec-service/fail')) {
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'no such activity' });
      expect(span.events.map((event) => event.name)).toContain('exception');
    }
  });

  it('marks both sides ERROR for a pattern nobody handles', async () => {
    await expect(asCaller(() => firstValueFrom(client.send('nobody', {})))).rejects.toBeDefined();
    await waitFor(
      () => tracing.spans.filter((span) => span.name === 'spec-service/nobody').length === 2,
    );
    for (const span of tracing.spans.filter((s) => s.name === 'spec-service/nobody')) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
    }
  });

  it('ends the CLIENT span as ERROR when the caller gives up waiting', async () => {
    await expect(
      asCaller(() => firstValueFrom(client.send('never', {}).pipe(timeout(100)))),
    ).rejects.toThrow('Timeout has occurred');
    const clientSpan = await waitFor(() =>
      tracing.spans.find(
        (span) => span.name === 'spec-service/never' && span.kind === SpanKind.CLIENT,
      ),
    );
    expect(clientSpan.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'the caller stopped waiting before the reply (timeout or cancellation)',
    });
  });

  it('traces events as PRODUCER and CONSUMER spans, sent even without a subscriber', async () => {
    await asCaller(async () => {
      client.emit('happened', { what: 'liked' });
    });
    await waitFor(() => events.includes('liked'));
    const consumer = await waitFor(() =>
      tracing.spans.find((span) => span.name === 'process happened'),
    );
    const producer = await waitFor(() =>
      tracing.spans.find((span) => span.name === 'send happened'),
    );
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(consumer.kind).toBe(SpanKind.CONSUMER);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(consumer.attributes).toMatchObject({
      'messaging.system': 'nestjs_tcp',
      'messaging.operation.type': 'process',
      'messaging.destination.name': 'happened',
      'app.user_id': 'worf',
    });
  });

  it('starts a new trace for a packet without headers (an untraced caller)', async () => {
    const plain = new ClientTCP({ host: '127.0.0.1', port });
    try {
      await lastValueFrom(plain.send('echo', { word: 'untraced' }));
    } finally {
      plain.close();
    }
    const server = await waitFor(() =>
      tracing.spans.find(
        (span) => span.name === 'spec-service/echo' && span.kind === SpanKind.SERVER,
      ),
    );
    expect(server.parentSpanContext).toBeUndefined();
  });
});
