import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, startMesh, waitFor } from '@cruddur/testing';
import type { RunningMesh, TestBrowser } from '@cruddur/testing';
import type { Inspector } from '../src/inspector';
import { ServiceColors } from '../src/api/service-colors';
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
  /** Every answer the pages got that was not 2xx (the favicon's 404 was one). */
  const failedRequests: string[] = [];

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
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
    });
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
    expect(await page.locator('#logs tr.log-line').count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator('#logs').textContent()).resolves.toContain('Hello CloudWatch!');
    await expect(page.locator('#rollbar .item-title').textContent()).resolves.toContain(
      'Hello World!',
    );
    await expect(page.locator('#rollbar details.raw').getAttribute('open')).resolves.toBeNull();
    await expect(page.locator('#xray').textContent()).resolves.toContain('notifications');

    // A row opens its attributes.
    await page.locator('.span-row', { hasText: 'GET /api/activities/home' }).click();
    await expect(page.locator('.wf-details').first().textContent()).resolves.toContain(
      'http.route',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'trace.png'), fullPage: true });
  });

  it('lists the log lines in the order they were written, as a table linked to their spans', async () => {
    await page.goto(`${inspector.uiUrl}/#/trace/${traceId}`);
    await page.waitForSelector(`body[data-ready="/trace/${traceId}"]`);
    const rows = page.locator('#logs tr.log-line');
    const times = (await rows.evaluateAll((elements) =>
      elements.map((element) => Number(element.getAttribute('data-timestamp'))),
    )) as number[];
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // More than one service wrote, and the lines are interleaved by time, not grouped by stream.
    const services = await rows.locator('td:nth-child(2)').allTextContents();
    expect(new Set(services).size).toBeGreaterThan(1);
    const headers = await page.locator('#logs table.log-table th').allTextContents();
    expect(headers.slice(0, 4)).toEqual(['Time', 'Service', 'Level', 'Message']);
    // Messages, not raw JSON.
    for (const message of await rows.locator('td.log-message').allTextContents()) {
      expect(message.trim().startsWith('{')).toBe(false);
    }
    await expect(page.locator('#logs').textContent()).resolves.toContain('Hello CloudWatch!');
    // The rest of the fields on demand.
    const first = rows.first();
    await first.locator('button', { hasText: 'fields' }).click();
    await expect(
      page.locator('#logs tr.log-detail:not([hidden])').first().textContent(),
    ).resolves.toMatch(/trace_id/);
    // A line's span link opens that span in the waterfall, with the line in its details.
    const linked = page.locator('#logs a.span-link').first();
    const spanId = await linked.evaluate((element) =>
      element.closest('tr')!.getAttribute('data-span-id'),
    );
    await linked.click();
    const details = page.locator(`.span-row[data-span-id="${spanId}"] + .wf-details`);
    await details.waitFor();
    await expect(details.textContent()).resolves.toContain(spanId);
    expect(await details.locator('.span-logs tr.log-line').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'trace-logs.png'), fullPage: true });
  });

  it('reads a trace: critical path, self time, search, collapse and expand, OTLP download', async () => {
    await page.goto(`${inspector.uiUrl}/#/trace/${traceId}`);
    await page.waitForSelector(`body[data-ready="/trace/${traceId}"]`);
    const critical = page.locator('.span-row.critical');
    expect(await critical.count()).toBeGreaterThan(0);
    await expect(critical.first().locator('.wf-critical').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.critical-summary').textContent()).resolves.toMatch(
      /critical path through \d+ spans?; longest wait: /,
    );
    await expect(page.locator('.span-row .wf-self').first().textContent()).resolves.toMatch(/s$/);

    const all = await page.locator('.span-row').count();
    await page.fill('#span-search', 'notifications');
    const matches = await page.locator('.span-row.match').count();
    expect(matches).toBeGreaterThan(0);
    expect(matches).toBeLessThan(all);
    await expect(page.locator('.search-count').textContent()).resolves.toMatch(/^\d+ match(es)?$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'trace-search.png'), fullPage: true });
    await page.fill('#span-search', '');

    await page.click('#collapse-all');
    const collapsed = await page.locator('.span-row').count();
    expect(collapsed).toBeLessThan(all);
    expect(await page.locator('.hidden-count').count()).toBeGreaterThan(0);
    await page.locator('.span-row .toggle[aria-label="expand"]').first().click();
    expect(await page.locator('.span-row').count()).toBeGreaterThan(collapsed);
    await page.click('#expand-all');
    expect(await page.locator('.span-row').count()).toBe(all);

    const href = await page.locator('#download-otlp').getAttribute('href');
    const otlp = (await (await fetch(`${inspector.uiUrl}${href}`)).json()) as {
      resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ spanId: string }> }> }>;
    };
    const spanIds = otlp.resourceSpans.flatMap(
      (resource: { scopeSpans: Array<{ spans: Array<{ spanId: string }> }> }) =>
        resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.spanId)),
    );
    expect(spanIds).toHaveLength(inspector.store.trace(traceId)!.spans.length);
  });

  it('finds a trace by its X-Ray id in the trace-id box, and from a dot of the scatter', async () => {
    await page.goto(`${inspector.uiUrl}/#/`);
    await page.waitForSelector('body[data-ready="/"]');
    await page.fill('#trace-id-input', `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`);
    await page.press('#trace-id-input', 'Enter');
    await page.waitForSelector(`body[data-ready="/trace/${traceId}"]`);
    await expect(page.locator('#trace-id').textContent()).resolves.toBe(traceId);

    await page.goto(`${inspector.uiUrl}/#/`);
    await page.fill('#trace-id-input', 'not-an-id');
    await page.press('#trace-id-input', 'Enter');
    await page.locator('.find-status', { hasText: 'is not a trace id' }).waitFor();

    await page.goto(`${inspector.uiUrl}/#/`);
    const dot = page.locator(`svg.scatter .dot[data-trace-id="${traceId}"]`);
    await dot.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'traces-scatter.png'), fullPage: true });
    await dot.click();
    await page.waitForSelector(`body[data-ready="/trace/${traceId}"]`);
  });

  it('keeps each service in the colour its name gives it, and every time range has a unit', async () => {
    await page.goto(`${inspector.uiUrl}/#/`);
    await page.waitForSelector('body[data-ready="/"]');
    const colors = await page
      .locator('table.traces .chip', { hasText: /^gateway$/ })
      .first()
      .evaluate((element) => element.getAttribute('style') ?? '');
    expect(colors).toContain(`--service: ${new ServiceColors().colorOf('gateway')}`);
    const ranges = await page.locator('select[name="sinceMinutes"] option').allTextContents();
    expect(ranges).toEqual(['any', '5 minutes', '15 minutes', '1 hour', '6 hours', '24 hours']);
  });

  it('compares the trace with the median trace of its route', async () => {
    await page.goto(`${inspector.uiUrl}/#/trace/${traceId}`);
    await page.waitForSelector(`body[data-ready="/trace/${traceId}"]`);
    await page.click('#compare-link');
    await page.waitForSelector(`body[data-ready="/trace/${traceId}/compare"]`);
    await expect(page.locator('#compare h1').textContent()).resolves.toMatch(
      /Compared with normal: gateway /,
    );
    expect(await page.locator('table.compare tbody tr').count()).toBeGreaterThan(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'compare.png'), fullPage: true });
  });

  it('runs the latency query grouped by service and draws the service map', async () => {
    await page.goto(`${inspector.uiUrl}/#/query?groupBy=service&sinceMinutes=60`);
    await page.waitForSelector('body[data-ready="/query"]');
    const groups = await page.locator('table.groups tbody tr').allTextContents();
    for (const service of SERVICES) expect(groups.join('\n')).toContain(service);
    expect(await page.locator('svg.heatmap rect.cell').count()).toBeGreaterThan(0);
    // The colour legend, and the top label is the largest duration (the Max card).
    expect(await page.locator('.heatmap-legend .legend-stop').count()).toBeGreaterThan(0);
    const top = await page.locator('svg.heatmap text[data-position="1"]').textContent();
    const max = await page
      .locator('.card', { hasText: 'MAX(duration_ms)' })
      .locator('.card-value')
      .textContent();
    expect(top).toBe(max);
    await page.screenshot({ path: join(SCREENSHOTS, 'query.png'), fullPage: true });

    // Drag across the whole heatmap: the region's traces and what sets them apart.
    const box = (await page.locator('svg.heatmap').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1 + 2, box.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, box.y + box.height * 0.9 - 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('#region table.region-traces tbody tr');
    await expect(page.locator('#region h2').textContent()).resolves.toMatch(
      /\d+ spans? in \d+ traces?/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'query-region.png'), fullPage: true });
    await page.click('#why-slow');
    await page.waitForSelector('#region .bubble-up .dimension, #region .notice');

    await page.goto(
      `${inspector.uiUrl}/#/query?calcs=COUNT,COUNT_DISTINCT(app.user_id),P95(duration_ms)&groupBy=http.route&sinceMinutes=60`,
    );
    await page.waitForSelector('body[data-ready="/query"]');
    const heads = await page.locator('table.groups th').allTextContents();
    expect(heads).toEqual([
      'http.route',
      'COUNT',
      'COUNT_DISTINCT(app.user_id)',
      'P95(duration_ms)',
      'Count over time',
    ]);
    await expect(page.locator('table.groups').textContent()).resolves.toContain(
      '/api/activities/home',
    );

    await page.goto(`${inspector.uiUrl}/#/map`);
    await page.waitForSelector('body[data-ready="/map"]');
    const nodes = await page
      .locator('svg.service-map .node')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-service')));
    expect(nodes.sort()).toEqual(SERVICES);
    const edgeKinds = await page
      .locator('svg.service-map .edge-group')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-kind')));
    expect(edgeKinds).toContain('request');
    await expect(
      page.locator('svg.service-map .node-heard').first().textContent(),
    ).resolves.toMatch(/\d+ replicas? · last heard \d/);
    await page.screenshot({ path: join(SCREENSHOTS, 'service-map.png'), fullPage: true });

    // A node opens its service's traces; an edge, the traces with that call.
    await page.locator('svg.service-map .node[data-service="notifications"]').click();
    await page.waitForSelector('body[data-ready="/"]');
    expect(page.url()).toContain('service=notifications');
    await page.locator('table.traces tbody tr').first().waitFor();
    await page.goto(`${inspector.uiUrl}/#/map`);
    await page.waitForSelector('body[data-ready="/map"]');
    await page
      .locator('svg.service-map .edge-group[data-to="home-activities"] .edge-hit')
      .first()
      .click({ force: true });
    await page.waitForSelector('body[data-ready="/"]');
    expect(page.url()).toMatch(/caller=gateway&callee=home-activities/);
    await page.locator('table.traces tbody tr').first().waitFor();
    for (const row of await page.locator('table.traces tbody tr').allTextContents()) {
      expect(row).toContain('home-activities');
    }
  });

  it('accounts for the telemetry, and no page asked for something that is not there', async () => {
    await page.goto(`${inspector.uiUrl}/#/accounting`);
    await page.waitForSelector('body[data-ready="/accounting"]');
    const signals = await page
      .locator('table.signals tbody tr')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-signal')));
    expect(signals).toEqual(['spans', 'X-Ray segments', 'log events', 'Rollbar items']);
    await page.screenshot({ path: join(SCREENSHOTS, 'accounting.png'), fullPage: true });
    // favicon.ico was a 404 on every page load; the finder's refusal above is the only expected one.
    expect(failedRequests.filter((request) => !request.includes('/api/find?id=not-an-id'))).toEqual(
      [],
    );
  });
});
