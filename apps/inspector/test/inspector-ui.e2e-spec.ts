import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as AWSXRay from 'aws-xray-sdk-core';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { startMesh, waitFor } from '@cruddur/testing';
import type { RunningMesh } from '@cruddur/testing';
import { readInspectorConfig } from '../src/inspector.config';
import { Inspector } from '../src/inspector';
import { toXrayTraceId } from '../src/store/trace-ids';

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
  let browser: BrowserContext;
  let page: Page;
  let profileDir: string;
  let traceId: string;

  beforeAll(async () => {
    inspector = await Inspector.start(
      readInspectorConfig({
        INSPECTOR_PORT: '0',
        INSPECTOR_OTLP_PORT: '0',
        INSPECTOR_XRAY_PORT: '0',
      }),
    );
    mesh = await startMesh({
      OTEL_EXPORTER_OTLP_ENDPOINT: inspector.otlpEndpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    profileDir = mkdtempSync(join(tmpdir(), 'inspector-chromium-'));
    // A fresh profile each run: launchPersistentContext is playwright's way to pass --user-data-dir.
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      viewport: { width: 1400, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    mkdirSync(SCREENSHOTS, { recursive: true });

    // Some traffic, so the list, the queries and the map have more than one request to show.
    const get = (path: string, user?: string) =>
      fetch(`${mesh.gatewayUrl}${path}`, {
        headers: user ? { 'x-cruddur-user-handle': user } : {},
      });
    for (const user of ['andrewbrown', 'worf', undefined]) {
      await get('/api/activities/home', user);
      await get('/api/activities/notifications', user);
    }
    const response = await get('/api/health', 'andrewbrown');
    expect(response.status).toBe(200);
    traceId = response.headers.get('traceresponse')!.split('-')[1];
    await waitFor(
      () => new Set(inspector.store.trace(traceId)?.spans.map((s) => s.serviceName)).size === 3,
      { timeoutMs: 15_000, what: 'spans of all three services at the inspector' },
    );

    // Log lines and a Rollbar item of the same request, through the store's ingest functions (the
    // CloudWatch Logs and Rollbar receivers call exactly these), and an X-Ray segment over UDP
    // from aws-xray-sdk-core's own emitter.
    const now = Date.now();
    inspector.store.ingestLogEvents([
      {
        logGroupName: 'cruddur',
        logStreamName: 'gateway',
        timestamp: now,
        message: JSON.stringify({
          level: 'info',
          message: 'GET /api/health 200',
          trace_id: traceId,
        }),
      },
      {
        logGroupName: 'cruddur',
        logStreamName: 'notifications',
        timestamp: now + 1,
        message: `Hello CloudWatch! from /api/activities/notifications trace_id=${traceId}`,
      },
    ]);
    inspector.store.ingestRollbarItem({
      data: {
        level: 'warning',
        environment: 'development',
        uuid: 'b3c1f2d4-0000-4000-8000-000000000001',
        body: { message: { body: 'health check slower than usual' } },
        custom: { trace_id: traceId },
      },
    });
    AWSXRay.setDaemonAddress(`127.0.0.1:${inspector.ports.xray}`);
    const segment = new AWSXRay.Segment('gateway', toXrayTraceId(traceId));
    segment.addNewSubsegment('notifications').close();
    segment.close();
    await waitFor(() => inspector.store.xraySegmentsOf(traceId).length > 0);
  });

  afterAll(async () => {
    await browser?.close();
    await mesh?.stop();
    await inspector?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('lists the request among the recent traces', async () => {
    await page.goto(`${inspector.uiUrl}/#/`);
    const row = page.locator('table.traces tbody tr', { hasText: traceId.slice(-8) });
    await row.waitFor();
    for (const service of SERVICES) await expect(row.textContent()).resolves.toContain(service);
    await expect(row.textContent()).resolves.toMatch(/2 logs.*1 X-Ray.*1 Rollbar/);
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
    await expect(page.locator('.span-row', { hasText: 'GET /api/health' }).count()).resolves.toBe(
      1,
    );

    const logs = page.locator('#logs .log-line');
    expect(await logs.count()).toBe(2);
    await expect(page.locator('#logs').textContent()).resolves.toContain('Hello CloudWatch!');
    await expect(page.locator('#rollbar').textContent()).resolves.toContain(
      'health check slower than usual',
    );
    await expect(page.locator('#xray').textContent()).resolves.toContain('notifications');

    // A row opens its attributes.
    await page.locator('.span-row', { hasText: 'GET /api/health' }).click();
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
