import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { PassThrough } from 'node:stream';
import { CloudWatchLogsReceiver } from '@cruddur/testing';
import { useServiceLogger } from '../bootstrap/use-service-logger';
import { ObservabilityModule } from '../observability.module';
import { AppBaggage } from '../tracing/tracing.constants';
import { SERVICE_LOGGING } from './logging.constants';
import { ServiceLogging } from './service-logging';
import { xrayTraceIdField } from './trace-fields.format';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({
  spanProcessors: [new SimpleSpanProcessor({ exporter: exporter })],
});
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CBaggagePropagator());
});

afterAll(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

/** A ServiceLogging writing to a stream the test reads, line by line. */
async function capture(env: Record<string, string> = {}, isTTY = false) {
  const stdout = Object.assign(new PassThrough(), { isTTY });
  const output: string[] = [];
  stdout.on('data', (chunk: Buffer) =>
    output.push(...chunk.toString().split('\n').filter(Boolean)),
  );
  const logging = await ServiceLogging.create({
    serviceName: 'notifications',
    env: { LOG_FORMAT: 'json', ...env },
    stdout,
    traceFields: [xrayTraceIdField],
  });
  const json = () => output.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logging, output, json };
}

/** Runs `fn` inside a span whose context carries the user handle as baggage. */
function inRequest<T>(fn: () => T): { result: T; traceId: string; spanId: string } {
  const span = provider.getTracer('test').startSpan('request');
  const baggage = propagation.createBaggage({ [AppBaggage.UserId]: { value: 'andrewbrown' } });
  const active = propagation.setBaggage(trace.setSpan(context.active(), span), baggage);
  const result = context.with(active, fn);
  span.end();
  return { result, ...span.spanContext() };
}

describe('ServiceLogging', () => {
  it('writes one compact JSON object per line with the request`s trace, span and user', async () => {
    const { logging, json, output } = await capture();
    const { traceId, spanId } = inRequest(() =>
      logging.nestLogger.log(
        'Hello CloudWatch! from /api/activities/notifications',
        'Notifications',
      ),
    );
    logging.nestLogger.warn('outside any request', 'Bootstrap');

    expect(output[0]).not.toContain('\n');
    expect(Object.keys(json()[0])).toEqual([
      'timestamp',
      'level',
      'service',
      'context',
      'message',
      'trace_id',
      'span_id',
      'xray_trace_id',
      'user_id',
    ]);
    expect(json()[0]).toMatchObject({
      level: 'info',
      service: 'notifications',
      context: 'Notifications',
      message: 'Hello CloudWatch! from /api/activities/notifications',
      trace_id: traceId,
      span_id: spanId,
      xray_trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
      user_id: 'andrewbrown',
    });
    expect(json()[1]).toEqual({
      timestamp: expect.any(String),
      level: 'warn',
      service: 'notifications',
      context: 'Bootstrap',
      message: 'outside any request',
    });
  });

  it('writes Nest errors with their stack as one string, and structured fields as given', async () => {
    const { logging, json } = await capture();
    logging.nestLogger.error('it failed', 'Error: it failed\n    at somewhere', 'Handler');
    logging.nestLogger.error(new Error('thrown'));
    logging.logger.info('structured', { context: 'Custom', status: 503, tags: ['a'] });
    expect(json()[0]).toMatchObject({
      level: 'error',
      context: 'Handler',
      stack: 'Error: it failed\n    at somewhere',
    });
    expect(json()[1]).toMatchObject({
      message: 'thrown',
      stack: expect.stringContaining('Error: thrown'),
    });
    expect(json()[2]).toMatchObject({ context: 'Custom', status: 503, tags: ['a'] });
  });

  it('logs at LOG_LEVEL and above', async () => {
    const { logging, json } = await capture({ LOG_LEVEL: 'warn' });
    logging.nestLogger.log('info line');
    logging.nestLogger.debug?.('debug line');
    logging.nestLogger.warn('warn line');
    logging.nestLogger.fatal?.('fatal line');
    expect(json().map((line) => line.level)).toEqual(['warn', 'fatal']);
  });

  it('filters by level before any format runs: a dropped line costs no trace fields', async () => {
    let calls = 0;
    const counting = () => {
      calls++;
      return {};
    };
    const stdout = Object.assign(new PassThrough(), { isTTY: false });
    const logging = await ServiceLogging.create({
      serviceName: 'notifications',
      env: { LOG_FORMAT: 'json', LOG_LEVEL: 'warn' },
      stdout,
      traceFields: [counting],
    });
    for (let i = 0; i < 5; i++) logging.nestLogger.log('info line');
    logging.nestLogger.warn('warn line');
    expect(calls).toBe(1);
    // The level can still change at run time.
    logging.logger.level = 'info';
    logging.nestLogger.log('info line');
    expect(calls).toBe(2);
  });

  it('redacts secrets from messages, fields and stacks', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const { logging, output } = await capture({ AWS_SECRET_ACCESS_KEY: secret });
    logging.logger.warn(`signing with ${secret}`, {
      headers: { authorization: 'Bearer abc.def', cookie: 'sid=123456' },
      url: '/x?token=t0k3n',
    });
    logging.nestLogger.error('failed', `Error: ${secret}\n at x`);
    const text = output.join('\n');
    for (const leaked of [secret, 'abc.def', 'sid=123456', 't0k3n']) {
      expect(text).not.toContain(leaked);
    }
    expect(text).toContain('[REDACTED]');
  });

  it('writes a readable coloured line on a terminal', async () => {
    const { logging, output } = await capture({ LOG_FORMAT: '' }, true);
    inRequest(() => logging.nestLogger.log('hello', 'Ctx'));
    const ESC = '\x1b';
    expect(output[0]).toContain(`${ESC}[32mINFO ${ESC}[0m`);
    expect(output[0]).toMatch(/\[Ctx\] .*hello/);
    expect(output[0]).toContain('user=andrewbrown');
    const plain = await capture({ LOG_FORMAT: '', NO_COLOR: '1' }, true);
    plain.logging.nestLogger.log('hello', 'Ctx');
    expect(plain.output[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[Ctx\] hello$/);
  });
});

