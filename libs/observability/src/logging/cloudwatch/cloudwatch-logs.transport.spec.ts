import { CloudWatchLogsReceiver, waitFor } from '@cruddur/testing';
import { PutLogEventsLimits, logEventSize } from '@cruddur/telemetry-wire';
import { MESSAGE } from '../log-line.formats';
import { createCloudWatchLogsClient } from './cloudwatch-logs.client.factory';
import { CloudWatchLogsShipper } from './cloudwatch-logs.shipper';
import { CloudWatchLogsTransport } from './cloudwatch-logs.transport';
import type { CloudWatchLogsTransportOptions } from './cloudwatch-logs.transport';
import { CloudWatchOutageReporter } from './cloudwatch-outage.reporter';

jest.setTimeout(60_000);

const GROUP = 'cruddur';

/**
 * The transport with the real AWS SDK client, signing with dummy credentials, against the
 * emulator on a local port - the emulator refuses any batch that breaks a PutLogEvents rule, so
 * a rule the transport broke shows up as missing events.
 */
describe('CloudWatchLogsTransport', () => {
  let receiver: CloudWatchLogsReceiver;
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const transports: CloudWatchLogsTransport[] = [];

  // The SDK's standard settings, as a service gets them: endpoint, region, credentials.
  const settings: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
  };
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    receiver = await CloudWatchLogsReceiver.start();
    settings.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = receiver.endpoint;
    for (const [name, value] of Object.entries(settings)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });

  afterEach(async () => {
    await Promise.all(transports.map((transport) => transport.flushAndClose(0)));
    transports.length = 0;
    lines.length = 0;
    receiver.clear();
    receiver.behaviour = {};
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await receiver.close();
  });

  function transport(
    overrides: Partial<CloudWatchLogsTransportOptions> & { retentionInDays?: number } = {},
  ) {
    const client = createCloudWatchLogsClient({ requestTimeoutMs: 1000 });
    const note = (level: 'warn' | 'info', message: string, fields: Record<string, unknown>) =>
      lines.push({ level, message, fields });
    const destination = { logGroupName: GROUP, logStreamName: 'test/host/1', ...overrides };
    const created = new CloudWatchLogsTransport({
      shipper: new CloudWatchLogsShipper(client, destination, (message) =>
        note('warn', message, {}),
      ),
      outage: new CloudWatchOutageReporter('cruddur/test/host/1', 100, note, GROUP, 'test/host/1'),
      warn: (message) => note('warn', message, {}),
      flushIntervalMs: 50,
      initialBackoffMs: 50,
      maxBackoffMs: 200,
      ...overrides,
    });
    transports.push(created);
    return created;
  }

  const log = (target: CloudWatchLogsTransport, message: string, timestamp = Date.now()) =>
    target.log({ level: 'info', message, timestamp, [MESSAGE]: message }, () => undefined);

  const stored = () => receiver.emulator.eventsOf(GROUP, 'test/host/1');

  it('creates the group and stream and delivers many events in batches that keep every rule', async () => {
    const target = transport({ maxQueuedEvents: 50_000, maxQueuedBytes: 64 * 1024 * 1024 });
    const now = Date.now();
    for (let i = 0; i < 25_000; i++) log(target, JSON.stringify({ i }), now + (i % 7));
    await target.flushAndClose(30_000);

    expect(stored()).toHaveLength(25_000);
    const batches = receiver.putLogEventsRequests;
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const batch of batches) {
      expect(batch.logEvents.length).toBeLessThanOrEqual(PutLogEventsLimits.MAX_BATCH_EVENTS);
      const times = batch.logEvents.map((e) => e.timestamp);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(receiver.requests.map((r) => r.operation).slice(0, 2)).toEqual([
      'CreateLogGroup',
      'CreateLogStream',
    ]);
    expect(target.stats).toMatchObject({ sentEvents: 25_000, droppedEvents: 0, queued: 0 });
  });

  it('fills batches up to 1,048,576 bytes and truncates an oversized event with a marker', async () => {
    const target = transport({ maxQueuedBytes: 64 * 1024 * 1024 });
    const big = (n: number) => JSON.stringify({ n, message: 'é'.repeat(300_000) }); // ~600 kB
    for (let n = 0; n < 6; n++) log(target, big(n));
    log(target, JSON.stringify({ trace_id: 'c'.repeat(32), message: 'x'.repeat(3_000_000) }));
    await target.flushAndClose(30_000);

    const events = stored();
    expect(events).toHaveLength(7);
    for (const batch of receiver.putLogEventsRequests) {
      const bytes = batch.logEvents.reduce((sum, e) => sum + logEventSize(e.message), 0);
      expect(bytes).toBeLessThanOrEqual(PutLogEventsLimits.MAX_BATCH_BYTES);
    }
    const truncated = JSON.parse(events[6].message) as Record<string, unknown>;
    expect(truncated.trace_id).toBe('c'.repeat(32));
    expect(String(truncated.message)).toMatch(/…\[truncated \d+ bytes\]$/);
    expect(logEventSize(events[6].message)).toBeLessThanOrEqual(PutLogEventsLimits.MAX_EVENT_BYTES);
  });

  it('never puts events more than 24 hours apart in one batch', async () => {
    const target = transport();
    const hour = 3600_000;
    const now = Date.now();
    [now - 60 * hour, now - 40 * hour, now - 30 * hour, now - hour, now].forEach((time, i) =>
      log(target, `event ${i}`, time),
    );
    await target.flushAndClose(10_000);
    expect(stored().map((e) => e.message)).toEqual([0, 1, 2, 3, 4].map((i) => `event ${i}`));
    expect(receiver.putLogEventsRequests.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps a bounded queue through an outage, reports it once, and delivers when it is back', async () => {
    receiver.behaviour = { status: 503 };
    const target = transport({ maxQueuedEvents: 100 });
    for (let i = 0; i < 500; i++) log(target, `line ${i}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(target.stats.queued).toBeLessThanOrEqual(100);
    expect(target.stats.droppedEvents).toBe(400);
    expect(target.stats.failedAttempts).toBeGreaterThan(1);
    expect(lines.map((l) => l.message)).toEqual([
      expect.stringMatching(/^CloudWatch Logs (delivery to .* failed|queue .* is full)/),
    ]);

    receiver.behaviour = {};
    await target.flushAndClose(10_000);
    expect(stored().map((e) => e.message)).toEqual(
      Array.from({ length: 100 }, (_, i) => `line ${400 + i}`),
    );
    expect(lines).toHaveLength(2);
    expect(lines[1].message).toMatch(/works again after .* 400 event\(s\) were dropped/);
    expect(lines[1].fields['cloudwatch.dropped_events']).toBe(400);
  });

  it('treats an endpoint slower than the request timeout as an outage, not a wait', async () => {
    receiver.behaviour = { delayMs: 5_000 };
    const target = transport(); // the client's request timeout is 1000 ms
    log(target, 'slow');
    await waitFor(() => target.stats.failedAttempts > 0, { timeoutMs: 8_000, what: 'a timeout' });
    expect(lines[0].message).toMatch(/failed \(ETIMEDOUT: .*requestTimeout/);
    receiver.behaviour = {};
    await target.flushAndClose(5_000);
    expect(stored().map((e) => e.message)).toEqual(['slow']);
  });

  it('gives up within the time bound when CloudWatch never answers, and says what was lost', async () => {
    receiver.behaviour = { delayMs: 10_000 };
    const target = transport();
    for (let i = 0; i < 10; i++) log(target, `line ${i}`);
    const started = Date.now();
    const stats = await target.flushAndClose(1500);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(stats.queued).toBe(10);
    expect(lines.at(-1)?.message).toMatch(/did not complete before exit .* 10 undelivered/);
  });

  it('sets retention when asked and keeps shipping when it may not', async () => {
    const target = transport({ retentionInDays: 7 });
    log(target, 'with retention');
    await target.flushAndClose(5000);
    expect(receiver.emulator.groups.get(GROUP)?.retentionInDays).toBe(7);

    receiver.clear();
    const refused = transport({ retentionInDays: 8 }); // not a value CloudWatch accepts
    log(refused, 'still shipped');
    await refused.flushAndClose(5000);
    expect(stored().map((e) => e.message)).toEqual(['still shipped']);
    expect(lines.some((l) => l.message.includes('could not set the retention'))).toBe(true);
  });

  it('sends one batch per flush interval under a steady trickle, back to back only when full', async () => {
    // Every call takes 30 ms: the old loop sent again as soon as a line had arrived meanwhile.
    receiver.behaviour = { delayMs: 30 };
    const target = transport({ flushIntervalMs: 200, maxQueuedEvents: 30_000 });
    const started = Date.now();
    const trickle = setInterval(() => log(target, `line at ${Date.now() - started}`), 5);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    clearInterval(trickle);
    const calls = receiver.putLogEventsRequests.length;
    // About 5 ticks in 1.1 s (one more for a late timer); a call per round trip would be ~30.
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(7);

    // 25,000 lines at once: full batches of 10,000 go out back to back, the rest at the next tick.
    await target.flush();
    const before = receiver.putLogEventsRequests.length;
    const storedBefore = stored().length;
    for (let i = 0; i < 25_000; i++) log(target, `burst ${i}`);
    await waitFor(() => receiver.putLogEventsRequests.length >= before + 2, { timeoutMs: 10_000 });
    const burst = receiver.putLogEventsRequests.slice(before).map((r) => r.logEvents.length);
    expect(burst.slice(0, 2)).toEqual([10_000, 10_000]);
    await waitFor(() => stored().length >= storedBefore + 25_000, { timeoutMs: 10_000 });
  });

  it('recreates the stream when it disappears', async () => {
    const target = transport();
    log(target, 'first');
    await target.flush();
    await receiver.waitForEvents((events) => events.length === 1);
    receiver.emulator.reset();
    log(target, 'second');
    await target.flushAndClose(5000);
    expect(stored().map((e) => e.message)).toEqual(['second']);
  });
});
