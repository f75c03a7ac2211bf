import { connect as rawConnect } from 'node:net';
import { Controller, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import { InMemoryTracing, NatsServer, waitFor } from '@cruddur/testing';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { firstValueFrom, lastValueFrom, timeout } from 'rxjs';
import { BaggageAttributesSpanProcessor } from '../tracing/baggage-attributes.span-processor';
import {
  NatsDisconnectedError,
  NatsNoRespondersError,
  NatsResponderVanishedError,
} from './nats-errors';
import { TracingClientNats } from './tracing-client-nats';
import { TracingServerNats } from './tracing-server-nats';

jest.setTimeout(30_000);

const events: string[] = [];
const served: string[] = [];

@Controller()
class SpecController {
  @MessagePattern('echo')
  echo(@Payload() data: { word: string }) {
    trace.getTracer('spec').startSpan('inside-handler').end();
    return { echoed: data.word };
  }

  @MessagePattern('slow')
  async slow(@Payload() data: { ms: number }) {
    await new Promise((resolve) => setTimeout(resolve, data.ms));
    return { slept: data.ms };
  }

  @MessagePattern('fail')
  fail(): never {
    throw new RpcException({ statusCode: 404, message: 'no such activity' });
  }

  @EventPattern('happened')
  happened(@Payload() data: { what: string }) {
    events.push(data.what);
  }
}

@Module({ controllers: [SpecController] })
class SpecModule {}

/** A second "service" whose handler never answers: a replica that died holding the request. */
@Controller()
class BlackHoleController {
  @MessagePattern('black-hole')
  never(): Promise<never> {
    served.push('black-hole');
    return new Promise(() => undefined);
  }
}

@Module({ controllers: [BlackHoleController] })
class BlackHoleModule {}

describe('TracingClientNats and TracingServerNats, through a real nats-server', () => {
  let tracing: InMemoryTracing;
  let broker: NatsServer;
  let app: INestMicroservice;
  let client: TracingClientNats;
  let plain: NatsConnection;

  const startServer = async (module: unknown, serviceName: string) => {
    const server = await NestFactory.createMicroservice(module as never, {
      strategy: new TracingServerNats({ serviceName, servers: broker.url }),
      logger: false,
    });
    await server.listen();
    return server;
  };

  beforeAll(async () => {
    tracing = InMemoryTracing.install([new BaggageAttributesSpanProcessor(['app.user_id'])]);
    broker = await NatsServer.start();
    app = await startServer(SpecModule, 'spec-service');
    client = new TracingClientNats({
      serviceName: 'spec-service',
      servers: broker.url,
      responderSilenceMs: 300,
      reconnectTimeWait: 100,
      maxReconnectAttempts: -1,
      waitOnFirstConnect: true,
    });
    expect(await client.connectWithin(5000)).toBe(true);
    plain = await connect({ servers: broker.url });
  });

  afterEach(() => tracing.reset());

  afterAll(async () => {
    await plain?.close();
    await client?.close();
    await app?.close();
    await broker?.stop();
    await tracing?.uninstall();
  });

  function asCaller<T>(call: () => Promise<T>): Promise<T> {
    const root = trace.getTracer('spec').startSpan('caller');
    const baggage = propagation.createBaggage({ 'app.user_id': { value: 'worf' } });
    const active = propagation.setBaggage(trace.setSpan(ROOT_CONTEXT, root), baggage);
    return context.with(active, call).finally(() => root.end());
  }

  const spansNamed = (name: string) => tracing.spans.filter((span) => span.name === name);

  it('links caller → CLIENT → SERVER → handler, with the messaging conventions', async () => {
    const reply = await asCaller(() => firstValueFrom(client.send('echo', { word: 'qapla' })));
    expect(reply).toEqual({ echoed: 'qapla' });

    await waitFor(() => tracing.spans.length >= 4);
    const caller = tracing.span('caller');
    const clientSpan = spansNamed('spec-service/echo').find((s) => s.kind === SpanKind.CLIENT)!;
    const serverSpan = spansNamed('spec-service/echo').find((s) => s.kind === SpanKind.SERVER)!;
    const handler = tracing.span('inside-handler');
    expect(clientSpan.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
    expect(serverSpan.parentSpanContext?.spanId).toBe(clientSpan.spanContext().spanId);
    expect(serverSpan.parentSpanContext?.isRemote).toBe(true);
    expect(handler.parentSpanContext?.spanId).toBe(serverSpan.spanContext().spanId);
    expect(clientSpan.attributes).toMatchObject({
      'messaging.system': 'nats',
      'messaging.destination.name': 'spec-service.echo',
      'messaging.operation.type': 'send',
      'rpc.service': 'spec-service',
      'server.address': '127.0.0.1',
      'server.port': broker.port,
      'app.user_id': 'worf',
    });
    expect(serverSpan.attributes).toMatchObject({
      'messaging.system': 'nats',
      'messaging.destination.name': 'spec-service.echo',
      'messaging.consumer.group.name': 'spec-service',
      'app.user_id': 'worf',
    });
  });

  it('puts traceparent and baggage in the NATS headers, where any client reads them', async () => {
    const seen = new Promise<Record<string, string>>((resolve) => {
      const sub = plain.subscribe('spec-service.echo', {
        callback: (_error, message) => {
          sub.unsubscribe();
          const headers = message.headers;
          resolve({
            traceparent: headers?.get('traceparent') ?? '',
            baggage: headers?.get('baggage') ?? '',
          });
        },
      });
    });
    await plain.flush();
    await asCaller(() => firstValueFrom(client.send('echo', { word: 'heghlu' })));
    const headers = await seen;
    const clientSpan = await waitFor(() =>
      spansNamed('spec-service/echo').find((s) => s.kind === SpanKind.CLIENT),
    );
    expect(headers.traceparent).toBe(
      `00-${clientSpan.spanContext().traceId}-${clientSpan.spanContext().spanId}-01`,
    );
    expect(headers.baggage).toBe('app.user_id=worf');
  });

  it('marks both sides ERROR when the handler fails, and the caller gets its error', async () => {
    await expect(asCaller(() => firstValueFrom(client.send('fail', {})))).rejects.toMatchObject({
      statusCode: 404,
      message: 'no such activity',
    });
    await waitFor(() => spansNamed('spec-service/fail').length === 2);
    for (const span of spansNamed('spec-service/fail')) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
    }
  });

  it('fails at once with NatsNoRespondersError when no replica subscribes', async () => {
    const started = Date.now();
    await expect(firstValueFrom(client.send('nobody.home', {}))).rejects.toBeInstanceOf(
      NatsNoRespondersError,
    );
    expect(Date.now() - started).toBeLessThan(250);
    const span = await waitFor(() => spansNamed('spec-service/nobody.home')[0]);
    expect(span.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'no responders for spec-service.nobody.home',
    });
  });

  it('fails with NatsResponderVanishedError when the replica that took it goes silent', async () => {
    const blackHole = await startServer(BlackHoleModule, 'spec-service');
    try {
      // The server sends progress while a live handler runs, so silence means a dead process;
      // here the process lives but stops talking once it is closed (as SIGKILL would).
      const pending = firstValueFrom(client.send('black-hole', {}));
      await waitFor(() => served.includes('black-hole'));
      await blackHole.close();
      await expect(pending).rejects.toBeInstanceOf(NatsResponderVanishedError);
    } finally {
      await blackHole.close();
    }
  });

  it('keeps a slow handler alive with progress messages beyond the silence limit', async () => {
    await expect(firstValueFrom(client.send('slow', { ms: 1000 }))).resolves.toEqual({
      slept: 1000,
    });
  });

  it('traces events as PRODUCER and CONSUMER spans, consumed once per queue group', async () => {
    const second = await startServer(SpecModule, 'spec-service');
    try {
      await asCaller(async () => {
        client.emit('happened', { what: 'liked' });
      });
      await waitFor(() => events.includes('liked'));
      const consumer = await waitFor(() => spansNamed('process happened')[0]);
      const producer = await waitFor(() => spansNamed('send happened')[0]);
      expect(producer.kind).toBe(SpanKind.PRODUCER);
      expect(consumer.kind).toBe(SpanKind.CONSUMER);
      expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
      expect(consumer.attributes).toMatchObject({
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.destination.name': 'happened',
        'app.user_id': 'worf',
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(events.filter((what) => what === 'liked')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('answers whatever header block a peer sends: huge, thousands of entries, invalid, unparsable', async () => {
    const codec = {
      encode: (value: unknown) => new TextEncoder().encode(JSON.stringify(value)),
      decode: (data: Uint8Array) => JSON.parse(new TextDecoder().decode(data)) as unknown,
    };
    const body = codec.encode({ pattern: 'echo', data: { word: 'hostile' }, id: 'hostile-1' });
    const many = natsHeaders();
    for (let i = 0; i < 3000; i++) many.set(`x-filler-${i}`, 'x'.repeat(20));
    many.set('traceparent', 'not-a-traceparent');
    many.set('baggage', 'x'.repeat(100_000));
    const reply = await plain.request('spec-service.echo', body, { timeout: 2000, headers: many });
    expect(codec.decode(reply.data)).toMatchObject({ response: { echoed: 'hostile' } });

    // A header name nats.js refuses to parse ("bad name" has a space), sent on a raw socket.
    const inbox = `_INBOX.raw.${Date.now()}`;
    const answered = new Promise<unknown>((resolve) => {
      const sub = plain.subscribe(inbox, {
        callback: (_error, message) => {
          sub.unsubscribe();
          resolve(codec.decode(message.data));
        },
      });
    });
    await plain.flush();
    const header = 'NATS/1.0\r\nbad name: x\r\ntraceparent: 00-zz\r\n\r\n';
    const payload = new TextDecoder().decode(
      codec.encode({ pattern: 'echo', data: { word: 'raw' }, id: 'raw-1' }),
    );
    const socket = rawConnect(broker.port, '127.0.0.1');
    socket.on('data', () => undefined);
    socket.write(
      `CONNECT {"verbose":false,"headers":true}\r\nHPUB spec-service.echo ${inbox} ${header.length} ${header.length + payload.length}\r\n${header}${payload}\r\nPING\r\n`,
    );
    try {
      await expect(answered).resolves.toMatchObject({ response: { echoed: 'raw' } });
    } finally {
      socket.destroy();
    }
  });

  it('fails at once while the broker is down, and reconnects by itself when it is back', async () => {
    await broker.stop();
    await waitFor(() => !client.isConnected);
    const started = Date.now();
    await expect(firstValueFrom(client.send('echo', { word: 'x' }))).rejects.toBeInstanceOf(
      NatsDisconnectedError,
    );
    await expect(lastValueFrom(client.emit('happened', { what: 'lost' }))).rejects.toBeInstanceOf(
      NatsDisconnectedError,
    );
    expect(Date.now() - started).toBeLessThan(250);
    await broker.restart();
    await waitFor(() => client.isConnected, { timeoutMs: 10_000, what: 'the client to reconnect' });
    // The server reconnected and resubscribed too.
    await waitFor(
      async () =>
        firstValueFrom(client.send('echo', { word: 'back' }).pipe(timeout(1000))).then(
          (reply) => reply,
          () => false,
        ),
      { timeoutMs: 10_000, what: 'a reply after the restart' },
    );
  });
});
