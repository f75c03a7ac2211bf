import {
  NatsServer,
  OtlpReceiver,
  XRayDaemonReceiver,
  startMesh,
  traceIdOf,
  waitFor,
} from '@cruddur/testing';
import type { RunningMesh } from '@cruddur/testing';
import { OtlpSpanKind, OtlpStatusCode, otelTraceIdToXRay } from '@cruddur/telemetry-wire';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';

jest.setTimeout(120_000);

const HOME = '/api/activities/home';
const NOTIFICATIONS = '/api/activities/notifications';

/** What one request got: its status and the trace it joined. */
interface Answer {
  path: string;
  status: number;
  traceId?: string;
  body: string;
}

/**
 * `concurrency` loops sending GETs (alternating the two feeds) until `stop()` or `maxRequests`,
 * bounded in count and time; resolves with every answer, a failed fetch counted as status 0.
 */
function load(gatewayUrl: string, { concurrency = 8, maxRequests = 5000, maxMs = 30_000 } = {}) {
  const answers: Answer[] = [];
  const deadline = Date.now() + maxMs;
  let stopped = false;
  let sent = 0;
  const loop = async (index: number) => {
    while (!stopped && sent < maxRequests && Date.now() < deadline) {
      const path = (sent++ + index) % 2 === 0 ? HOME : NOTIFICATIONS;
      try {
        const response = await fetch(`${gatewayUrl}${path}`);
        const body = await response.text();
        const header = response.headers.get('traceresponse');
        answers.push({
          path,
          status: response.status,
          traceId: header ? traceIdOf(response) : undefined,
          body,
        });
      } catch (error) {
        answers.push({ path, status: 0, body: String(error) });
      }
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
  return {
    answers,
    stop: async () => {
      stopped = true;
      await done;
      return answers;
    },
    done: done.then(() => answers),
  };
}

const serviceOf = (path: string) => (path === HOME ? 'home-activities' : 'notifications');
const patternOf = (path: string) => (path === HOME ? 'activities.home' : 'notifications.list');

describe('the mesh over NATS: two replicas of each service behind a real nats-server', () => {
  let broker: NatsServer;
  let receiver: OtlpReceiver;
  let daemon: XRayDaemonReceiver;
  let mesh: RunningMesh;
  let observer: NatsConnection;

  beforeAll(async () => {
    broker = await NatsServer.start();
    receiver = await OtlpReceiver.start();
    daemon = await XRayDaemonReceiver.start();
    mesh = await startMesh(
      {
        MICROSERVICE_TRANSPORT: 'nats',
        NATS_SERVERS: broker.url,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        AWS_XRAY_DAEMON_ADDRESS: daemon.address,
        AWS_XRAY_SAMPLING_RULES: 'tools/bench/xray-sample-everything.json',
      },
      { replicas: 2 },
    );
    // An independent subscriber, not in any queue group: it sees a copy of every request.
    observer = await connect({ servers: broker.url, name: 'e2e-observer' });
  });

  afterAll(async () => {
    await observer?.close();
    await mesh?.stop();
    await receiver?.close();
    await daemon?.close();
    await broker?.stop();
  });

  it('serves 400 requests as whole traces, shared fairly by the replicas of each service', async () => {
    const answers = await load(mesh.gatewayUrl, { maxRequests: 400 }).done;
    expect(answers).toHaveLength(400);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);

    const traceIds = new Set(answers.map((answer) => answer.traceId!));
    await receiver.waitForSpans(
      (spans) =>
        spans.filter((span) => traceIds.has(span.traceId) && span.kind === OtlpSpanKind.Server)
          .length >= 800,
      20_000,
    );
    const servedBy = new Map<string, Map<string, number>>();
    for (const answer of answers) {
      const trace = receiver.spansOfTrace(answer.traceId!);
      const service = serviceOf(answer.path);
      const name = `${service}/${patternOf(answer.path)}`;
      const http = trace.find((span) => span.serviceName === 'gateway' && !span.parentSpanId);
      const client = trace.find((span) => span.name === name && span.kind === OtlpSpanKind.Client);
      const server = trace.find((span) => span.name === name && span.kind === OtlpSpanKind.Server);
      expect(http?.attributes['http.route']).toBe(answer.path);
      expect(client?.parentSpanId).toBe(http?.spanId);
      expect(server?.parentSpanId).toBe(client?.spanId);
      expect(server?.serviceName).toBe(service);
      expect(server?.attributes).toMatchObject({
        'messaging.system': 'nats',
        'messaging.destination.name': `${service}.${patternOf(answer.path)}`,
        'messaging.consumer.group.name': service,
      });
      const instance = String(server?.resource['service.instance.id']);
      const counts = servedBy.get(service) ?? new Map<string, number>();
      counts.set(instance, (counts.get(instance) ?? 0) + 1);
      servedBy.set(service, counts);
    }
    for (const [service, counts] of servedBy) {
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      expect([service, counts.size]).toEqual([service, 2]);
      for (const count of counts.values()) expect(count / total).toBeGreaterThanOrEqual(0.25);
    }
  });

  it('carries traceparent in the NATS headers of the request, where a plain NATS client reads it', async () => {
    const seen: string[] = [];
    const subscription = observer.subscribe('home-activities.activities.home', {
      callback: (_error, message) => {
        seen.push(message.headers?.get('traceparent') ?? '');
      },
    });
    await observer.flush();
    try {
      const response = await fetch(`${mesh.gatewayUrl}${HOME}`);
      expect(response.status).toBe(200);
      const traceId = traceIdOf(response);
      await waitFor(() => seen.length > 0);
      const client = await waitFor(() =>
        receiver
          .spansOfTrace(traceId)
          .find((span) => span.kind === OtlpSpanKind.Client && span.serviceName === 'gateway'),
      );
      expect(seen).toEqual([`00-${traceId}-${client.spanId}-01`]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('links the X-Ray segments of a request across the broker, as over TCP', async () => {
    const response = await fetch(`${mesh.gatewayUrl}${HOME}`);
    const traceId = otelTraceIdToXRay(traceIdOf(response))!;
    await daemon.waitForEntities(
      () => daemon.entitiesOfTrace(traceId).filter((entity) => entity.isSegment).length >= 2,
    );
    const entities = daemon.entitiesOfTrace(traceId);
    const gateway = entities.find((e) => e.isSegment && e.document.name === 'gateway')!;
    const remote = entities.find((e) => !e.isSegment && e.document.name === 'home-activities')!;
    const service = entities.find((e) => e.isSegment && e.document.name === 'home-activities')!;
    expect(remote.parentId).toBe(gateway.document.id);
    expect(remote.document.namespace).toBe('remote');
    expect(service.document.parent_id).toBe(remote.document.id);
  });

  it('asks each service its own health.check, though every service handles that pattern', async () => {
    const response = await fetch(`${mesh.gatewayUrl}/api/health`);
    expect(response.status).toBe(200);
    const traceId = traceIdOf(response);
    for (const service of ['home-activities', 'notifications']) {
      const server = await waitFor(() =>
        receiver
          .spansOfTrace(traceId)
          .find(
            (span) => span.name === `${service}/health.check` && span.kind === OtlpSpanKind.Server,
          ),
      );
      expect(server.serviceName).toBe(service);
      expect(server.attributes['messaging.destination.name']).toBe(`${service}.health.check`);
    }
  });

  it('answers every read while a replica is killed under load, retrying what it held', async () => {
    const victim = mesh.replicas.homeActivities[0];
    const running = load(mesh.gatewayUrl, { maxMs: 30_000 });
    await waitFor(() => running.answers.length >= 50);
    // Frozen first, so that requests are certainly in its hands when it dies (a bare SIGKILL
    // between two requests would test less): of 8 home feeds sent now, each goes to either
    // replica, so the victim holds some (all 8 missing it is a 1 in 256 chance). Then it is
    // killed, as an OOM killer would.
    process.kill(victim.pid!, 'SIGSTOP');
    const held = Array.from({ length: 8 }, async () => {
      const response = await fetch(`${mesh.gatewayUrl}${HOME}`);
      await response.text();
      return { status: response.status, traceId: traceIdOf(response) };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await victim.stop('SIGKILL');
    const burst = await Promise.all(held);
    const killedAt = running.answers.length;
    await waitFor(() => running.answers.length >= killedAt + 200, { timeoutMs: 20_000 });
    const answers = await running.stop();

    expect([...answers, ...burst].filter((answer) => answer.status !== 200)).toEqual([]);
    expect(mesh.replicas.homeActivities[1].running).toBe(true);

    // A request the dead replica held: two CLIENT spans, the first ERROR, the second answered.
    const attemptsOf = (traceId: string) =>
      receiver
        .spansOfTrace(traceId)
        .filter(
          (span) =>
            span.kind === OtlpSpanKind.Client && span.name === 'home-activities/activities.home',
        )
        .sort((a, b) => a.startTimeUnixNano.localeCompare(b.startTimeUnixNano));
    // Every request of the burst has its CLIENT span(s) exported before we look.
    await waitFor(() => burst.every(({ traceId }) => attemptsOf(traceId).length > 0), {
      timeoutMs: 20_000,
      what: 'the CLIENT spans of the burst',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const retried = burst.find(({ traceId }) => attemptsOf(traceId).length === 2);
    if (!retried) {
      throw new Error(
        `no request of the burst was retried: ${JSON.stringify(burst.map(({ traceId }) => attemptsOf(traceId).map((span) => [span.status, span.durationMs])))}`,
      );
    }
    const attempts = attemptsOf(retried.traceId);
    expect(attempts[0].status.code).toBe(OtlpStatusCode.Error);
    expect(attempts[0].status.message).toMatch(/went silent|no responders/);
    expect(attempts[1].status.code).toBe(OtlpStatusCode.Unset);
    expect(attempts[1].parentSpanId).toBe(attempts[0].parentSpanId);
    await waitFor(() =>
      receiver
        .spansOfTrace(retried.traceId)
        .find(
          (span) => span.kind === OtlpSpanKind.Server && span.serviceName === 'home-activities',
        ),
    );
  });

  it('answers 503 with the trace id while the broker is down, and 200 again soon after it is back', async () => {
    const running = load(mesh.gatewayUrl, { maxMs: 40_000 });
    await waitFor(() => running.answers.length >= 20);
    await broker.stop();
    const stoppedAt = running.answers.length;
    await waitFor(() => running.answers.slice(stoppedAt).some((answer) => answer.status === 503));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await broker.restart();
    const restartedAt = Date.now();
    const backAt = running.answers.length;
    await waitFor(
      () => running.answers.slice(backAt).filter((answer) => answer.status === 200).length >= 20,
      { timeoutMs: 15_000, what: '200s after the broker restarted' },
    );
    const recoveredMs = Date.now() - restartedAt;
    const answers = await running.stop();

    const failed = answers.filter((answer) => answer.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    for (const answer of failed) {
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toMatchObject({
        statusCode: 503,
        message: `${serviceOf(answer.path)} is unavailable`,
        traceId: answer.traceId,
      });
    }
    expect(recoveredMs).toBeLessThan(10_000);
    for (const service of [
      mesh.services.gateway,
      ...mesh.replicas.homeActivities.slice(1),
      ...mesh.replicas.notifications,
    ]) {
      expect([service.name, service.running]).toEqual([service.name, true]);
    }
  });
});
