import {
  OtlpReceiver,
  XRayDaemonReceiver,
  freePort,
  freeUdpPort,
  sampleEverythingRules,
  startMesh,
  waitFor,
} from '@cruddur/testing';
import type { RunningMesh } from '@cruddur/testing';
import { OtlpSpanKind, otelTraceIdToXRay } from '@cruddur/telemetry-wire';
import type { DecodedSpan, XRayEntity } from '@cruddur/telemetry-wire';

jest.setTimeout(120_000);

/** The trace id (OpenTelemetry form) and span id the gateway reported in `traceresponse`. */
function traceOf(response: Response): { traceId: string; spanId: string; sampled: boolean } {
  const header = response.headers.get('traceresponse');
  expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  const [, traceId, spanId, flags] = header!.split('-');
  return { traceId, spanId, sampled: flags === '01' };
}

function xrayId(traceId: string): string {
  return otelTraceIdToXRay(traceId)!;
}

function find(
  entities: XRayEntity[],
  name: string,
  filter: (e: XRayEntity) => boolean = () => true,
) {
  const found = entities.find((entity) => entity.document.name === name && filter(entity));
  if (!found) {
    throw new Error(
      `no ${name} in ${entities.map((e) => `${e.document.name}(${e.isSegment ? 'segment' : 'sub'})`).join(', ')}`,
    );
  }
  return found;
}

/**
 * The segment an entity belongs to in X-Ray's tree: its own document's segment, or - for a
 * subsegment sent on its own (an event published after the response) - its parent's.
 */
function segmentOf(entities: XRayEntity[], entity: XRayEntity): XRayEntity {
  let current = entity;
  for (let hops = 0; !current.isSegment && hops < 10; hops++) {
    const parentId = current.parentId;
    const parent = entities.find((e) => e.document.id === parentId);
    if (!parent) throw new Error(`no parent ${parentId} of ${current.document.name}`);
    current = parent;
  }
  return current;
}

function noStackTraces(mesh: RunningMesh): void {
  for (const service of Object.values(mesh.services)) {
    const lines = service.output.filter(
      (line) => /^\s+at /.test(line) || /sub\/segment|context missing/i.test(line),
    );
    expect({ service: service.name, lines }).toEqual({ service: service.name, lines: [] });
  }
}

