import 'reflect-metadata';
import {
  ROOT_CONTEXT,
  context,
  propagation,
  trace,
  SpanKind,
  SpanStatusCode,
} from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { XRayIdGenerator } from '../tracing/xray-id.generator';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { XRayDaemonReceiver } from '@cruddur/testing';
import { otelTraceIdToXRay } from '@cruddur/telemetry-wire';
import { firstValueFrom, throwError, of } from 'rxjs';
import { DEFAULT_SAMPLING_RULE } from './sampling-rules';
import { XRayMessageInterceptor } from './xray-message.interceptor';
import { createXRayRecorder } from './xray.providers';
import type { XRayRecorder } from './xray-recorder';
import { XRayRemoteSubsegmentSpanProcessor } from './xray-remote-subsegment.span-processor';
import { XRayService } from './xray.service';
import { XRaySubsegment } from './xray-subsegment.decorator';
import { XRayTraceHeaderPropagator } from './xray-trace-header.propagator';
import { getXRayScope } from './xray-context';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';

const contextManager = new AsyncLocalStorageContextManager();
const spans = new InMemorySpanExporter();
const provider = new TracerProvider({
  idGenerator: new XRayIdGenerator(),
  spanProcessors: [
    new XRayRemoteSubsegmentSpanProcessor(),
    new SimpleSpanProcessor({ exporter: spans }),
  ],
});
const tracer = provider.getTracer('spec');

/** What the interceptor sees: an rpc ExecutionContext for `pattern`. */
function rpcContext(pattern: string) {
  return {
    getType: () => 'rpc',
    getHandler: () => function handler() {},
    switchToRpc: () => ({ getContext: () => ({ getPattern: () => pattern }) }),
  } as never;
}

/** Runs `work` inside a SERVER span continued from `headers`, as TracingServerTcp does. */
function inServerSpan<T>(headers: Record<string, string>, work: (ctx: Context) => T): T {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = tracer.startSpan('server', { kind: SpanKind.SERVER }, parent);
  const ctx = trace.setSpan(parent, span);
  try {
    return context.with(ctx, () => work(ctx));
  } finally {
    span.end();
  }
}

/** Stores metadata on the method itself, as Nest's @MessagePattern and @Get do. */
function Pattern(value: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata('pattern', value, descriptor.value as object);
  };
}

class FeedService {
  constructor(private readonly xray: XRayService) {}

  @XRaySubsegment('notifications_activities')
  build(size: number): number[] {
    this.xray.addMetadata('results-size', size);
    this.xray.addAnnotation('feed', 'notifications');
    return Array.from({ length: size }, (_, i) => i);
  }

  @XRaySubsegment('async-work')
  async fail(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new Error('database unavailable');
  }
}

