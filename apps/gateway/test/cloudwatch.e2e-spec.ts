import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsReceiver,
  OtlpReceiver,
  ServiceProcess,
  startMesh,
  traceIdOf,
  waitFor,
} from '@cruddur/testing';
import type { RunningMesh } from '@cruddur/testing';
import { PutLogEventsLimits, logEventSize } from '@cruddur/telemetry-wire';

jest.setTimeout(90_000);

const GROUP = 'cruddur';
const USER_HANDLE_HEADER = 'x-cruddur-user-handle';
const SERVICES = ['gateway', 'home-activities', 'notifications'];

/** Dummy credentials: the SDK signs with them; the receiver checks the signature's shape. */
const SECRETS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  HONEYCOMB_API_KEY: 'hcaik_01testhoneycombkey000000000000',
  ROLLBAR_ACCESS_TOKEN: 'rollbar0123456789abcdef0123456789ab',
};
const REQUEST_SECRETS = {
  bearer: 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig-request-bearer',
  cookie: 'session-cookie-value-0123456789',
  queryToken: 'query-token-value-9876543210',
};

function cloudWatchEnv(receiver: CloudWatchLogsReceiver, extra: Record<string, string> = {}) {
  return {
    CLOUDWATCH_LOG_GROUP: GROUP,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: receiver.endpoint,
    AWS_REGION: 'us-east-1',
    // Keep the default chain off this machine's own profile and the EC2 metadata endpoint.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    OTEL_EXPORTER_OTLP_HEADERS: `x-honeycomb-team=${SECRETS.HONEYCOMB_API_KEY}`,
    ...SECRETS,
    ...extra,
  };
}

type LogLine = Record<string, unknown> & { logStreamName: string };

/** Every PutLogEvents request the receiver saw obeyed the batch rules. */
function expectBatchRulesKept(receiver: CloudWatchLogsReceiver): void {
  const batches = receiver.putLogEventsRequests;
  expect(batches.length).toBeGreaterThan(0);
  for (const batch of batches) {
    const bytes = batch.logEvents.reduce((sum, event) => sum + logEventSize(event.message), 0);
    const times = batch.logEvents.map((event) => event.timestamp);
    expect(batch.logEvents.length).toBeLessThanOrEqual(PutLogEventsLimits.MAX_BATCH_EVENTS);
    expect(bytes).toBeLessThanOrEqual(PutLogEventsLimits.MAX_BATCH_BYTES);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[times.length - 1] - times[0]).toBeLessThanOrEqual(
      PutLogEventsLimits.MAX_BATCH_SPAN_MS,
    );
  }
}