describe('X-Ray: segments from every service, one trace id with OpenTelemetry', () => {
  let daemon: XRayDaemonReceiver;
  let otlp: OtlpReceiver;
  let mesh: RunningMesh;

  beforeAll(async () => {
    daemon = await XRayDaemonReceiver.start();
    otlp = await OtlpReceiver.start();
    mesh = await startMesh({
      AWS_XRAY_DAEMON_ADDRESS: daemon.address,
      AWS_XRAY_SAMPLING_RULES: sampleEverythingRules(),
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  });

  afterAll(async () => {
    await mesh?.stop();
    await daemon?.close();
    await otlp?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${mesh.gatewayUrl}${path}`, { headers });

  const waitForTrace = (traceId: string, predicate: (entities: XRayEntity[]) => boolean) =>
    daemon
      .waitForEntities(() => predicate(daemon.entitiesOfTrace(xrayId(traceId))))
      .then(() => daemon.entitiesOfTrace(xrayId(traceId)));

  it('records the home feed as gateway and home-activities segments linked through a remote subsegment', async () => {
    const response = await get('/api/activities/home', {
      'user-agent': 'xray-e2e',
      'x-cruddur-user-handle': 'andrewbrown',
    });
    expect(response.status).toBe(200);
    const { traceId, spanId } = traceOf(response);
    const trace = await waitForTrace(traceId, (all) => all.filter((e) => e.isSegment).length >= 2);

    const gateway = find(trace, 'gateway', (e) => e.isSegment);
    const remote = find(trace, 'home-activities', (e) => !e.isSegment);
    const service = find(trace, 'home-activities', (e) => e.isSegment);
    const mockData = find(trace, 'home_activities');

    // One id: the X-Ray trace is the OpenTelemetry trace, the segment id the HTTP span's id.
    expect(gateway.traceId).toBe(xrayId(traceId));
    expect(gateway.document.id).toBe(spanId);
    expect(gateway.document.parent_id).toBeUndefined();
    expect(gateway.document.user).toBe('andrewbrown');
    expect(gateway.document.http?.request).toMatchObject({
      method: 'GET',
      url: `http://127.0.0.1:${mesh.ports.gateway}/api/activities/home`,
      user_agent: 'xray-e2e',
      client_ip: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(gateway.document.http?.response).toMatchObject({ status: 200 });
    expect(gateway.document.aws).toMatchObject({ xray: { rule_name: 'All' } });
    expect(gateway.document.fault).toBeUndefined();

    expect(remote.parentId).toBe(gateway.document.id);
    expect(remote.document.namespace).toBe('remote');
    expect(service.document.parent_id).toBe(remote.document.id);
    expect(service.document.annotations).toMatchObject({ message_pattern: 'activities.home' });
    expect(mockData.parentId).toBe(service.document.id);
    expect(mockData.document.metadata?.default).toEqual({
      now: expect.any(String),
      'results-size': 3,
    });
    expect(service.document.user).toBe('andrewbrown');
    expect(service.document.aws).toMatchObject({ xray: { sdk: 'X-Ray for Node.js' } });

    // The OpenTelemetry spans of the same request: same trace, and the ids line up.
    await otlp.waitForSpans(() => otlp.spansOfTrace(traceId).length >= 4);
    const spans = otlp.spansOfTrace(traceId);
    const client = spans.find(
      (s) => s.kind === OtlpSpanKind.Client && s.serviceName === 'gateway',
    ) as DecodedSpan;
    const server = spans.find(
      (s) => s.kind === OtlpSpanKind.Server && s.serviceName === 'home-activities',
    ) as DecodedSpan;
    expect(client.spanId).toBe(remote.document.id);
    expect(server.spanId).toBe(service.document.id);
    expect(daemon.rejected).toEqual([]);
  });

  it('records health as one trace across all three services, each segment parented by its caller', async () => {
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    const { traceId } = traceOf(response);
    const trace = await waitForTrace(traceId, (all) => all.filter((e) => e.isSegment).length >= 3);
    const segments = trace.filter((e) => e.isSegment);
    expect(new Set(segments.map((s) => s.document.name))).toEqual(
      new Set(['gateway', 'home-activities', 'notifications']),
    );
    const ids = new Map(trace.map((e) => [e.document.id, e]));
    for (const segment of segments.filter((s) => s.document.name !== 'gateway')) {
      const parent = ids.get(segment.document.parent_id!);
      expect(parent?.document.namespace).toBe('remote');
      expect(segmentOf(trace, parent!).document.id).toBe(
        find(trace, 'gateway', (e) => e.isSegment).document.id,
      );
    }
  });

  it('records the notifications_activities subsegment with {now, results-size}, and the event segment', async () => {
    const before = Date.now();
    const response = await get('/api/activities/notifications');
    expect(response.status).toBe(200);
    const { traceId } = traceOf(response);
    const trace = await waitForTrace(
      traceId,
      (all) => all.filter((e) => e.isSegment && e.document.name === 'notifications').length >= 2,
    );
    const activities = find(trace, 'notifications_activities');
    const metadata = activities.document.metadata?.default as Record<string, unknown>;
    expect(metadata['results-size']).toBe(1);
    expect(Date.parse(String(metadata.now))).toBeGreaterThanOrEqual(before - 1000);
    const feedSegment = trace.find((e) => e.document.id === activities.parentId)!;
    expect(feedSegment.document.annotations).toMatchObject({
      message_pattern: 'notifications.list',
    });

    const event = find(
      trace,
      'notifications',
      (e) => e.isSegment && e.document.annotations?.message_pattern === 'notifications.viewed',
    );
    const producer = trace.find((e) => e.document.id === event.document.parent_id)!;
    expect(producer.document.namespace).toBe('remote');
    expect(producer.document.name).toBe('notifications.viewed');
    expect(segmentOf(trace, producer).document.id).toBe(
      find(trace, 'gateway', (e) => e.isSegment).document.id,
    );
  });

  it('continues a caller X-Amzn-Trace-Id in both X-Ray and OpenTelemetry', async () => {
    const root = '1-5759e988-bd862e3fe1be46a994272793';
    const parent = '53995c3f42cd8ad8';
    const response = await get('/api/activities/home', {
      'x-amzn-trace-id': `Root=${root};Parent=${parent};Sampled=1`,
    });
    expect(response.status).toBe(200);
    const { traceId } = traceOf(response);
    expect(xrayId(traceId)).toBe(root);
    const trace = await waitForTrace(traceId, (all) => all.filter((e) => e.isSegment).length >= 2);
    expect(find(trace, 'gateway', (e) => e.isSegment).document.parent_id).toBe(parent);
    await otlp.waitForSpans(() => otlp.spansOfTrace(traceId).length >= 4);
    const http = otlp.spansOfTrace(traceId).find((s) => s.name === 'GET /api/activities/home')!;
    expect(http.parentSpanId).toBe(parent);
  });

  it('gives a W3C traceparent the matching X-Ray trace id', async () => {
    const response = await get('/api/activities/home', {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(response.status).toBe(200);
    const trace = await waitForTrace('4bf92f3577b34da6a3ce929d0e0e4736', (all) =>
      all.some((e) => e.isSegment && e.document.name === 'gateway'),
    );
    const gateway = find(trace, 'gateway', (e) => e.isSegment);
    expect(gateway.traceId).toBe('1-4bf92f35-77b34da6a3ce929d0e0e4736');
    expect(gateway.document.parent_id).toBe('00f067aa0ba902b7');
  });

  it('respects an upstream Sampled=0: nothing is sent for that trace by any service', async () => {
    const root = '1-5759e988-00000000000000000000dead';
    const dropped = await get('/api/health', {
      'x-amzn-trace-id': `Root=${root};Parent=53995c3f42cd8ad8;Sampled=0`,
    });
    expect(dropped.status).toBe(200);
    expect(xrayId(traceOf(dropped).traceId)).toBe(root);
    // A sampled request afterwards: once its segments arrived, the unsampled ones would have too.
    const marker = await get('/api/health');
    const { traceId } = traceOf(marker);
    await waitForTrace(traceId, (all) => all.filter((e) => e.isSegment).length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(daemon.entitiesOfTrace(root)).toEqual([]);
  });

  it.each([
    ['garbage', 'not a trace header'],
    ['a short root', 'Root=1-5759e988-bd862e3fe1be46a99427;Parent=53995c3f42cd8ad8;Sampled=1'],
    [
      'a long parent',
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8ff;Sampled=1',
    ],
    ['no root', 'Parent=53995c3f42cd8ad8;Sampled=1'],
    [
      'upper-case hex',
      'Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8;Sampled=1',
    ],
    [
      'an all-zero root',
      'Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8;Sampled=1',
    ],
    ['a huge value', `Root=1-5759e988-bd862e3fe1be46a994272793;${'x=y;'.repeat(1500)}`],
  ])('starts a fresh trace for an X-Amzn-Trace-Id with %s', async (_why, header) => {
    const response = await get('/api/activities/home', { 'x-amzn-trace-id': header });
    expect(response.status).toBe(200);
    const { traceId } = traceOf(response);
    expect(traceId).not.toMatch(/^5759e988/i);
    const trace = await waitForTrace(traceId, (all) => all.filter((e) => e.isSegment).length >= 2);
    expect(find(trace, 'gateway', (e) => e.isSegment).document.parent_id).toBeUndefined();
  });

  it('never logs a stack trace or a context-missing error, and every datagram decodes', () => {
    noStackTraces(mesh);
    expect(daemon.rejected).toEqual([]);
    expect(Math.max(...daemon.datagramSizes)).toBeLessThanOrEqual(64_000);
  });
});

describe('One sampling decision: aws/json/xray.json (reservoir 5/s, then 10%) for OTLP and X-Ray', () => {
  it('sends the same traces to both backends over 1,000 requests, sampled as the rule says', async () => {
    const daemon = await XRayDaemonReceiver.start();
    const otlp = await OtlpReceiver.start();
    const mesh = await startMesh({
      AWS_XRAY_DAEMON_ADDRESS: daemon.address,
      AWS_XRAY_SAMPLING_RULES: 'aws/json/xray.json',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    try {
      const requests = 1000;
      const sent: Array<{ traceId: string; sampled: boolean }> = [];
      // Ten at a time: fast enough that most of each second is past the reservoir.
      for (let i = 0; i < requests; i += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, async () => {
            const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
            expect(response.status).toBe(200);
            return traceOf(response);
          }),
        );
        sent.push(...batch);
      }
      const flagged = new Set(sent.filter((r) => r.sampled).map((r) => r.traceId));
      const tracesAtOtlp = () => new Set(otlp.spans.map((span) => span.traceId)).size;
      const downstreamSegments = () =>
        daemon.segments.filter((segment) => segment.name === 'home-activities').length;
      await waitFor(() => tracesAtOtlp() >= flagged.size && downstreamSegments() >= flagged.size, {
        timeoutMs: 30_000,
        what: 'the sampled traces at both receivers',
      });
      await new Promise((resolve) => setTimeout(resolve, 500));

      // The same set everywhere: OTLP, the gateway's segments, the downstream segments, and the
      // sampled flag the gateway answered with.
      const atOtlp = new Set(otlp.spans.map((span) => span.traceId));
      const atXRay = new Set(
        daemon.segments
          .filter((s) => s.name === 'gateway')
          .map((s) => s.trace_id!.replace(/^1-|-/g, '')),
      );
      const downstream = new Set(
        daemon.segments
          .filter((s) => s.name === 'home-activities')
          .map((s) => s.trace_id!.replace(/^1-|-/g, '')),
      );
      expect(atXRay).toEqual(atOtlp);
      expect(downstream).toEqual(atOtlp);
      expect(atOtlp).toEqual(flagged);
      // Every sampled trace is complete at OTLP: 4 spans (HTTP, CLIENT, SERVER, mock data).
      for (const traceId of flagged) expect(otlp.spansOfTrace(traceId)).toHaveLength(4);

      // The rate: per second, the reservoir (5) and then 10 % of the rest. The second a request
      // was decided in is in its trace id: X-Ray ids begin with the epoch seconds, taken by the
      // gateway as it started the request's span, a moment before the sampler ran.
      const bySecond = new Map<number, typeof sent>();
      for (const request of sent) {
        const second = parseInt(request.traceId.slice(0, 8), 16);
        bySecond.set(second, [...(bySecond.get(second) ?? []), request]);
      }
      let expected = 0;
      let variance = 0;
      for (const inSecond of bySecond.values()) {
        // The reservoir: every second has its 5 (one of slack for a request decided on the edge).
        const sampledInSecond = inSecond.filter((request) => request.sampled).length;
        expect(sampledInSecond).toBeGreaterThanOrEqual(Math.min(5, inSecond.length) - 1);
        const past = Math.max(0, inSecond.length - 5);
        expected += Math.min(5, inSecond.length) + past * 0.1;
        variance += past * 0.1 * 0.9;
      }
      const slack = 4 * Math.sqrt(variance) + bySecond.size;
      expect(Math.abs(flagged.size - expected)).toBeLessThan(slack);
      expect(flagged.size).toBeLessThan(requests / 3);
      for (const segment of daemon.segments.filter((s) => s.name === 'gateway')) {
        expect(segment.aws).toMatchObject({ xray: { rule_name: 'Cruddur' } });
      }
      expect(daemon.rejected).toEqual([]);
    } finally {
      await mesh.stop();
      await daemon.close();
      await otlp.close();
    }
  });

  it('lets OTEL_TRACES_SAMPLER override the rule, for both backends', async () => {
    const daemon = await XRayDaemonReceiver.start();
    const otlp = await OtlpReceiver.start();
    const mesh = await startMesh({
      AWS_XRAY_DAEMON_ADDRESS: daemon.address,
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    });
    try {
      const traces: string[] = [];
      for (let i = 0; i < 40; i++) {
        const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
        traces.push(traceOf(response).traceId);
      }
      await daemon.waitForEntities(
        () => daemon.segments.filter((s) => s.name === 'home-activities').length >= 40,
      );
      await otlp.waitForSpans(() => new Set(otlp.spans.map((s) => s.traceId)).size >= 40);
      expect(new Set(otlp.spans.map((s) => s.traceId))).toEqual(new Set(traces));
      // Not sampled by a rule: no rule name.
      expect(daemon.segments.find((s) => s.name === 'gateway')?.aws).not.toHaveProperty(
        'xray.rule_name',
      );
    } finally {
      await mesh.stop();
      await daemon.close();
      await otlp.close();
    }
  });
});

describe('X-Ray switched off or without a daemon', () => {
  it('sends nothing with AWS_XRAY_SDK_ENABLED=false', async () => {
    const daemon = await XRayDaemonReceiver.start();
    const mesh = await startMesh({
      AWS_XRAY_SDK_ENABLED: 'false',
      AWS_XRAY_DAEMON_ADDRESS: daemon.address,
      OTEL_SDK_DISABLED: 'true',
    });
    try {
      for (const path of ['/api/activities/home', '/api/activities/notifications', '/api/health']) {
        expect((await fetch(`${mesh.gatewayUrl}${path}`)).status).toBe(200);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(daemon.datagramSizes).toEqual([]);
      noStackTraces(mesh);
    } finally {
      await mesh.stop();
      await daemon.close();
    }
  });

  it.each([
    ['does not resolve', 'no-such-daemon.invalid:2000'],
    ['refuses', async () => `127.0.0.1:${await freeUdpPort()}`],
  ])(
    'serves every request at full speed when the daemon address %s, and says so at most once',
    async (_why, address) => {
      const mesh = await startMesh({
        AWS_XRAY_DAEMON_ADDRESS: typeof address === 'string' ? address : await address(),
        AWS_XRAY_SAMPLING_RULES: sampleEverythingRules(),
        // Segments come from spans: tracing is on, its OTLP export goes nowhere.
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      try {
        const started = Date.now();
        for (let i = 0; i < 20; i++) {
          const response = await fetch(`${mesh.gatewayUrl}/api/activities/notifications`);
          expect(response.status).toBe(200);
        }
        expect(Date.now() - started).toBeLessThan(10_000);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        for (const service of Object.values(mesh.services)) {
          const warnings = service.output.filter((line) =>
            line.includes('not reaching the daemon'),
          );
          expect(warnings.length).toBeLessThanOrEqual(1);
        }
        noStackTraces(mesh);
      } finally {
        await mesh.stop();
      }
    },
  );
});