describe('X-Ray recording with one trace id', () => {
  let daemon: XRayDaemonReceiver;
  let recorder: XRayRecorder;
  const interceptor = () => new XRayMessageInterceptor(recorder);

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(
      new CompositePropagator({
        propagators: [new XRayTraceHeaderPropagator(), new W3CTraceContextPropagator()],
      }),
    );
    daemon = await XRayDaemonReceiver.start();
    recorder = createXRayRecorder({
      serviceName: 'notifications',
      xray: {
        daemonAddress: { host: '127.0.0.1', port: daemon.port },
        samplingRules: [{ ...DEFAULT_SAMPLING_RULE, RuleName: 'All', Priority: 1, FixedRate: 1 }],
      },
    });
  });

  afterAll(async () => {
    await recorder.onApplicationShutdown();
    await daemon.close();
    context.disable();
    propagation.disable();
  });

  beforeEach(() => {
    daemon.clear();
    spans.reset();
  });

  it('continues a caller header: segment, subsegments, a remote call whose id travels as Parent', async () => {
    const feed = new FeedService(new XRayService());
    const carrier: Record<string, string> = {};
    await inServerSpan({ 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1` }, (ctx) => {
      expect(otelTraceIdToXRay(trace.getSpanContext(ctx)!.traceId)).toBe(ROOT);
      return firstValueFrom(
        interceptor().intercept(rpcContext('notifications.list'), {
          handle: () => {
            expect(feed.build(2)).toEqual([0, 1]);
            const call = tracer.startSpan('home-activities/activities.home', {
              kind: SpanKind.CLIENT,
              attributes: { 'rpc.service': 'home-activities' },
            });
            propagation.inject(trace.setSpan(context.active(), call), carrier);
            call.setStatus({ code: SpanStatusCode.ERROR, message: 'timed out' });
            call.end();
            return of('reply');
          },
        }),
      );
    });
    const [document] = await daemon
      .waitForEntities((all) => all.length >= 3)
      .then(() => daemon.documents);
    const serverSpan = spans.getFinishedSpans().find((s) => s.name === 'server')!;
    const clientSpan = spans.getFinishedSpans().find((s) => s.kind === SpanKind.CLIENT)!;
    expect(document).toMatchObject({
      trace_id: ROOT,
      id: serverSpan.spanContext().spanId,
      parent_id: PARENT,
      name: 'notifications',
      annotations: { message_pattern: 'notifications.list' },
    });
    // The caller decided; no local rule was consulted.
    expect(document.aws).not.toHaveProperty('xray.rule_name');
    expect(document.notTraced).toBeUndefined();
    const [activities, remote] = document.subsegments!;
    expect(activities).toMatchObject({
      name: 'notifications_activities',
      metadata: { default: { 'results-size': 2 } },
      annotations: { feed: 'notifications' },
    });
    expect(remote).toMatchObject({
      id: clientSpan.spanContext().spanId,
      name: 'home-activities',
      namespace: 'remote',
      fault: true,
    });
    expect(carrier['x-amzn-trace-id']).toBe(
      `Root=${ROOT};Parent=${clientSpan.spanContext().spanId};Sampled=1`,
    );
  });

  it('respects Sampled=0: nothing is sent, and Sampled=0 travels on', async () => {
    const carrier: Record<string, string> = {};
    await inServerSpan({ 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=0` }, () =>
      firstValueFrom(
        interceptor().intercept(rpcContext('notifications.list'), {
          handle: () => {
            propagation.inject(context.active(), carrier);
            return of('reply');
          },
        }),
      ),
    );
    await recorder.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(daemon.documents).toEqual([]);
    expect(carrier['x-amzn-trace-id']).toMatch(/;Sampled=0$/);
  });

  it('writes the X-Ray decision, not OpenTelemetry’s, when W3C wins the trace context', async () => {
    const carrier: Record<string, string> = {};
    const w3c = '4bf92f3577b34da6a3ce929d0e0e4736';
    await inServerSpan(
      {
        traceparent: `00-${w3c}-00f067aa0ba902b7-01`,
        'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=0`,
      },
      (ctx) => {
        expect(trace.getSpanContext(ctx)!.traceId).toBe(w3c);
        return firstValueFrom(
          interceptor().intercept(rpcContext('p'), {
            handle: () => {
              propagation.inject(context.active(), carrier);
              return of(1);
            },
          }),
        );
      },
    );
    // The caller's X-Ray decision was about another trace: this service's rule decides (All: 1).
    expect(carrier['x-amzn-trace-id']).toMatch(
      /^Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;.*Sampled=1$/,
    );
    await daemon.waitForEntities((all) =>
      all.some((e) => e.document.parent_id === '00f067aa0ba902b7'),
    );
  });

  it('records a failed handler as a fault with its cause, and a rejected subsegment likewise', async () => {
    const feed = new FeedService(new XRayService());
    await inServerSpan({}, () =>
      firstValueFrom(
        interceptor().intercept(rpcContext('notifications.list'), {
          handle: () => {
            void feed.fail().catch(() => undefined);
            return throwError(() => new Error('handler failed'));
          },
        }),
      ).catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [document] = await daemon
      .waitForEntities((all) => all.length >= 2)
      .then(() => daemon.documents);
    expect(document.fault).toBe(true);
    expect(JSON.stringify(document.cause)).toContain('handler failed');
    expect(document.subsegments?.[0]).toMatchObject({ name: 'async-work', fault: true });
    expect(JSON.stringify(document.subsegments?.[0].cause)).toContain('database unavailable');
  });

  it('runs decorated methods and XRayService calls without a segment, recording nothing', () => {
    const feed = new FeedService(new XRayService());
    expect(getXRayScope(context.active())).toBeUndefined();
    expect(feed.build(1)).toEqual([0]);
    expect(new XRayService().currentTraceId()).toBeUndefined();
  });

  it('keeps metadata other decorators put on the method', () => {
    class Handler {
      @XRaySubsegment('outer')
      @Pattern('notifications.list')
      handle(): string {
        return 'ok';
      }
    }
    expect(Reflect.getMetadata('pattern', Handler.prototype.handle)).toBe('notifications.list');
    expect(Handler.prototype.handle.name).toBe('handle');
  });
});
