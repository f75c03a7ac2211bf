import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActivitiesClient } from '../api/activities-client';
import { readRuntimeConfig } from '../config/runtime-config';
import { FeedServer, activity } from '../testing/feed-server';
import { originPattern, startBrowserTracing } from './browser-tracing';
import type { BrowserTracing } from './browser-tracing';
import { tracedLoad } from './traced-load';

/** The fetch span ends a little after the response (it waits for resource timing). */
async function fetchSpans(exporter: InMemorySpanExporter, count: number): Promise<ReadableSpan[]> {
  for (let i = 0; i < 100; i++) {
    const spans = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT);
    if (spans.length >= count) return spans;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`expected ${count} fetch span(s)`);
}

describe('browser tracing', () => {
  let gateway: FeedServer;
  let other: FeedServer;
  let exporter: InMemorySpanExporter;
  let tracing: BrowserTracing;
  let client: ActivitiesClient;

  beforeAll(async () => {
    [gateway, other] = await Promise.all([FeedServer.start(), FeedServer.start()]);
  });
  afterAll(() => Promise.all([gateway.close(), other.close()]));

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    const config = readRuntimeConfig({
      gatewayUrl: gateway.url,
      serviceName: 'cruddur-frontend-test',
    });
    tracing = startBrowserTracing(config, { exporter });
    client = new ActivitiesClient({ gatewayUrl: gateway.url, userHandle: 'andrewbrown' });
  });

  afterEach(async () => {
    await tracing.shutdown();
    gateway.requests.length = 0;
    other.requests.length = 0;
  });

  it('makes the feed fetch a root CLIENT span whose traceparent header reaches the gateway', async () => {
    gateway.answers.set('/api/activities/home', { status: 200, body: [activity()] });
    await client.feed('home');
    const [span] = await fetchSpans(exporter, 1);

    expect(span.name).toBe('GET /api/activities/home');
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.resource.attributes['service.name']).toBe('cruddur-frontend-test');
    const url = `${gateway.url}/api/activities/home`;
    expect(span.attributes).toMatchObject({
      'http.method': 'GET',
      'http.url': url,
      'http.status_code': 200,
      'http.request.method': 'GET',
      'url.full': url,
      'http.response.status_code': 200,
      'app.user_id': 'andrewbrown',
    });
    expect(span.status.code).toBe(SpanStatusCode.OK);

    const { traceId, spanId } = span.spanContext();
    expect(gateway.requests[0].headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(gateway.requests[0].headers['x-cruddur-user-handle']).toBe('andrewbrown');
  });

  it('makes a page load that fetches two feeds one trace, rooted in the page-load span', async () => {
    gateway.answers.set('/api/activities/home', { status: 200, body: [activity()] });
    gateway.answers.set('/api/activities/notifications', { status: 200, body: [] });
    await tracedLoad('load home', 'andrewbrown', () =>
      Promise.all([client.feed('home'), client.feed('notifications')]),
    );
    const fetches = await fetchSpans(exporter, 2);
    await tracing.forceFlush();
    const root = exporter.getFinishedSpans().find((span) => span.name === 'load home')!;
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.status.code).toBe(SpanStatusCode.OK);
    expect(root.attributes['app.user_id']).toBe('andrewbrown');
    for (const span of fetches) {
      expect(span.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(span.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    }
    const sent = gateway.requests.map((request) => request.headers.traceparent).sort();
    expect(sent).toEqual(
      fetches
        .map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`)
        .sort(),
    );
  });

  it('marks a failed feed load ERROR with the status', async () => {
    gateway.answers.set('/api/activities/notifications', {
      status: 503,
      body: { statusCode: 503, message: 'notifications is unavailable' },
    });
    await expect(client.feed('notifications')).rejects.toThrow('notifications is unavailable');
    const [span] = await fetchSpans(exporter, 1);
    expect(span.attributes['http.status_code']).toBe(503);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('marks an unreachable gateway ERROR as a network error', async () => {
    const down = new ActivitiesClient({
      gatewayUrl: 'http://127.0.0.1:9',
      userHandle: 'andrewbrown',
    });
    await expect(down.feed('home')).rejects.toThrow('cannot be reached');
    const [span] = await fetchSpans(exporter, 1);
    expect(span.attributes['http.status_code']).toBe(0);
    expect(span.status).toMatchObject({ code: SpanStatusCode.ERROR });
  });

  it('tells no other origin our trace ids', async () => {
    other.answers.set('/elsewhere', { status: 200, body: {} });
    await fetch(`${other.url}/elsewhere`);
    await fetchSpans(exporter, 1);
    expect(other.requests[0].headers.traceparent).toBeUndefined();
  });
});

describe('originPattern', () => {
  it('matches every URL on the origin and nothing that merely starts like it', () => {
    const pattern = originPattern('http://localhost:4567/some/base');
    expect(pattern.test('http://localhost:4567/api/activities/home')).toBe(true);
    expect(pattern.test('http://localhost:4567')).toBe(true);
    expect(pattern.test('http://localhost:45678/api')).toBe(false);
    expect(pattern.test('http://localhost:4567.evil.example/api')).toBe(false);
    expect(pattern.test('https://localhost:4567/api')).toBe(false);
  });
});