@Module({ imports: [ObservabilityModule.forRoot({ serviceName: 'gateway' })] })
class ForRootModule {}

@Module({
  imports: [
    ObservabilityModule.forRootAsync({ useFactory: () => ({ serviceName: 'home-activities' }) }),
  ],
})
class ForRootAsyncModule {}

describe('ServiceLogging in a Nest application', () => {
  let receiver: CloudWatchLogsReceiver;
  const saved = { ...process.env };

  beforeAll(async () => {
    receiver = await CloudWatchLogsReceiver.start();
    Object.assign(process.env, {
      LOG_FORMAT: 'json',
      CLOUDWATCH_LOG_GROUP: 'cruddur',
      CLOUDWATCH_FLUSH_INTERVAL_MS: '60000',
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: receiver.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
    });
  });

  afterAll(async () => {
    process.env = saved;
    await receiver.close();
  });

  it.each([
    ['forRoot', ForRootModule, 'gateway'],
    ['forRootAsync', ForRootAsyncModule, 'home-activities'],
  ])(
    'with %s becomes Nest`s logger and flushes to CloudWatch when the app closes',
    async (_how, root, service) => {
      receiver.clear();
      const app = await NestFactory.createApplicationContext(root, { bufferLogs: true });
      const logging = useServiceLogger(app);
      expect(logging).toBeInstanceOf(ServiceLogging);
      expect(app.get(SERVICE_LOGGING)).toBe(logging);
      new Logger('Spec').log(`through Nest's Logger in ${service}`);
      // The flush interval is a minute: only the shutdown hook can deliver these lines now.
      expect(receiver.putLogEventsRequests).toHaveLength(0);
      await app.close();

      const lines = receiver.jsonEvents;
      expect(receiver.streamsOf('cruddur')).toEqual([
        expect.stringMatching(new RegExp(`^${service}/`)),
      ]);
      expect(lines).toContainEqual(
        expect.objectContaining({
          context: 'Spec',
          message: `through Nest's Logger in ${service}`,
        }),
      );
      // Nest's own start-up lines, buffered until the logger existed, are there too.
      expect(lines).toContainEqual(expect.objectContaining({ context: 'InstanceLoader', service }));
    },
  );

  it('formats each line once: CloudWatch ships the very line stdout writes', async () => {
    receiver.clear();
    const stdout = Object.assign(new PassThrough(), { isTTY: false });
    const written: string[] = [];
    stdout.on('data', (chunk: Buffer) => written.push(...chunk.toString().split('\n')));
    const logging = await ServiceLogging.create({ serviceName: 'gateway', stdout });
    // No format of its own: it takes the line the logger made.
    expect(logging.cloudWatch?.format).toBeUndefined();
    logging.logger.info('one line', { extra: { nested: true } });
    await logging.close(5000);
    const line = written.find((text) => text.includes('one line'));
    expect(
      receiver.putLogEventsRequests.flatMap((r) => r.logEvents.map((e) => e.message)),
    ).toContain(line);
  });
});
