import 'reflect-metadata';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Attributes, Context, Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { XRayIdGenerator } from '../tracing/xray-id.generator';
import { XRayDaemonReceiver, waitFor } from '@cruddur/testing';
import type { XRayEntity } from '@cruddur/telemetry-wire';
import { SpanDocumentMapper } from './span-document.mapper';
import { XRayDaemonEmitter } from './xray-daemon.emitter';
import { loadXRaySdk, sdkDecorations } from './xray-sdk';
import { XRaySegmentExporter } from './xray-segment.exporter';
import { XRayService } from './xray.service';
import { XRaySubsegment } from './xray-subsegment.decorator';
import { resolveXRayOptions } from './xray.options';
import { XRayAttributes } from './xray.constants';

const REMOTE_PARENT = {
  traceId: '5759e988bd862e3fe1be46a994272793',
  spanId: '53995c3f42cd8ad8',
  traceFlags: 1,
  isRemote: true,
};
const XRAY_TRACE = '1-5759e988-bd862e3fe1be46a994272793';

/** What the HTTP instrumentation puts on an incoming request's span (stable conventions). */
function httpServerAttributes(status: number, extra: Attributes = {}): Attributes {
  return {
    'http.request.method': 'GET',
    'url.scheme': 'http',
    'server.address': '127.0.0.1',
    'server.port': 4567,
    'url.path': '/api/activities/home',
    'url.query': 'token=secret',
    'user_agent.original': 'spec-agent',
    'client.address': '127.0.0.1',
    'network.peer.address': '127.0.0.1',
    'http.response.status_code': status,
    'app.user_id': 'andrewbrown',
    [XRayAttributes.RuleName]: 'Cruddur',
    ...extra,
  };
}

class FeedService {
  constructor(private readonly xray: XRayService) {}

  @XRaySubsegment('notifications_activities', {
    metadata: { now: 'app.now', 'results-size': 'app.result_length' },
    annotations: { feed: 'app.feed' },
  })
  build(size: number): number[] {
    trace.getActiveSpan()?.setAttributes({
      'app.now': '2026-12-02T12:00:00.000Z',
      'app.result_length': size,
      'app.feed': 'notifications',
    });
    this.xray.addMetadata('query', { limit: size }, 'sql');
    this.xray.addAnnotation('cache_hit', false);
    return Array.from({ length: size }, (_, i) => i);
  }

  /** Used without @Span: it opens its own span. */
  @XRaySubsegment('lookup')
  lookup(): string {
    return 'found';
  }
}