describe('CloudWatch Logs from every service of the mesh', () => {
  let receiver: CloudWatchLogsReceiver;
  let otlp: OtlpReceiver;
  let mesh: RunningMesh;

  beforeAll(async () => {
    receiver = await CloudWatchLogsReceiver.start();
    otlp = await OtlpReceiver.start();
    mesh = await startMesh(
      cloudWatchEnv(receiver, {
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        CLOUDWATCH_FLUSH_INTERVAL_MS: '100',
      }),
    );
  });

  afterAll(async () => {
    await mesh?.stop();
    await receiver?.close();
    await otlp?.close();
  });

  const linesOf = (traceId: string): LogLine[] =>
    receiver.jsonEvents.filter((line) => line.trace_id === traceId);

  it('starts every service, AWS SDK and Rollbar loaded, without a Node-version or deprecation warning', () => {
    for (const service of Object.values(mesh.services)) {
      const warnings = service.output.filter((line) =>
        /NodeVersionSupportWarning|no longer support|end.of.life|DeprecationWarning|ExperimentalWarning|\(node:\d+\)/i.test(
          line,
        ),
      );
      expect({ service: service.name, warnings }).toEqual({ service: service.name, warnings: [] });
    }
  });

  it('writes one stream per service instance, each line compact JSON with the request trace id', async () => {
    const headers = { [USER_HANDLE_HEADER]: 'andrewbrown' };
    const home = await fetch(`${mesh.gatewayUrl}/api/activities/home`, { headers });
    const notifications = await fetch(`${mesh.gatewayUrl}/api/activities/notifications`, {
      headers,
    });
    expect(home.status).toBe(200);
    expect(notifications.status).toBe(200);
    const homeTrace = traceIdOf(home);
    const notificationsTrace = traceIdOf(notifications);

    await receiver.waitForEvents(
      () =>
        new Set(linesOf(homeTrace).map((line) => line.service)).size === 2 &&
        new Set(linesOf(notificationsTrace).map((line) => line.service)).size === 2,
      { what: 'lines of both requests from all three services' },
    );

    // One stream per service, named service/host/instance, all created by the services.
    const streams = receiver.streamsOf(GROUP);
    expect(streams).toHaveLength(3);
    for (const service of SERVICES) {
      expect(streams.filter((stream) => stream.startsWith(`${service}/`))).toHaveLength(1);
    }
    for (const event of receiver.events) {
      expect(event.message).not.toContain('\n');
      const line = JSON.parse(event.message) as Record<string, unknown>;
      expect(event.logStreamName.startsWith(`${String(line.service)}/`)).toBe(true);
      expect(Object.keys(line).slice(0, 3)).toEqual(['timestamp', 'level', 'service']);
      expect(Date.parse(String(line.timestamp))).toBe(event.timestamp);
    }

    // The journals' lines, each carrying the trace id and user id of the request.
    const access = linesOf(homeTrace).find((line) => line.context === 'AccessLog');
    expect(access).toMatchObject({
      service: 'gateway',
      level: 'info',
      remote_address: '127.0.0.1',
      method: 'GET',
      scheme: 'http',
      path: '/api/activities/home',
      status: 200,
      user_id: 'andrewbrown',
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      // The same trace in X-Ray's notation, to paste into the X-Ray console.
      xray_trace_id: `1-${homeTrace.slice(0, 8)}-${homeTrace.slice(8)}`,
    });
    expect(typeof access!.duration_ms).toBe('number');
    expect(linesOf(homeTrace)).toContainEqual(
      expect.objectContaining({
        service: 'home-activities',
        context: 'HomeActivitiesService',
        message: 'home feed for andrewbrown: 3 activities',
        user_id: 'andrewbrown',
      }),
    );
    expect(linesOf(notificationsTrace)).toContainEqual(
      expect.objectContaining({
        service: 'notifications',
        message: expect.stringContaining('Hello CloudWatch! from /api/activities/notifications'),
        user_id: 'andrewbrown',
      }),
    );
    expect(linesOf(notificationsTrace)).toContainEqual(
      expect.objectContaining({ service: 'gateway', context: 'AccessLog', status: 200 }),
    );

    // Nest's own lines go through the same logger.
    expect(receiver.jsonEvents).toContainEqual(
      expect.objectContaining({ service: 'notifications', context: 'NestMicroservice' }),
    );
    expect(receiver.jsonEvents).toContainEqual(
      expect.objectContaining({ service: 'gateway', context: 'RoutesResolver' }),
    );

    // Real SDK calls: signed with the standard credentials for the logs service and region.
    expect(receiver.signatures.length).toBeGreaterThan(0);
    for (const signature of receiver.signatures) {
      expect(signature).toMatchObject({
        accessKeyId: SECRETS.AWS_ACCESS_KEY_ID,
        region: 'us-east-1',
        service: 'logs',
      });
    }
    expectBatchRulesKept(receiver);

    // Shipping logs adds no spans to any trace.
    await otlp.waitForSpans((spans) => spans.some((span) => span.traceId === homeTrace));
    const cloudWatchPort = String(receiver.port);
    expect(
      otlp.spans.filter((span) => JSON.stringify(span.attributes).includes(cloudWatchPort)),
    ).toEqual([]);
  });

  it('never lets a secret reach a log event or a console line', async () => {
    const response = await fetch(
      `${mesh.gatewayUrl}/api/activities/home?access_token=${REQUEST_SECRETS.queryToken}&page=2`,
      {
        headers: {
          authorization: `Bearer ${REQUEST_SECRETS.bearer}`,
          cookie: `session=${REQUEST_SECRETS.cookie}`,
          [USER_HANDLE_HEADER]: 'worf',
        },
      },
    );
    expect(response.status).toBe(200);
    const traceId = traceIdOf(response);
    const access = await waitFor(
      () => linesOf(traceId).find((line) => line.context === 'AccessLog'),
      { what: 'the access log line' },
    );
    expect(access.path).toBe('/api/activities/home?access_token=[REDACTED]&page=2');

    const everything = [
      ...receiver.events.map((event) => event.message),
      ...Object.values(mesh.services).flatMap((service) => service.output),
    ].join('\n');
    for (const secret of [...Object.values(SECRETS), ...Object.values(REQUEST_SECRETS)]) {
      expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});

describe('shutdown', () => {
  it('delivers every queued line on SIGTERM, within the time bound, and exits 0', async () => {
    const receiver = await CloudWatchLogsReceiver.start();
    const otlp = await OtlpReceiver.start();
    // Batches would wait a minute: only the shutdown flush can deliver these lines in time.
    const mesh = await startMesh(
      cloudWatchEnv(receiver, {
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
        CLOUDWATCH_FLUSH_INTERVAL_MS: '60000',
      }),
    );
    try {
      const traces: string[] = [];
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
        expect(response.status).toBe(200);
        traces.push(traceIdOf(response));
      }
      expect(receiver.putLogEventsRequests).toHaveLength(0);

      const exits = await Promise.all(
        Object.values(mesh.services).map((service) => service.stop('SIGTERM')),
      );
      expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0]);

      const lines = receiver.jsonEvents;
      for (const traceId of traces) {
        const services = lines.filter((line) => line.trace_id === traceId).map((l) => l.service);
        expect({ traceId, services: services.sort() }).toEqual({
          traceId,
          services: ['gateway', 'home-activities'],
        });
      }
      // Everything each service wrote to stdout reached CloudWatch, but for the last line ("<service>
      // stopped in N ms"), which is written once every backend has been flushed and closed.
      for (const service of Object.values(mesh.services)) {
        const written = service.output
          .filter((line) => line.startsWith('{'))
          .filter((line) => !/ stopped in \d+ ms"/.test(line));
        const stored = lines.filter((line) =>
          String(line.logStreamName).startsWith(`${service.name}/`),
        );
        const storedMessages = new Set(stored.map((line) => String(line.message)));
        const missing = written.filter(
          (line) =>
            !storedMessages.has(String((JSON.parse(line) as { message?: unknown }).message)),
        );
        expect({ service: service.name, missing }).toEqual({ service: service.name, missing: [] });
        expect(stored).toContainEqual(expect.objectContaining({ context: 'Shutdown' }));
      }
      expectBatchRulesKept(receiver);
    } finally {
      await mesh.stop();
      await receiver.close();
      await otlp.close();
    }
  });
});

describe('when CloudWatch Logs is down, failing or slow', () => {
  let receiver: CloudWatchLogsReceiver;
  let otlp: OtlpReceiver;
  let mesh: RunningMesh;
  const MAX_QUEUED = 40;

  beforeAll(async () => {
    receiver = await CloudWatchLogsReceiver.start();
    otlp = await OtlpReceiver.start();
    receiver.behaviour = { status: 500 };
    mesh = await startMesh(
      cloudWatchEnv(receiver, {
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        CLOUDWATCH_FLUSH_INTERVAL_MS: '100',
        CLOUDWATCH_MAX_QUEUED_EVENTS: String(MAX_QUEUED),
        CLOUDWATCH_REQUEST_TIMEOUT_MS: '1000',
      }),
    );
  });

  afterAll(async () => {
    await mesh?.stop();
    await receiver?.close();
    await otlp?.close();
  });

  // What the gateway says about CloudWatch Logs itself, apart from its start-up line.
  const outageLines = () =>
    mesh.services.gateway.output.filter(
      (line) => line.includes('"context":"CloudWatchLogs"') && !line.includes('shipping logs to'),
    );

  it('keeps serving requests at full speed while the queue stays bounded and drops are counted', async () => {
    const started = Date.now();
    for (let i = 0; i < 60; i++) {
      const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
      expect(response.status).toBe(200);
    }
    // 60 sequential requests answer in well under the time one failing PutLogEvents retry takes.
    expect(Date.now() - started).toBeLessThan(6_000);
    await waitFor(() => outageLines().length > 0, { what: 'the outage line' });
    expect(outageLines()).toHaveLength(1);
    expect(outageLines()[0]).toMatch(/failed \(ServiceUnavailableException|queue .* is full/);
    expect(mesh.services.gateway.running).toBe(true);

    // Back up: the queue is delivered, holding at most MAX_QUEUED of the lines of the outage.
    const recoveredAt = Date.now();
    receiver.behaviour = {};
    await waitFor(() => outageLines().length === 2, {
      what: 'the recovery line',
      timeoutMs: 40_000,
    });
    const recovery = JSON.parse(outageLines()[1]) as Record<string, unknown>;
    expect(recovery.message).toMatch(/works again .* (\d+) event\(s\) were dropped/);
    expect(Number(recovery['cloudwatch.dropped_events'])).toBeGreaterThan(0);
    const fromOutage = receiver.events.filter(
      (event) => event.logStreamName.startsWith('gateway/') && event.timestamp < recoveredAt,
    );
    expect(fromOutage.length).toBeLessThanOrEqual(MAX_QUEUED);
    expect(fromOutage.length).toBeGreaterThan(0);

    // The drop count is in the trace data too: a span covering the outage with an event.
    const spans = await otlp.waitForSpans((all) =>
      all.some((span) => span.name === 'cloudwatch-logs.outage' && span.serviceName === 'gateway'),
    );
    const outage = spans.find(
      (span) => span.name === 'cloudwatch-logs.outage' && span.serviceName === 'gateway',
    )!;
    expect(outage.attributes['cloudwatch.dropped_events']).toBe(
      recovery['cloudwatch.dropped_events'],
    );
    expect(outage.events.map((event) => event.name)).toContain('log_events_dropped');
  });

  it('answers just as fast when CloudWatch Logs answers slowly or hangs up', async () => {
    receiver.behaviour = { delayMs: 3_000 };
    for (let i = 0; i < 10; i++) {
      const before = Date.now();
      const response = await fetch(`${mesh.gatewayUrl}/api/activities/notifications`);
      expect(response.status).toBe(200);
      expect(Date.now() - before).toBeLessThan(1_000);
    }
    receiver.behaviour = { hangUp: true };
    for (let i = 0; i < 10; i++) {
      const before = Date.now();
      const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
      expect(response.status).toBe(200);
      expect(Date.now() - before).toBeLessThan(1_000);
    }
    expect(Object.values(mesh.services).every((service) => service.running)).toBe(true);
    receiver.behaviour = {};
  });
});

describe('start-up without AWS settings', () => {
  const home = mkdtempSync(join(tmpdir(), 'cw-home-'));
  const start = (env: Record<string, string>) =>
    ServiceProcess.start({
      name: 'home-activities',
      entry: 'dist/apps/home-activities/main.js',
      env: {
        HOME: home,
        HOME_ACTIVITIES_HOST: '127.0.0.1',
        HOME_ACTIVITIES_PORT: '0',
        OTEL_SDK_DISABLED: 'true',
        CLOUDWATCH_LOG_GROUP: GROUP,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        ...env,
      },
    });

  it('fails fast naming the missing region', async () => {
    await expect(start({})).rejects.toThrow(
      /exited \(1\)[\s\S]*CLOUDWATCH_LOG_GROUP is set \(cruddur\) but no AWS region is configured: set AWS_REGION/,
    );
  });

  it('fails fast naming the missing credentials (AWS_DEFAULT_REGION counts as a region)', async () => {
    await expect(start({ AWS_DEFAULT_REGION: 'eu-west-1' })).rejects.toThrow(
      /exited \(1\)[\s\S]*the AWS SDK found no credentials[\s\S]*AWS_ACCESS_KEY_ID/,
    );
  });

  it('starts with console logging only when CLOUDWATCH_LOG_GROUP is unset', async () => {
    const service = await start({ CLOUDWATCH_LOG_GROUP: '' });
    try {
      expect(service.output.some((line) => line.includes('CloudWatch'))).toBe(false);
      expect(service.output.every((line) => line.startsWith('{'))).toBe(true);
    } finally {
      await service.stop();
    }
  });
});
