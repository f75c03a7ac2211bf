import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { OtlpReceiver, ServiceProcess, startMesh, traceIdOf, waitFor } from '@cruddur/testing';
import type { RunningMesh } from '@cruddur/testing';
import { OtlpSpanKind, OtlpStatusCode } from '@cruddur/telemetry-wire';
import type { DecodedSpan } from '@cruddur/telemetry-wire';

jest.setTimeout(60_000);

const USER_HANDLE_HEADER = 'x-cruddur-user-handle';

/** Every span's parent is in the trace, except the root's (which may be the caller's span). */
function expectConnected(spans: DecodedSpan[], callerSpanId?: string): void {
  const ids = new Set(spans.map((span) => span.spanId));
  const roots = spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
  expect(roots).toHaveLength(1);
  expect(roots[0].parentSpanId).toBe(callerSpanId);
}

function byName(spans: DecodedSpan[], name: string, service?: string): DecodedSpan {
  const found = spans.find(
    (span) => span.name === name && (!service || span.serviceName === service),
  );
  if (!found)
    throw new Error(
      `no span ${name} (${service}) in ${spans.map((s) => `${s.serviceName}:${s.name}`).join(', ')}`,
    );
  return found;
}

describe('the mesh, traced end to end over HTTP and TCP', () => {
  let receiver: OtlpReceiver;
  let mesh: RunningMesh;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    mesh = await startMesh({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  });

  afterAll(async () => {
    await mesh?.stop();
    await receiver?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${mesh.gatewayUrl}${path}`, { headers });

  it('serves the home feed as one trace: gateway HTTP, client call, handler, custom span', async () => {
    const response = await get('/api/activities/home');
    expect(response.status).toBe(200);
    const activities = (await response.json()) as Array<Record<string, unknown>>;
    expect(activities).toHaveLength(3);
    expect(activities[0]).toMatchObject({
      handle: 'Andrew Brown',
      message: 'Cloud is fun!',
      likes_count: 5,
    });
    expect(activities[0].replies).toEqual([expect.objectContaining({ handle: 'Worf' })]);

    const traceId = traceIdOf(response);
    const spans = await receiver.waitForSpans(
      (all) => all.filter((s) => s.traceId === traceId).length >= 4,
    );
    const trace = receiver.spansOfTrace(traceId);
    expectConnected(trace);

    const http = byName(trace, 'GET /api/activities/home', 'gateway');
    const client = byName(trace, 'home-activities/activities.home', 'gateway');
    const server = byName(trace, 'home-activities/activities.home', 'home-activities');
    const custom = byName(trace, 'home-activities-mock-data', 'home-activities');
    expect(http.kind).toBe(OtlpSpanKind.Server);
    expect(http.attributes['http.route']).toBe('/api/activities/home');
    expect(client.kind).toBe(OtlpSpanKind.Client);
    expect(client.parentSpanId).toBe(http.spanId);
    expect(client.attributes).toMatchObject({
      'rpc.system': 'nestjs_tcp',
      'rpc.service': 'home-activities',
      'rpc.method': 'activities.home',
      'server.port': mesh.ports.homeActivities,
    });
    expect(server.kind).toBe(OtlpSpanKind.Server);
    expect(server.parentSpanId).toBe(client.spanId);
    expect(custom.parentSpanId).toBe(server.spanId);
    expect(custom.attributes['app.result_length']).toBe(3);
    expect(Date.parse(String(custom.attributes['app.now']))).not.toBeNaN();
    for (const span of [http, client, server, custom]) {
      expect({ span: span.name, status: span.status.code }).toEqual({
        span: span.name,
        status: OtlpStatusCode.Unset,
      });
    }
    expect(spans.length).toBeGreaterThanOrEqual(4);
  });

  it('exports no secret in a span: the query token and an authorization header are filtered', async () => {
    const secret = 'e2e-query-secret-value';
    const response = await get(`/api/activities/home?access_token=${secret}&page=1`, {
      authorization: 'Bearer e2e-header-secret-value',
    });
    expect(response.status).toBe(200);
    const traceId = traceIdOf(response);
    await receiver.waitForSpans((all) => all.filter((s) => s.traceId === traceId).length >= 4);
    const trace = receiver.spansOfTrace(traceId);
    const http = byName(trace, 'GET /api/activities/home', 'gateway');
    const exported = JSON.stringify(trace);
    // The HTTP span records the URL it was asked for, query included: the token is in its place.
    expect(exported).toContain('access_token=[REDACTED]');
    expect(exported).not.toContain(secret);
    expect(exported).not.toContain('e2e-header-secret-value');
    expect(http.attributes['http.route']).toBe('/api/activities/home');
  });

  it('gives each service its own service.name and one trace across all three', async () => {
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      services: { 'home-activities': 'up', notifications: 'up' },
    });
    const traceId = traceIdOf(response);
    await receiver.waitForSpans(
      () => new Set(receiver.spansOfTrace(traceId).map((s) => s.serviceName)).size === 3,
    );
    const trace = receiver.spansOfTrace(traceId);
    expect(new Set(trace.map((span) => span.serviceName))).toEqual(
      new Set(['gateway', 'home-activities', 'notifications']),
    );
    expectConnected(trace);
  });

  it('continues a caller traceparent and carries the user handle as baggage into every service', async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const headers = {
      traceparent: `00-${callerTrace}-${callerSpan}-01`,
      [USER_HANDLE_HEADER]: 'andrewbrown',
    };
    const [home, notifications] = await Promise.all([
      get('/api/activities/home', headers),
      get('/api/activities/notifications', headers),
    ]);
    expect(home.status).toBe(200);
    expect(notifications.status).toBe(200);
    expect(traceIdOf(home)).toBe(callerTrace);
    expect(traceIdOf(notifications)).toBe(callerTrace);

    // home: HTTP, client, handler, custom span; notifications: the same plus the event's two spans.
    await receiver.waitForSpans(() => receiver.spansOfTrace(callerTrace).length >= 10);
    const trace = receiver.spansOfTrace(callerTrace);
    expect(new Set(trace.map((span) => span.serviceName))).toEqual(
      new Set(['gateway', 'home-activities', 'notifications']),
    );
    for (const root of trace.filter((span) => span.name.startsWith('GET '))) {
      expect(root.parentSpanId).toBe(callerSpan);
    }
    for (const span of trace) {
      expect({ span: span.name, user: span.attributes['app.user_id'] }).toEqual({
        span: span.name,
        user: 'andrewbrown',
      });
    }
    const custom = byName(trace, 'notifications-mock-data', 'notifications');
    expect(custom.status.code).toBe(OtlpStatusCode.Ok);
    expect(custom.attributes['app.notification']).toBe('cruddur');
    // The event is a PRODUCER span in the gateway and a CONSUMER span in notifications.
    const sent = byName(trace, 'send notifications.viewed', 'gateway');
    const processed = byName(trace, 'process notifications.viewed', 'notifications');
    expect(sent.kind).toBe(OtlpSpanKind.Producer);
    expect(processed.kind).toBe(OtlpSpanKind.Consumer);
    expect(processed.parentSpanId).toBe(sent.spanId);
  });

  it.each([
    ['an unknown version', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['upper-case hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01'],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01'],
    ['a long span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7aa-01'],
    ['garbage', 'not a traceparent at all'],
    [
      'an oversized value',
      `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01${'-x'.repeat(4000)}`,
    ],
  ])('starts a fresh trace for a traceparent with %s', async (_why, traceparent) => {
    const response = await get('/api/activities/home', {
      traceparent,
      tracestate: `${'k'.repeat(300)}=v,=,,,bad key=1`,
      baggage: `${'%'.repeat(100)};;;=,app.user_id`,
    });
    expect(response.status).toBe(200);
    const traceId = traceIdOf(response);
    expect(traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    await receiver.waitForSpans(() => receiver.spansOfTrace(traceId).length >= 4);
    const http = byName(receiver.spansOfTrace(traceId), 'GET /api/activities/home', 'gateway');
    expect(http.parentSpanId).toBeUndefined();
    expectConnected(receiver.spansOfTrace(traceId));
  });

  it('survives garbage, truncated and huge frames on a microservice port', async () => {
    const port = mesh.ports.homeActivities;
    const send = (payload: string | Buffer, { end = true } = {}) =>
      new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(payload);
          if (end) socket.end();
        });
        socket.on('error', () => resolve());
        socket.resume(); // read (and discard) any reply, or 'close' never comes
        socket.on('close', () => resolve());
        if (!end) setTimeout(() => socket.destroy(), 200);
      });
    await send(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]));
    await send('abc#{"pattern":"activities.home"');
    await send('12#{"truncated', { end: false });
    await send(`99999999999#${'x'.repeat(2 * 1024 * 1024)}`);
    await send('5#"str"');
    await send('4#null');
    await send('40#{"pattern":"activities.home","id":"1","headers":7}');
    await send(
      `${'{"pattern":{"a":[1,2,{}]},"id":"x"}'.length}#{"pattern":{"a":[1,2,{}]},"id":"x"}`,
    );
    expect(mesh.services.homeActivities.running).toBe(true);
    const response = await get('/api/activities/home');
    expect(response.status).toBe(200);
  });
});

