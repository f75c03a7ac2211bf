import {
  NestTcpRecorder,
  OtlpReceiver,
  ServiceProcess,
  encodeNestFrame,
  exchangeNestFrames,
  freePort,
  waitFor,
} from '@cruddur/testing';
import { MessagePatterns } from '@cruddur/contracts';
import { OtlpSpanKind } from '@cruddur/telemetry-wire';

jest.setTimeout(60_000);

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const CALLER_TRACEPARENT = `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe("the gateway's TCP frames carry the trace context in Nest's packet metadata", () => {
  let receiver: OtlpReceiver;
  let homeActivities: NestTcpRecorder;
  let notifications: NestTcpRecorder;
  let gateway: ServiceProcess;
  let gatewayUrl: string;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    // Stand-ins for the two services that record the raw frames the gateway writes.
    homeActivities = await NestTcpRecorder.start(() => []);
    notifications = await NestTcpRecorder.start(() => []);
    const port = await freePort();
    gateway = await ServiceProcess.start({
      name: 'gateway',
      entry: 'dist/apps/gateway/main.js',
      env: {
        GATEWAY_PORT: String(port),
        GATEWAY_HOST: '127.0.0.1',
        HOME_ACTIVITIES_HOST: '127.0.0.1',
        HOME_ACTIVITIES_PORT: String(homeActivities.port),
        NOTIFICATIONS_HOST: '127.0.0.1',
        NOTIFICATIONS_PORT: String(notifications.port),
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
    gatewayUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await gateway?.stop();
    await homeActivities?.close();
    await notifications?.close();
    await receiver?.close();
  });

  it('writes metadata.traceparent (no X-Ray header, no legacy headers field) on a send, naming the CLIENT span', async () => {
    const response = await fetch(`${gatewayUrl}/api/activities/home`, {
      headers: { traceparent: CALLER_TRACEPARENT },
    });
    expect(response.status).toBe(200);

    const frame = homeActivities.frames.find((f) => f.pattern === MessagePatterns.HomeFeed);
    expect(frame).toBeDefined();
    expect(frame).not.toHaveProperty('headers');
    const metadata = frame?.metadata as Record<string, string>;
    // Between our services traceparent says what X-Amzn-Trace-Id would (MeshPropagator).
    expect(metadata).not.toHaveProperty('x-amzn-trace-id');
    const [, traceId, spanId] = TRACEPARENT.exec(metadata.traceparent) ?? [];
    expect(traceId).toBe(CALLER_TRACE_ID);

    // The span id on the wire is the gateway's CLIENT span, a child of the HTTP span.
    await waitFor(() => receiver.spans.some((span) => span.spanId === spanId));
    const client = receiver.spans.find((span) => span.spanId === spanId);
    expect(client).toMatchObject({ kind: OtlpSpanKind.Client, traceId: CALLER_TRACE_ID });
  });

  it('writes the metadata on an emitted event too', async () => {
    const response = await fetch(`${gatewayUrl}/api/activities/notifications`, {
      headers: { traceparent: CALLER_TRACEPARENT },
    });
    expect(response.status).toBe(200);
    await waitFor(() =>
      notifications.frames.some((f) => f.pattern === MessagePatterns.NotificationsViewed),
    );
    const event = notifications.frames.find(
      (f) => f.pattern === MessagePatterns.NotificationsViewed,
    );
    expect(event?.id).toBeUndefined();
    expect((event?.metadata as Record<string, string>).traceparent).toMatch(
      new RegExp(`^00-${CALLER_TRACE_ID}-`),
    );
  });
});

describe('home-activities reads the context from metadata, and from the previous release', () => {
  let receiver: OtlpReceiver;
  let service: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    port = await freePort();
    service = await ServiceProcess.start({
      name: 'home-activities',
      entry: 'dist/apps/home-activities/main.js',
      env: {
        HOME_ACTIVITIES_HOST: '127.0.0.1',
        HOME_ACTIVITIES_PORT: String(port),
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
  });

  afterAll(async () => {
    await service?.stop();
    await receiver?.close();
  });

  async function serverSpanOf(traceId: string) {
    await waitFor(() =>
      receiver.spans.some((span) => span.traceId === traceId && span.kind === OtlpSpanKind.Server),
    );
    return receiver.spans.find(
      (span) => span.traceId === traceId && span.kind === OtlpSpanKind.Server,
    );
  }

  it.each([
    ['metadata (Nest 12 clients)', 'metadata'],
    ['headers (clients of the previous release, during a rolling upgrade)', 'headers'],
  ])('continues the trace a raw frame carries in %s', async (_case, field) => {
    const traceId = field === 'metadata' ? 'a'.repeat(32) : 'b'.repeat(32);
    const frame = encodeNestFrame({
      pattern: MessagePatterns.HomeFeed,
      data: {},
      id: `frame-${field}`,
      [field]: { traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01` },
    });
    const replies = await exchangeNestFrames(port, [frame], 1);
    expect(replies[0]).toMatchObject({ id: `frame-${field}`, isDisposed: true });
    const server = await serverSpanOf(traceId);
    expect(server?.parentSpanId).toBe(CALLER_SPAN_ID);
  });

  it.each([
    ['a string', '"traceparent"'],
    ['an array', '["00-abc"]'],
    ['null', 'null'],
    [
      '10,000 keys',
      JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v']))),
    ],
    ['__proto__ and constructor keys', '{"__proto__":{"polluted":"yes"},"constructor":{"x":1}}'],
    ['a 1 MB value', JSON.stringify({ traceparent: 'x'.repeat(1024 * 1024) })],
    ['a malformed traceparent', '{"traceparent":"00-not-a-trace-01"}'],
  ])('answers a request whose metadata is %s, and keeps serving', async (_case, metadata) => {
    const json = `{"pattern":"${MessagePatterns.HomeFeed}","data":{},"id":"hostile","metadata":${metadata}}`;
    const replies = await exchangeNestFrames(port, [`${json.length}#${json}`], 1);
    expect(replies[0]).toMatchObject({ id: 'hostile', isDisposed: true });
    expect((replies[0] as { err?: unknown }).err).toBeUndefined();
    expect(service.running).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
