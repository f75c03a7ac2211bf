import { Controller, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NatsServer } from '@cruddur/testing';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { PROGRESS_HEADER, PROGRESS_INTERVAL_HEADER } from './nats-errors';
import { requestSubject } from './nats-subjects';
import { TracingServerNats } from './tracing-server-nats';

jest.setTimeout(30_000);

@Controller()
class EchoController {
  @MessagePattern('echo')
  echo(@Payload() data: { word: string }) {
    return { echoed: data.word };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/**
 * With telemetry off no context manager is registered, so nothing set with `context.with` can be
 * read back: whatever ends a request must not depend on it (no OpenTelemetry set up in this file).
 */
describe('TracingServerNats with telemetry off (no context manager)', () => {
  let broker: NatsServer;
  let app: INestMicroservice;
  let plain: NatsConnection;

  beforeAll(async () => {
    broker = await NatsServer.start();
    app = await NestFactory.createMicroservice(EchoModule, {
      strategy: new TracingServerNats({ serviceName: 'spec-service', servers: broker.url }),
      logger: false,
    });
    await app.listen();
    plain = await connect({ servers: broker.url });
  });

  afterAll(async () => {
    await plain?.close();
    await app?.close();
    await broker?.stop();
  });

  it('stops sending progress messages once the request is answered', async () => {
    const inbox = `spec.replies.${Date.now()}`;
    const received: Msg[] = [];
    plain.subscribe(inbox, {
      callback: (_error, message) => {
        received.push(message);
      },
    });
    const headers = natsHeaders();
    headers.set(PROGRESS_INTERVAL_HEADER, '10');
    const packet = { pattern: 'echo', data: { word: 'qapla' }, id: 'spec-1' };
    plain.publish(requestSubject('spec-service', 'echo'), JSON.stringify(packet), {
      reply: inbox,
      headers,
    });
    // Long enough for a dozen progress messages at 10 ms if the timer outlived the reply.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const progress = received.filter((message) => message.headers?.has(PROGRESS_HEADER));
    const replies = received.filter((message) => !message.headers?.has(PROGRESS_HEADER));
    expect(replies.map((message) => message.json())).toEqual([
      { id: 'spec-1', response: { echoed: 'qapla' }, isDisposed: true },
    ]);
    expect(progress).toHaveLength(0);
  });
});
