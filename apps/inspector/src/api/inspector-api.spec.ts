import { createSocket } from 'node:dgram';
import { healthTrace, traceIdOf } from '../../test/span-fixtures';
import { startTestInspector } from '../../test/start-test-inspector';
import type { Inspector } from '../inspector';

/**
 * The JSON API of a running inspector, over HTTP: the views' endpoints, the OTLP download, the
 * UI's static files and telemetry accounting after real refusals on the real receivers.
 */
describe('the inspector API', () => {
  let inspector: Inspector;
  const get = (path: string) => fetch(`${inspector.uiUrl}${path}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field
  const json = async (path: string): Promise<any> => (await get(path)).json();

  beforeAll(async () => {
    inspector = await startTestInspector({ INSPECTOR_MAX_TRACES: '3' });
    for (let n = 1; n <= 5; n++) {
      inspector.store.ingestSpans(healthTrace(traceIdOf(n), Date.now() - 60_000 + n * 1000));
    }
  });
  afterAll(() => inspector?.close());

  it('serves the favicon and the UI modules, and nothing outside the assets', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
    }
    const module = await get('/assets/pages/trace-page.js');
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('/assets/lib/nothing.js')).status).toBe(404);
    expect((await get('/assets/../inspector.js')).status).toBe(404);
    expect((await get('/assets/%2e%2e/main.js')).status).toBe(404);
  });

  it('finds a trace by an X-Ray id, downloads it as OTLP JSON that the receiver takes back', async () => {
    const traceId = traceIdOf(5);
    const found = await (
      await get(`/api/find?id=1-${traceId.slice(0, 8)}-${traceId.slice(8)}`)
    ).json();
    expect(found).toEqual({ traceId });
    const download = await get(`/api/traces/${traceId}/otlp`);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="trace-${traceId}.json"`,
    );
    const body = await download.text();
    const other = await startTestInspector();
    try {
      const sent = await fetch(other.otlpTracesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(sent.status).toBe(200);
      expect(other.store.trace(traceId)?.spans).toHaveLength(5);
    } finally {
      await other.close();
    }
  });

  it('answers the trace view with the critical path and self times, the list with propagation counts', async () => {
    const view = await json(`/api/traces/${traceIdOf(5)}`);
    expect(view.criticalPath.length).toBeGreaterThan(0);
    expect(view.spans[0]).toMatchObject({ selfTimeMs: 5, criticalMs: 5 });
    const list = await json('/api/traces');
    expect(list.traces[0]).toMatchObject({ propagationIssues: 0 });
    const compare = await get(`/api/traces/${traceIdOf(5)}/compare`);
    expect(compare.status).toBe(200);
    expect(((await compare.json()) as { sampleSize: number }).sampleSize).toBe(2);
    const region = await get('/api/query/region?slowerThan=p50');
    expect(((await region.json()) as { spanCount: number }).spanCount).toBeGreaterThan(0);
    expect((await get('/api/query?calcs=COUNT,P95(duration_ms)&groupBy=service.name')).status).toBe(
      200,
    );
    expect((await get('/api/query?calcs=MEDIAN(x)')).status).toBe(400);
    expect((await get(`/api/traces/${traceIdOf(5)}/flame`)).status).toBe(404);
  });

  it('accounts for what it evicted and refused, with reasons', async () => {
    const refused = await fetch(inspector.otlpTracesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(refused.status).toBe(400);
    const socket = createSocket('udp4');
    const [host, port] = inspector.xrayDaemonAddress.split(':');
    await new Promise<void>((resolve) =>
      socket.send('garbage', Number(port), host, () => resolve()),
    );
    socket.close();
    const rollbar = await fetch(`${inspector.uiUrl}/api/1/item/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: {} }),
    });
    expect(rollbar.status).toBeGreaterThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // What the services' own lines say they lost.
    inspector.store.ingestLogEvents([
      {
        logGroupName: 'cruddur',
        logStreamName: 'gateway',
        timestamp: Date.now(),
        message: JSON.stringify({
          level: 'info',
          service: 'gateway',
          message: 'big',
          truncated_bytes: 4096,
        }),
      },
      {
        logGroupName: 'cruddur',
        logStreamName: 'notifications',
        timestamp: Date.now(),
        message: JSON.stringify({
          level: 'warn',
          service: 'notifications',
          context: 'CloudWatchLogs',
          message: 'delivery failed; 3 undelivered',
          undelivered: 3,
        }),
      },
    ]);

    const accounting = await json('/api/accounting');
    const signal = (name: string) =>
      accounting.signals.find((line: { signal: string }) => line.signal === name);
    expect(signal('spans')).toMatchObject({ stored: 15, evicted: 10, refused: 1 });
    expect(
      signal('spans')
        .reasons.map((r: { reason: string }) => r.reason)
        .join('\n'),
    ).toMatch(/INSPECTOR_MAX_SPANS\/INSPECTOR_MAX_TRACES[^]*400: /);
    expect(signal('X-Ray segments')).toMatchObject({ refused: 1 });
    expect(signal('Rollbar items').refused).toBe(1);
    expect(accounting.services).toEqual([
      expect.objectContaining({
        service: 'gateway',
        what: 'bytes cut from log lines',
        count: 4096,
      }),
      expect.objectContaining({
        service: 'gateway',
        what: expect.stringMatching(/log lines cut/),
        count: 1,
      }),
      expect.objectContaining({ service: 'notifications', what: 'undelivered', count: 3 }),
      expect.objectContaining({
        service: 'notifications',
        what: expect.stringMatching(/^CloudWatch Logs delivery/),
        count: 1,
      }),
    ]);
  });
});
