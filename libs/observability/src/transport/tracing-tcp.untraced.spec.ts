import { Controller, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { freePort, waitFor } from '@cruddur/testing';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { tracerProviderRegistered } from '../tracing/tracer-provider-registered';
import { TracingClientTcp } from './tracing-client-tcp';
import { TracingServerTcp } from './tracing-server-tcp';

const events: string[] = [];

@Controller()
class EchoController {
  /** Echoes a word; no word is the caller's mistake, answered as a 400. */
  @MessagePattern('echo')
  echo(@Payload() data: { word?: string }) {
    if (!data.word) throw new RpcException({ statusCode: 400, message: 'say something' });
    return { echoed: data.word };
  }

  @EventPattern('happened')
  happened(@Payload() data: { what: string }) {
    events.push(data.what);
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/**
 * Telemetry off (no tracer provider: no OpenTelemetry set up in this file): the traced client and
 * server skip their span work and must still behave as Nest's own.
 */
describe('TracingClientTcp and TracingServerTcp with telemetry off', () => {
  let app: INestMicroservice;
  let client: TracingClientTcp;

  beforeAll(async () => {
    const port = await freePort();
    app = await NestFactory.createMicroservice(EchoModule, {
      strategy: new TracingServerTcp({ serviceName: 'spec-service', host: '127.0.0.1', port }),
      logger: false,
    });
    await app.listen();
    client = new TracingClientTcp({ serviceName: 'spec-service', host: '127.0.0.1', port });
  });

  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it('runs with no tracer provider registered', () => {
    expect(tracerProviderRegistered()).toBe(false);
  });

  it('answers requests, handler errors and unknown patterns as Nest does', async () => {
    await expect(firstValueFrom(client.send('echo', { word: 'qapla' }))).resolves.toEqual({
      echoed: 'qapla',
    });
    await expect(firstValueFrom(client.send('echo', {}))).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(firstValueFrom(client.send('nobody.listens', {}))).rejects.toBe(
      'There is no matching message handler defined in the remote service.',
    );
  });

  it('delivers events whether or not anyone subscribes to the emit', async () => {
    client.emit('happened', { what: 'liked' });
    await lastValueFrom(client.emit('happened', { what: 'shared' }));
    await waitFor(() => events.length >= 2);
    expect(events.sort()).toEqual(['liked', 'shared']);
  });
});
