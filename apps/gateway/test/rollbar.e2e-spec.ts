import { connect } from 'node:net';
import {
  freePort,
  OtlpReceiver,
  RollbarReceiver,
  ServiceProcess,
  startMesh,
  traceIdOf,
  waitFor,
} from '@cruddur/testing';
import type { RunningMesh } from '@cruddur/testing';
import { OtlpSpanKind, OtlpStatusCode } from '@cruddur/telemetry-wire';
import type { RollbarItem } from '@cruddur/telemetry-wire';

jest.setTimeout(60_000);

const TOKEN = 'rollbar-e2e-post-server-item-token';
const USER_HANDLE_HEADER = 'x-cruddur-user-handle';

function itemsOfTrace(receiver: RollbarReceiver, traceId: string): RollbarItem[] {
  return receiver.items.filter((item) => item.data.custom?.trace_id === traceId);
}

/** Sleeps long enough for a notifier to have sent anything it was going to send. */
const settle = (ms = 1000) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Rollbar: items from the mesh, linked to the trace', () => {
  let rollbar: RollbarReceiver;
  let otlp: OtlpReceiver;
  let mesh: RunningMesh;

  beforeAll(async () => {
    rollbar = await RollbarReceiver.start({ acceptToken: (token) => token === TOKEN });
    otlp = await OtlpReceiver.start();
    mesh = await startMesh({
      ROLLBAR_ACCESS_TOKEN: TOKEN,
      ROLLBAR_ENDPOINT: rollbar.endpoint,
      ROLLBAR_ENVIRONMENT: 'e2e',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      NOTIFICATIONS_FAULT: 'throw',
      DOWNSTREAM_TIMEOUT_MS: '1500',
    });
  });

  afterAll(async () => {
    await mesh?.stop();
    await rollbar?.close();
    await otlp?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${mesh.gatewayUrl}${path}`, { headers });

  it('says at start-up where each service reports, and that notifications injects a fault', () => {
    for (const service of Object.values(mesh.services)) {
      expect(service.output.filter((line) => line.includes('reporting errors of'))).toHaveLength(1);
    }
    expect(mesh.services.notifications.output.join('\n')).toContain(
      'fault injection is on (NOTIFICATIONS_FAULT=throw)',
    );
  });

  it('GET /rollbar/test answers 200 and files a warning "Hello World!" in the trace', async () => {
    const response = await get('/rollbar/test', { [USER_HANDLE_HEADER]: 'andrewbrown' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Hello World!');
    const traceId = traceIdOf(response);

    await rollbar.waitForItems(() => itemsOfTrace(rollbar, traceId).length > 0);
    const [item] = itemsOfTrace(rollbar, traceId);
    expect(item.accessToken).toBe(TOKEN);
    expect(item.data).toMatchObject({
      environment: 'e2e',
      level: 'warning',
      body: { message: { body: 'Hello World!' } },
      context: '/rollbar/test',
      person: { id: 'andrewbrown' },
      request: { method: 'GET' },
      custom: { service: 'gateway', trace_id: traceId, user_id: 'andrewbrown' },
    });
    expect(item.data.request?.url).toMatch(/\/rollbar\/test$/);
    expect(item.data.custom?.span_id).toMatch(/^[0-9a-f]{16}$/);
    // The span id is the gateway's HTTP server span of that request.
    const spans = await otlp.waitForSpans(() =>
      otlp.spansOfTrace(traceId).some((span) => span.name === 'GET /rollbar/test'),
    );
    const http = spans.find(
      (span) => span.traceId === traceId && span.name === 'GET /rollbar/test',
    );
    expect(http?.spanId).toBe(item.data.custom?.span_id);
  });

  it('files a failing notifications handler once, from notifications, and answers 502 with the trace id', async () => {
    const response = await get('/api/activities/notifications', {
      [USER_HANDLE_HEADER]: 'andrewbrown',
    });
    expect(response.status).toBe(502);
    const traceId = traceIdOf(response);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      statusCode: 502,
      message: 'notifications failed to handle the request',
      error: 'Bad Gateway',
      traceId,
    });
    expect(JSON.stringify(body)).not.toMatch(/stack|injected|127\.0\.0\.1|at .*\.js/);

    await rollbar.waitForItems(() => itemsOfTrace(rollbar, traceId).length > 0);
    await settle(); // time for a second, wrong item from the gateway to arrive
    const items = itemsOfTrace(rollbar, traceId);
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item.data).toMatchObject({
      environment: 'e2e',
      level: 'error',
      context: 'notifications.list',
      person: { id: 'andrewbrown' },
      custom: {
        service: 'notifications',
        trace_id: traceId,
        message_pattern: 'notifications.list',
        user_id: 'andrewbrown',
      },
    });
    const exception = item.data.body.trace_chain?.[0].exception;
    expect(exception).toEqual({
      class: 'InjectedFaultError',
      message: 'injected fault (NOTIFICATIONS_FAULT=throw): the notifications feed failed',
    });
    expect(item.data.body.trace_chain?.[0].frames.length).toBeGreaterThan(0);

    // The item's span is the notifications SERVER span, marked ERROR with the exception recorded.
    const spanId = item.data.custom?.span_id;
    await otlp.waitForSpans(() => otlp.spansOfTrace(traceId).some((s) => s.spanId === spanId));
    const server = otlp.spansOfTrace(traceId).find((span) => span.spanId === spanId)!;
    expect(server).toMatchObject({
      serviceName: 'notifications',
      name: 'notifications/notifications.list',
      kind: OtlpSpanKind.Server,
    });
    expect(server.status.code).toBe(OtlpStatusCode.Error);
    const recorded = server.events.find(
      (event) => event.attributes['exception.type'] === 'InjectedFaultError',
    );
    expect(recorded?.attributes['exception.message']).toContain('injected fault');
    expect(String(recorded?.attributes['exception.stacktrace'])).toContain('notifications.service');
    // Recorded once, by the filter that saw the real exception, not again from the serialised reply.
    expect(server.events.filter((event) => event.name === 'exception')).toHaveLength(1);
    expect(server.status.message).toContain('injected fault');
  });

  it('files nothing for a 4xx', async () => {
    rollbar.clear();
    const response = await get('/api/no-such-route');
    expect(response.status).toBe(404);
    const traceId = traceIdOf(response);
    expect(await response.json()).toMatchObject({ statusCode: 404, traceId });
    // A probe after it: once its item is in, the 404's would have been too.
    const probe = await get('/rollbar/test');
    await rollbar.waitForItems(() => itemsOfTrace(rollbar, traceIdOf(probe)).length > 0);
    expect(itemsOfTrace(rollbar, traceId)).toEqual([]);
    expect(rollbar.items).toHaveLength(1);
  });

  it('lets no secret reach Rollbar: headers, query parameters, cookies', async () => {
    rollbar.clear();
    const secrets = {
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.secret-jwt-value',
      cookie: 'session=cookie-secret-value; theme=dark',
      'x-api-key': 'api-key-secret-value',
      'x-honeycomb-team': 'honeycomb-secret-value',
      'x-amz-security-token': 'aws-session-secret-value',
      'x-rollbar-access-token': 'client-sent-rollbar-secret',
      'proxy-authorization': 'Basic cHJveHktc2VjcmV0',
    };
    const response = await fetch(
      `${mesh.gatewayUrl}/rollbar/test?access_token=query-secret-value&password=hunter2-secret&page=2`,
      { headers: { ...secrets, [USER_HANDLE_HEADER]: 'andrewbrown' } },
    );
    expect(response.status).toBe(200);
    const traceId = traceIdOf(response);
    const [item] = await rollbar.waitForItems(() => itemsOfTrace(rollbar, traceId).length > 0);

    const sent = rollbar.requests.map((request) => request.body).join('\n');
    const forbidden = [
      ...Object.values(secrets),
      'eyJhbGciOiJIUzI1NiJ9',
      'cookie-secret-value',
      'query-secret-value',
      'hunter2-secret',
      'cHJveHktc2VjcmV0',
      TOKEN,
    ];
    for (const secret of forbidden) {
      expect({ secret, leaked: sent.includes(secret) }).toEqual({ secret, leaked: false });
    }
    // Scrubbed, not dropped: the item still says the headers were there.
    const headers = item.data.request?.headers ?? {};
    for (const name of Object.keys(secrets)) {
      expect({ name, value: headers[name] }).toEqual({
        name,
        value: expect.stringMatching(/^\*+$/),
      });
    }
    expect(headers[USER_HANDLE_HEADER]).toBe('andrewbrown');
    expect(item.data.request?.url).toContain('page=2');
  });

  it('keeps requests unaffected while Rollbar fails, and warns once per outage', async () => {
    const outageLines = (service: ServiceProcess) =>
      service.output.filter((line) => line.includes(`reporting to ${rollbar.endpoint} failed`));
    const recoveryLines = (service: ServiceProcess) =>
      service.output.filter((line) =>
        line.includes(`reporting to ${rollbar.endpoint} works again`),
      );
    rollbar.behaviour = { failWithStatus: 503 };
    for (let i = 0; i < 6; i++) {
      const started = Date.now();
      const [ok, failing] = await Promise.all([
        get('/rollbar/test'),
        get('/api/activities/notifications'),
      ]);
      expect(ok.status).toBe(200);
      expect(failing.status).toBe(502);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    await waitFor(() => outageLines(mesh.services.gateway).length > 0, { what: 'a warning' });
    await waitFor(() => outageLines(mesh.services.notifications).length > 0, {
      what: 'a warning',
    });
    await settle();
    expect(outageLines(mesh.services.gateway)).toHaveLength(1);
    expect(outageLines(mesh.services.notifications)).toHaveLength(1);

    rollbar.behaviour = {};
    expect((await get('/rollbar/test')).status).toBe(200);
    await waitFor(() => recoveryLines(mesh.services.gateway).length === 1, {
      what: 'the recovery line',
    });
    expect(recoveryLines(mesh.services.gateway)[0]).toMatch(/after 6 lost item\(s\)/);
  });

  it('files a downstream outage from the gateway, which is where it happens', async () => {
    rollbar.clear();
    await mesh.services.homeActivities.stop();
    const response = await get('/api/activities/home');
    expect(response.status).toBe(503);
    const traceId = traceIdOf(response);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      statusCode: 503,
      message: 'home-activities is unavailable',
      traceId,
    });
    expect(JSON.stringify(body)).not.toMatch(/stack|127\.0\.0\.1|ECONNREFUSED/);

    const [item] = await rollbar.waitForItems(() => itemsOfTrace(rollbar, traceId).length > 0);
    expect(item.data).toMatchObject({
      level: 'error',
      context: '/api/activities/home',
      custom: { service: 'gateway', trace_id: traceId },
      body: {
        trace_chain: [
          {
            exception: {
              class: 'ServiceUnavailableException',
              message: 'home-activities is unavailable',
            },
          },
        ],
      },
    });
    expect(itemsOfTrace(rollbar, traceId)).toHaveLength(1);
  });
});

describe('Rollbar without a token', () => {
  it('is disabled with one start-up line: no crash, no request', async () => {
    const rollbar = await RollbarReceiver.start();
    const mesh = await startMesh({
      ROLLBAR_ENDPOINT: rollbar.endpoint,
      NOTIFICATIONS_FAULT: 'throw',
      OTEL_SDK_DISABLED: 'true',
    });
    try {
      expect((await fetch(`${mesh.gatewayUrl}/rollbar/test`)).status).toBe(200);
      expect((await fetch(`${mesh.gatewayUrl}/api/activities/notifications`)).status).toBe(502);
      expect((await fetch(`${mesh.gatewayUrl}/api/activities/home`)).status).toBe(200);
      await settle(1500); // rollbar 3.1.0 would crash from its send timer by now
      for (const service of Object.values(mesh.services)) {
        expect(service.running).toBe(true);
        expect(
          service.output.filter((line) =>
            line.includes('Rollbar disabled: ROLLBAR_ACCESS_TOKEN is not set'),
          ),
        ).toHaveLength(1);
      }
      expect(rollbar.requests).toEqual([]);
    } finally {
      await mesh.stop();
      await rollbar.close();
    }
  });
});

describe('Rollbar at the end of a process', () => {
  let rollbar: RollbarReceiver;

  beforeAll(async () => {
    rollbar = await RollbarReceiver.start();
  });
  afterAll(async () => {
    await rollbar?.close();
  });

  /** Starts notifications alone, with `env`, on a free port. */
  async function startNotifications(env: Record<string, string>): Promise<{
    service: ServiceProcess;
    port: number;
  }> {
    const port = await freePort();
    const service = await ServiceProcess.start({
      name: 'notifications',
      entry: 'dist/apps/notifications/main.js',
      env: {
        NOTIFICATIONS_HOST: '127.0.0.1',
        NOTIFICATIONS_PORT: String(port),
        ROLLBAR_ACCESS_TOKEN: TOKEN,
        ROLLBAR_ENDPOINT: rollbar.endpoint,
        OTEL_SDK_DISABLED: 'true',
        ...env,
      },
    });
    return { service, port };
  }

  /** Sends one Nest TCP request frame for the notifications feed and waits for any reply. */
  function requestFeed(port: number): Promise<string> {
    const frame = JSON.stringify({ pattern: 'notifications.list', data: {}, id: 'e2e-1' });
    return new Promise((resolve) => {
      let reply = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(`${frame.length}#${frame}`));
      socket.on('data', (chunk) => {
        reply += chunk.toString('utf8');
        if (reply.includes('"isDisposed":true')) socket.end();
      });
      socket.on('error', () => resolve(reply));
      socket.on('close', () => resolve(reply));
    });
  }

  it.each([
    ['uncaught', 'uncaught exception'],
    ['unhandled-rejection', 'unhandled rejection'],
  ])('reports %s and delivers the item before the process exits 1', async (fault, kind) => {
    rollbar.clear();
    // Rollbar answers slowly: only a flush that waits can deliver the item before the exit.
    rollbar.behaviour = { delayMs: 700 };
    const { service, port } = await startNotifications({ NOTIFICATIONS_FAULT: fault });
    try {
      await requestFeed(port);
      const exit = await service.waitForExit();
      expect(exit.code).toBe(1);
      const items = rollbar.items.filter((item) => item.data.custom?.uncaught === kind);
      expect(items).toHaveLength(1);
      expect(items[0].data).toMatchObject({
        level: 'critical',
        custom: { service: 'notifications' },
        body: { trace_chain: [{ exception: { class: 'InjectedFaultError' } }] },
      });
      expect(service.output.join('\n')).toContain(`${kind}: injected fault`);
    } finally {
      rollbar.behaviour = {};
      await service.stop('SIGKILL');
    }
  });

  it('flushes items in flight on SIGTERM, and gives up after the flush timeout', async () => {
    rollbar.clear();
    rollbar.behaviour = { delayMs: 800 };
    const first = await startNotifications({ NOTIFICATIONS_FAULT: 'throw' });
    await requestFeed(first.port);
    const exit = await first.service.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(rollbar.items.map((item) => item.data.custom?.service)).toEqual(['notifications']);

    // A Rollbar that never answers: shutdown still ends, bounded by the 3 s flush timeout.
    rollbar.behaviour = { delayMs: 60_000 };
    const second = await startNotifications({ NOTIFICATIONS_FAULT: 'throw' });
    await requestFeed(second.port);
    await settle(300);
    const started = Date.now();
    const hung = await second.service.stop('SIGTERM');
    expect(hung.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(second.service.output.join('\n')).toMatch(/1 item\(s\) still unanswered/);
    rollbar.behaviour = {};
  });
});
