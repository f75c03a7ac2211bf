import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  OtlpReceiver,
  ServiceProcess,
  freePort,
  launchChromium,
  startMesh,
} from '@cruddur/testing';
import type { RunningMesh, TestBrowser } from '@cruddur/testing';
import { OtlpSpanKind, OtlpStatusCode } from '@cruddur/telemetry-wire';
import type { DecodedSpan } from '@cruddur/telemetry-wire';

jest.setTimeout(120_000);

const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const SCREENSHOTS = join(WORKSPACE_ROOT, 'test-output');

function only(spans: DecodedSpan[], predicate: (span: DecodedSpan) => boolean, what: string) {
  const found = spans.filter(predicate);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${what}, found ${found.length} in ${spans.map((s) => `${s.serviceName}:${s.name}`).join(', ')}`,
    );
  }
  return found[0];
}

describe('the front end in Chromium, traced from the browser through every service', () => {
  let receiver: OtlpReceiver;
  let mesh: RunningMesh;
  let frontend: ServiceProcess;
  let frontendUrl: string;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    const frontendPort = await freePort();
    frontendUrl = `http://127.0.0.1:${frontendPort}`;
    mesh = await startMesh({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=server-side-key',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      FRONTEND_URL: frontendUrl,
    });
    // The built front end, served as in production by its own server.
    frontend = await ServiceProcess.start({
      name: 'frontend',
      entry: 'dist/apps/frontend/server/main.js',
      env: {
        FRONTEND_PORT: String(frontendPort),
        FRONTEND_HOST: '127.0.0.1',
        GATEWAY_URL: mesh.gatewayUrl,
      },
    });
    browser = await launchChromium({ width: 1000, height: 720 });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await frontend?.stop();
    await mesh?.stop();
    await receiver?.close();
  });

  it('loads the home feed as one trace: browser span → fetches → gateway → home-activities and notifications', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const sentToGateway: Array<{ url: string; headers: Record<string, string> }> = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${mesh.gatewayUrl}/api/activities/`)) {
        sentToGateway.push({ url: request.url(), headers: request.headers() });
      }
    });

    await page.goto(frontendUrl);
    await page.getByRole('article', { name: 'Andrew Brown: Cloud is fun!' }).waitFor();
    await page.getByLabel('1 notification', { exact: true }).waitFor();
    expect(await page.getByRole('article').count()).toBe(4); // 3 cruds and Worf's reply
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'frontend-home.png'), fullPage: true });

    // The whole trace: the browser's spans (the batch processor exports them within 5 s; the fetch
    // spans end a moment after their responses, so leaving the page at once could lose them) and
    // every service's.
    const expected = [
      'cruddur-frontend:load home',
      'cruddur-frontend:GET /api/activities/home',
      'cruddur-frontend:GET /api/activities/notifications',
      'gateway:GET /api/activities/home',
      'gateway:GET /api/activities/notifications',
      'home-activities:home-activities-mock-data',
      'notifications:notifications-mock-data',
    ];
    const spans = await receiver.waitForSpans((all) => {
      const root = all.find((span) => span.name === 'load home');
      const names = new Set(
        all
          .filter((span) => span.traceId === root?.traceId)
          .map((span) => `${span.serviceName}:${span.name}`),
      );
      return expected.every((name) => names.has(name));
    }, 30_000);
    const root = only(
      spans,
      (span) => span.serviceName === 'cruddur-frontend' && span.name === 'load home',
      'page-load span',
    );
    const trace = receiver.spansOfTrace(root.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));

    // The browser span is the root; every other span's parent is in this trace.
    expect(root.parentSpanId).toBeUndefined();
    expect(root.status.code).toBe(OtlpStatusCode.Ok);
    expect(root.attributes['app.user_id']).toBe('andrewbrown');
    for (const span of trace.filter((s) => s !== root)) {
      expect({ span: span.name, parentInTrace: byId.has(span.parentSpanId ?? '') }).toEqual({
        span: span.name,
        parentInTrace: true,
      });
    }

    const feeds = {
      home: 'home-activities',
      notifications: 'notifications',
    } as const;
    for (const [feed, service] of Object.entries(feeds)) {
      const path = `/api/activities/${feed}`;
      const fetchSpan = only(
        trace,
        (span) => span.serviceName === 'cruddur-frontend' && span.name === `GET ${path}`,
        `browser fetch span of ${path}`,
      );
      expect(fetchSpan.kind).toBe(OtlpSpanKind.Client);
      expect(fetchSpan.parentSpanId).toBe(root.spanId);
      expect(fetchSpan.status.code).toBe(OtlpStatusCode.Ok);
      expect(fetchSpan.attributes).toMatchObject({
        'http.method': 'GET',
        'http.url': `${mesh.gatewayUrl}${path}`,
        'http.status_code': 200,
        'http.response.status_code': 200,
        'app.user_id': 'andrewbrown',
      });

      const gatewaySpan = only(
        trace,
        (span) => span.serviceName === 'gateway' && span.name === `GET ${path}`,
        `gateway span of ${path}`,
      );
      expect(gatewaySpan.kind).toBe(OtlpSpanKind.Server);
      expect(gatewaySpan.parentSpanId).toBe(fetchSpan.spanId);
      expect(gatewaySpan.attributes['app.user_id']).toBe('andrewbrown');

      const handler = only(
        trace,
        (span) => span.serviceName === service && span.kind === OtlpSpanKind.Server,
        `${service} handler span`,
      );
      expect(byId.get(handler.parentSpanId!)?.serviceName).toBe('gateway');
      const custom = only(
        trace,
        (span) => span.name === `${service}-mock-data`,
        `${service} custom span`,
      );
      expect(custom.parentSpanId).toBe(handler.spanId);

      // The header really went over the wire, carrying the fetch span as the parent.
      const sent = sentToGateway.find((request) => request.url === `${mesh.gatewayUrl}${path}`);
      expect(sent?.headers.traceparent).toBe(`00-${root.traceId}-${fetchSpan.spanId}-01`);
      expect(sent?.headers['x-cruddur-user-handle']).toBe('andrewbrown');
    }
    expect(new Set(trace.map((span) => span.serviceName))).toEqual(
      new Set(['cruddur-frontend', 'gateway', 'home-activities', 'notifications']),
    );

    // The browser's spans came through the relay with the server's key, which the page never had.
    const relayed = receiver.exports.filter((received) =>
      received.spans.some((span) => span.serviceName === 'cruddur-frontend'),
    );
    expect(relayed.length).toBeGreaterThan(0);
    expect(relayed.every((received) => received.encoding === 'json')).toBe(true);
    expect(relayed[0].headers['x-honeycomb-team']).toBe('server-side-key');
    expect(pageErrors).toEqual([]);
  });

  it('records the document load, and the gateway saw the traceparent the browser sent', async () => {
    const documentLoad = await receiver.waitForSpans((all) =>
      all.some((span) => span.serviceName === 'cruddur-frontend' && span.name === 'documentLoad'),
    );
    expect(documentLoad.length).toBeGreaterThan(0);
    // The gateway continued the browser's trace (instead of starting its own): its HTTP span's
    // parent is a browser span of the same trace - only possible if the header arrived.
    const gatewayHome = receiver.spans.find(
      (span) => span.serviceName === 'gateway' && span.name === 'GET /api/activities/home',
    )!;
    const parent = receiver.spans.find((span) => span.spanId === gatewayHome.parentSpanId);
    expect(parent?.serviceName).toBe('cruddur-frontend');
    expect(parent?.traceId).toBe(gatewayHome.traceId);
  });

  it('shows the error state, with the trace id, when a service is down', async () => {
    await mesh.services.homeActivities.stop();
    await page.goto(frontendUrl);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/home-activities is unavailable.*Trace [0-9a-f]{32}/);
    await page.screenshot({ path: join(SCREENSHOTS, 'frontend-home-error.png') });
  });
});