describe('when a downstream service is down or slow', () => {
  let mesh: RunningMesh;
  let blackHole: Server | undefined;
  const held: Socket[] = [];

  beforeAll(async () => {
    // No OTLP endpoint at all: export fails throughout, which must never touch a request.
    mesh = await startMesh({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_EXPORTER_OTLP_TIMEOUT: '500',
      DOWNSTREAM_TIMEOUT_MS: '800',
      HEALTH_TIMEOUT_MS: '300',
    });
  });

  afterAll(async () => {
    await mesh?.stop();
    held.forEach((socket) => socket.destroy());
    await new Promise((resolve) => (blackHole ? blackHole.close(resolve) : resolve(undefined)));
  });

  it('answers 503 naming the service, reports it in health, and reconnects when it is back', async () => {
    await mesh.services.notifications.stop();

    const response = await fetch(`${mesh.gatewayUrl}/api/activities/notifications`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 503, message: 'notifications is unavailable' });
    expect(body.traceId).toBe(traceIdOf(response));
    expect(JSON.stringify(body)).not.toMatch(/stack|127\.0\.0\.1|ECONNREFUSED/);

    const health = await fetch(`${mesh.gatewayUrl}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      message: 'not answering: notifications',
      services: { 'home-activities': 'up', notifications: 'down' },
    });

    const restarted = await ServiceProcess.start({
      name: 'notifications',
      entry: 'dist/apps/notifications/main.js',
      env: mesh.env,
    });
    try {
      const again = await waitFor(
        async () => {
          const retry = await fetch(`${mesh.gatewayUrl}/api/activities/notifications`);
          return retry.status === 200 ? retry : undefined;
        },
        { what: 'the gateway to reach notifications again' },
      );
      expect(await again.json()).toEqual([expect.objectContaining({ handle: 'Coco Melon' })]);
    } finally {
      await restarted.stop();
    }
  });

  it('answers 504 when a service accepts the call but never replies', async () => {
    await mesh.services.homeActivities.stop();
    blackHole = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) =>
      blackHole!.listen(mesh.ports.homeActivities, '127.0.0.1', resolve),
    );

    const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({
      statusCode: 504,
      message: 'home-activities did not answer within 800 ms',
      traceId: traceIdOf(response),
    });
  });

  it('reports the unreachable OTLP endpoint once, not once per batch', async () => {
    for (let i = 0; i < 5; i++) await fetch(`${mesh.gatewayUrl}/api/health`);
    const warnings = () =>
      mesh.services.gateway.output.filter((line) =>
        line.includes('trace export to http://127.0.0.1:9'),
      );
    await waitFor(() => warnings().length > 0, { what: 'the export warning' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(warnings()).toHaveLength(1);
  });
});

describe('export encodings and shutdown', () => {
  it('exports OTLP/JSON when asked and flushes every buffered span on SIGTERM', async () => {
    const receiver = await OtlpReceiver.start();
    // Batches would wait a minute: only the shutdown flush can deliver these spans in time.
    const mesh = await startMesh({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    });
    try {
      const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
      expect(response.status).toBe(200);
      const traceId = traceIdOf(response);
      expect(receiver.spans).toHaveLength(0);

      const exits = await Promise.all(
        Object.values(mesh.services).map((service) => service.stop('SIGTERM')),
      );
      expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0]);

      const trace = receiver.spansOfTrace(traceId);
      expect(trace.map((span) => span.name).sort()).toEqual([
        'GET /api/activities/home',
        'home-activities-mock-data',
        'home-activities/activities.home',
        'home-activities/activities.home',
      ]);
      expect(receiver.exports.every((received) => received.encoding === 'json')).toBe(true);
    } finally {
      await mesh.stop();
      await receiver.close();
    }
  });
});