describe('XRaySegmentExporter: segments derived from spans, at a real daemon socket', () => {
  let daemon: XRayDaemonReceiver;
  let provider: TracerProvider;
  let exporter: XRaySegmentExporter;
  const warnings: string[] = [];
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager.enable());
    daemon = await XRayDaemonReceiver.start();
    const log = { warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
    const options = resolveXRayOptions(
      'gateway',
      {
        daemonAddress: { host: '127.0.0.1', port: daemon.port },
        dynamicNaming: '*.cruddur.test',
      },
      {},
    );
    exporter = new XRaySegmentExporter(
      new SpanDocumentMapper(options, sdkDecorations(loadXRaySdk(log))),
      new XRayDaemonEmitter(options.daemonAddress, log),
      { orphanTimeoutMs: 300 },
    );
    provider = new TracerProvider({
      idGenerator: new XRayIdGenerator(),
      spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 20 })],
    });
    trace.setGlobalTracerProvider(provider);
  });

  afterAll(async () => {
    await provider.shutdown();
    await daemon.close();
    trace.disable();
    context.disable();
  });

  beforeEach(() => daemon.clear());

  const tracer = () => trace.getTracer('spec');
  const flush = () => provider.forceFlush();
  const entity = (name: string, all = daemon.entities): XRayEntity => {
    const found = all.find((e) => e.document.name === name);
    if (!found) throw new Error(`no ${name} in ${all.map((e) => e.document.name).join(', ')}`);
    return found;
  };
  function start(name: string, kind: SpanKind, parent: Context, attributes: Attributes = {}) {
    return tracer().startSpan(name, { kind, attributes }, parent);
  }

  it('HTTP: one segment with the http block, user and rule, a remote subsegment per call', async () => {
    const server = start('GET /api/activities/home', SpanKind.SERVER, ROOT_CONTEXT, {
      ...httpServerAttributes(200),
    });
    const inRequest = trace.setSpan(ROOT_CONTEXT, server);
    const call = start('home-activities/activities.home', SpanKind.CLIENT, inRequest, {
      'rpc.system': 'nestjs_tcp',
      'rpc.service': 'home-activities',
      'rpc.method': 'activities.home',
      'server.address': '127.0.0.1',
    });
    call.end();
    server.end();
    await flush();
    await daemon.waitForEntities((all) => all.length >= 2);

    expect(daemon.documents).toHaveLength(1);
    const [segment] = daemon.documents;
    const spanContext = server.spanContext();
    expect(segment).toMatchObject({
      name: 'gateway',
      id: spanContext.spanId,
      trace_id: `1-${spanContext.traceId.slice(0, 8)}-${spanContext.traceId.slice(8)}`,
      user: 'andrewbrown',
      http: {
        request: {
          method: 'GET',
          url: 'http://127.0.0.1:4567/api/activities/home',
          user_agent: 'spec-agent',
          client_ip: '127.0.0.1',
        },
        response: { status: 200 },
      },
      aws: { xray: { rule_name: 'Cruddur', sdk: 'X-Ray for Node.js' } },
      service: { runtime: 'node' },
    });
    expect(segment.parent_id).toBeUndefined();
    expect(segment.fault).toBeUndefined();
    expect(segment.error).toBeUndefined();
    expect(segment.end_time).toBeGreaterThanOrEqual(segment.start_time);
    expect(segment.subsegments).toEqual([
      expect.objectContaining({
        name: 'home-activities',
        id: call.spanContext().spanId,
        namespace: 'remote',
      }),
    ]);
    // Nothing the SDK keeps for itself, nothing X-Ray does not know.
    expect(JSON.stringify(segment)).not.toMatch(/notTraced|counter|in_progress|token=secret/);
  });

  it.each([
    [200, {}],
    [404, { error: true }],
    [429, { error: true, throttle: true }],
    [503, { fault: true }],
  ])('HTTP %i: flags %j', async (status, flags) => {
    const server = start('GET', SpanKind.SERVER, ROOT_CONTEXT, httpServerAttributes(status));
    if (status >= 500) server.setStatus({ code: SpanStatusCode.ERROR });
    server.end();
    await flush();
    const [segment] = await daemon
      .waitForEntities((all) => all.length >= 1)
      .then(() => daemon.documents);
    expect({
      error: segment.error,
      fault: segment.fault,
      throttle: segment.throttle,
    }).toEqual({ error: undefined, fault: undefined, throttle: undefined, ...flags });
  });

  it('names the segment after a Host that matches AWS_XRAY_URL', async () => {
    start('GET', SpanKind.SERVER, ROOT_CONTEXT, {
      ...httpServerAttributes(200),
      'server.address': 'api.cruddur.test',
      'server.port': undefined,
    }).end();
    await flush();
    await daemon.waitForEntities((all) => all.length >= 1);
    expect(daemon.documents[0].name).toBe('api.cruddur.test');
    expect(daemon.documents[0].http?.request?.url).toBe(
      'http://api.cruddur.test/api/activities/home',
    );
  });

  it('TCP send: a message segment under the caller, the marked span as the subsegment with metadata', async () => {
    const feed = new FeedService(new XRayService());
    const parent = trace.setSpanContext(ROOT_CONTEXT, REMOTE_PARENT);
    const server = start('notifications/notifications.list', SpanKind.SERVER, parent, {
      'rpc.system': 'nestjs_tcp',
      'rpc.service': 'notifications',
      'rpc.method': 'notifications.list',
      'app.user_id': 'worf',
    });
    context.with(trace.setSpan(parent, server), () => {
      const custom = tracer().startSpan('notifications-mock-data');
      context.with(trace.setSpan(context.active(), custom), () => feed.build(2));
      custom.end();
      expect(feed.lookup()).toBe('found');
    });
    server.end();
    await flush();
    await daemon.waitForEntities((all) => all.length >= 3);

    expect(daemon.documents).toHaveLength(1);
    // This exporter is the gateway's: its segments carry its name.
    const segment = entity('gateway');
    expect(segment.isSegment).toBe(true);
    expect(segment.traceId).toBe(XRAY_TRACE);
    expect(segment.document).toMatchObject({
      id: server.spanContext().spanId,
      parent_id: REMOTE_PARENT.spanId,
      user: 'worf',
      annotations: { message_pattern: 'notifications.list' },
    });
    expect(segment.document.aws).not.toHaveProperty('xray.rule_name');
    const activities = entity('notifications_activities');
    expect(activities.parentId).toBe(segment.document.id);
    expect(activities.document.metadata).toEqual({
      default: { now: '2026-12-02T12:00:00.000Z', 'results-size': 2 },
      sql: { query: '{"limit":2}' },
    });
    expect(activities.document.annotations).toEqual({ feed: 'notifications', cache_hit: false });
    expect(activities.document.namespace).toBeUndefined();
    expect(entity('lookup').parentId).toBe(segment.document.id);
  });

  it('emit: PRODUCER is a remote subsegment; one that ends after its segment went out on its own', async () => {
    const server = start('GET', SpanKind.SERVER, ROOT_CONTEXT, httpServerAttributes(200));
    const inRequest = trace.setSpan(ROOT_CONTEXT, server);
    const event = start('send notifications.viewed', SpanKind.PRODUCER, inRequest, {
      'messaging.system': 'nestjs_tcp',
      'messaging.destination.name': 'notifications.viewed',
    });
    server.end();
    await flush();
    await daemon.waitForEntities((all) => all.length >= 1);
    event.end();
    await flush();
    await daemon.waitForEntities((all) => all.length >= 2);

    const [segment, late] = daemon.documents;
    expect(segment.subsegments).toBeUndefined();
    expect(late).toMatchObject({
      type: 'subsegment',
      name: 'notifications.viewed',
      namespace: 'remote',
      id: event.spanContext().spanId,
      parent_id: segment.id,
      trace_id: segment.trace_id,
    });
  });

  it('a CONSUMER span is a segment with the event as its pattern', async () => {
    const parent = trace.setSpanContext(ROOT_CONTEXT, REMOTE_PARENT);
    start('process notifications.viewed', SpanKind.CONSUMER, parent, {
      'messaging.destination.name': 'notifications.viewed',
    }).end();
    await flush();
    await daemon.waitForEntities((all) => all.length >= 1);
    expect(daemon.documents[0]).toMatchObject({
      name: 'gateway',
      parent_id: REMOTE_PARENT.spanId,
      annotations: { message_pattern: 'notifications.viewed' },
    });
  });

  it('error paths: exceptions become the cause, a failed call a remote fault', async () => {
    const parent = trace.setSpanContext(ROOT_CONTEXT, REMOTE_PARENT);
    const server = start('notifications/notifications.list', SpanKind.SERVER, parent, {
      'rpc.method': 'notifications.list',
    });
    const inMessage = trace.setSpan(parent, server);
    const custom = start('notifications-mock-data', SpanKind.INTERNAL, inMessage);
    custom.recordException(new Error('database unavailable'));
    custom.setStatus({ code: SpanStatusCode.ERROR, message: 'database unavailable' });
    custom.end();
    const call = start('home-activities/activities.home', SpanKind.CLIENT, inMessage, {
      'rpc.service': 'home-activities',
    });
    call.setStatus({ code: SpanStatusCode.ERROR, message: 'timed out' });
    call.end();
    server.setStatus({ code: SpanStatusCode.ERROR, message: 'database unavailable' });
    server.end();
    await flush();
    await daemon.waitForEntities((all) => all.length >= 3);

    const segment = entity('gateway').document;
    expect(segment.fault).toBe(true);
    const failed = entity('notifications-mock-data').document;
    expect(failed.fault).toBe(true);
    expect(failed.cause).toMatchObject({
      working_directory: process.cwd(),
      exceptions: [
        {
          message: 'database unavailable',
          type: 'Error',
          remote: false,
          id: expect.stringMatching(/^[0-9a-f]{16}$/),
          stack: expect.arrayContaining([
            expect.objectContaining({
              path: expect.stringContaining('xray-segment.exporter.spec'),
            }),
          ]),
        },
      ],
    });
    const remote = entity('home-activities').document;
    expect(remote).toMatchObject({
      fault: true,
      namespace: 'remote',
      cause: { exceptions: [{ message: 'timed out', remote: true }] },
    });
  });

  it('nests a child that ended a batch before its parent; sends an orphan on its own in time', async () => {
    const server = start('GET', SpanKind.SERVER, ROOT_CONTEXT, httpServerAttributes(200));
    const inRequest = trace.setSpan(ROOT_CONTEXT, server);
    const early = start('early', SpanKind.INTERNAL, inRequest);
    early.end();
    await flush(); // the child's batch goes first: it waits for its parent
    expect(daemon.documents).toEqual([]);
    server.end();
    await flush();
    await daemon.waitForEntities((all) => all.length >= 2);
    expect(daemon.documents).toHaveLength(1);
    expect(daemon.documents[0].subsegments?.map((s) => s.name)).toEqual(['early']);

    daemon.clear();
    const neverEnds: Span = start('GET', SpanKind.SERVER, ROOT_CONTEXT, httpServerAttributes(200));
    start('orphan', SpanKind.INTERNAL, trace.setSpan(ROOT_CONTEXT, neverEnds)).end();
    await flush();
    const [orphan] = await waitFor(() => (daemon.documents.length ? daemon.documents : undefined), {
      timeoutMs: 3000,
      what: 'the orphan',
    });
    expect(orphan).toMatchObject({
      type: 'subsegment',
      name: 'orphan',
      parent_id: neverEnds.spanContext().spanId,
    });
    expect(daemon.rejected).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
