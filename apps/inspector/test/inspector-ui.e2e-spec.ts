import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, startMesh, waitFor } from '@cruddur/testing';
import type { RunningMesh, TestBrowser } from '@cruddur/testing';
import type { Inspector } from '../src/inspector';
import { startTestInspector } from './start-test-inspector';

jest.setTimeout(90_000);

const SCREENSHOTS = resolve(__dirname, '../../../test-output/inspector');
const SERVICES = ['gateway', 'home-activities', 'notifications'];

/**
 * The whole path a newcomer takes: the real mesh (built services) exports to the inspector, a
 * request goes through, and the UI in a real headless Chromium shows that request's trace.
 */
describe('the inspector UI, in Chromium, after the mesh served a request', () => {
  let inspector: Inspector;
  let mesh: RunningMesh;
  let browser: TestBrowser;
  let page: Page;
  let traceId: string;

  beforeAll(async () => {
    inspector = await startTestInspector();
    // Every backend of every service points at the inspector, as `npm start` arranges it.
    mesh = await startMesh({
      OTEL_EXPORTER_OTLP_ENDPOINT: inspector.otlpEndpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      AWS_XRAY_DAEMON_ADDRESS: inspector.xrayDaemonAddress,
      CLOUDWATCH_LOG_GROUP: 'cruddur',
      CLOUDWATCH_FLUSH_INTERVAL_MS: '100',
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: inspector.uiUrl,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local-inspector',
      AWS_SECRET_ACCESS_KEY: 'local-inspector',
      ROLLBAR_ACCESS_TOKEN: 'local-inspector',
      ROLLBAR_ENDPOINT: `${inspector.uiUrl}/api/1/item/`,
    });
    browser = await launchChromium({ width: 1400, height: 900 });
    page = browser.page;
    mkdirSync(SCREENSHOTS, { recursive: true });

    // Some traffic, so the list, the queries and the map have more than one request to show.
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${mesh.gatewayUrl}${path}`, { headers });
    for (const user of ['andrewbrown', 'worf']) {
      await get('/api/activities/home', { 'x-cruddur-user-handle': user });
      await get('/api/activities/notifications', { 'x-cruddur-user-handle': user });
    }
    // Then one page load as a browser behind a load balancer makes it: three requests continuing
    // one X-Ray trace (sampled by the caller), through all three services, with a Rollbar item.
    const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${'c0ffee'.repeat(4)}`;
    const page_load = {
      'x-amzn-trace-id': `Root=${root};Parent=53995c3f42cd8ad8;Sampled=1`,
      'x-cruddur-user-handle': 'andrewbrown',
    };
    for (const path of ['/api/activities/home', '/api/activities/notifications', '/rollbar/test']) {
      expect((await get(path, page_load)).status).toBe(200);
    }
    traceId = root.slice(2).replace('-', '');
    await waitFor(
      () => {
        const stored = inspector.store.trace(traceId);
        return (
          new Set(stored?.spans.map((s) => s.serviceName)).size === 3 &&
          inspector.store.logEventsOf(traceId).length >= 3 &&
          inspector.store.rollbarItemsOf(traceId).length === 1 &&
          inspector.store.xraySegmentsOf(traceId).length >= 3
        );
      },
      { timeoutMs: 20_000, what: 'spans, logs, the Rollbar item and X-Ray segments of the trace' },
    );
  });

  afterAll(async () => {
    await browser?.close();
    await mesh?.stop();
    await inspector?.close();
  });

  it('lists the request among the recent traces', async () => {
    await page.goto(`${inspector.uiUrl}/#/`);
    const row = page.locator('table.traces tbody tr', { hasText: traceId.slice(-8) });
    await row.waitFor();
    for (const service of SERVICES) await expect(row.textContent()).resolves.toContain(service);
    await expect(row.textContent()).resolves.toMatch(/\d+ logs.*\d+ X-Ray.*1 Rollbar/);
    await page.screenshot({ path: join(SCREENSHOTS, 'traces.png'), fullPage: true });
  });

  it('shows the trace page: spans of all three services, its logs, Rollbar item and X-Ray segments', async () => {
    await page.goto(`${inspector.uiUrl}/#/trace/${traceId}`);
    await page.waitForSelector(`body[data-ready="/trace/${traceId}"]`);
    await expect(page.locator('#trace-id').textContent()).resolves.toBe(traceId);
    for (const service of SERVICES) {
      const rows = page.locator(`.span-row[data-service="${service}"]`);
      expect(await rows.count()).toBeGreaterThan(0);
      await expect(rows.first().isVisible()).resolves.toBe(true);
    }
    await expect(
      page.locator('.span-row', { hasText: 'GET /api/activities/home' }).count(),
    ).resolves.toBe(1);

    // The log lines came over the CloudWatch Logs API, the item over Rollbar's, segments over UDP.
    expect(await page.locator('#logs .log-line').count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator('#logs').textContent()).resolves.toContain('Hello CloudWatch!');
    await expect(page.locator('#rollbar').textContent()).resolves.toContain('Hello World!');
    await expect(page.locator('#xray').textContent()).resolves.toContain('notifications');

    // A row opens its attributes.
    await page.locator('.span-row', { hasText: 'GET /api/activities/home' }).click();
    await expect(
      page.locator('.wf-details:not([hidden])').first().textContent(),
    ).resolves.toContain('http.route');
    await page.screenshot({ path: join(SCREENSHOTS, 'trace.png'), fullPage: true });
  });

  it('runs the latency query grouped by service and draws the service map', async () => {
    await page.goto(`${inspector.uiUrl}/#/query?groupBy=service&sinceMinutes=60`);
    await page.waitForSelector('body[data-ready="/query"]');
    const groups = await page.locator('table.groups tbody tr').allTextContents();
    for (const service of SERVICES) expect(groups.join('\n')).toContain(service);
    expect(await page.locator('svg.heatmap rect').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'query.png'), fullPage: true });

    await page.goto(`${inspector.uiUrl}/#/map`);
    await page.waitForSelector('body[data-ready="/map"]');
    const nodes = await page
      .locator('svg.service-map .node')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-service')));
    expect(nodes.sort()).toEqual(SERVICES);
    await page.screenshot({ path: join(SCREENSHOTS, 'service-map.png'), fullPage: true });
  });
});
