import { request as httpRequest } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { OtlpReceiver, startMesh } from '@cruddur/testing';
import type { RunningMesh } from '@cruddur/testing';

jest.setTimeout(90_000);

const RELAY = '/api/telemetry/traces';
const WRITE_KEY = 'relay-secret-write-key';
const BROWSER_SERVICE = 'relay-test-browser';
const FRONTEND_ORIGIN = 'http://localhost:3000';

/** Real spans from a real SDK, as a browser's exporter would have them. */
function browserSpans(count: number): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': BROWSER_SERVICE }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: exporter })],
  });
  const tracer = provider.getTracer('relay-test');
  for (let i = 0; i < count; i++) {
    const span = tracer.startSpan(`GET /api/activities/home #${i}`, { kind: SpanKind.CLIENT });
    span.setAttribute('app.user_id', 'andrewbrown');
    span.setStatus({ code: SpanStatusCode.OK });
    span.end();
  }
  return exporter.getFinishedSpans();
}

const jsonExport = (count = 1) =>
  Buffer.from(JsonTraceSerializer.serializeRequest(browserSpans(count))!);
const protobufExport = (count = 1) =>
  Buffer.from(ProtobufTraceSerializer.serializeRequest(browserSpans(count))!);

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function post(
  mesh: RunningMesh,
  body: Buffer | string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Answer> {
  const response = await fetch(`${mesh.gatewayUrl}${RELAY}`, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** A POST whose body streams in chunks with no content-length, as node:http sends it. */
function postChunked(url: string, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      // The relay may close the connection before the last chunk is written.
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve(-1) : reject(error),
    );
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

function browserSpansAt(receiver: OtlpReceiver) {
  return receiver.spans.filter((span) => span.serviceName === BROWSER_SERVICE);
}

describe('the telemetry relay (POST /api/telemetry/traces)', () => {
  let receiver: OtlpReceiver;
  let mesh: RunningMesh;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    mesh = await startMesh({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_HEADERS: `x-honeycomb-team=${WRITE_KEY}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      TELEMETRY_RELAY_MAX_BODY_BYTES: String(64 * 1024),
      TELEMETRY_RELAY_CLIENT_BURST: '40',
      TELEMETRY_RELAY_CLIENT_PER_MINUTE: '120',
      FRONTEND_URL: FRONTEND_ORIGIN,
    });
  });

  afterAll(async () => {
    await mesh?.stop();
    await receiver?.close();
  });

  it('forwards an OTLP/JSON export with the server-side write key, which it never reveals', async () => {
    const answer = await post(mesh, jsonExport(2));
    expect(answer).toMatchObject({ status: 200, body: '{}' });
    const spans = await receiver.waitForSpans((all) =>
      all.some((span) => span.name === 'GET /api/activities/home #1'),
    );
    const forwarded = spans.filter((span) => span.serviceName === BROWSER_SERVICE);
    expect(forwarded.map((span) => span.name).sort()).toEqual([
      'GET /api/activities/home #0',
      'GET /api/activities/home #1',
    ]);
    expect(forwarded[0].attributes['app.user_id']).toBe('andrewbrown');
    const delivery = receiver.exports.find((received) =>
      received.spans.some((span) => span.serviceName === BROWSER_SERVICE),
    );
    expect(delivery?.encoding).toBe('json');
    expect(delivery?.headers['x-honeycomb-team']).toBe(WRITE_KEY);
    expect(JSON.stringify([...answer.headers])).not.toContain(WRITE_KEY);
    expect(mesh.services.gateway.output.join('\n')).not.toContain(WRITE_KEY);
  });

  it('forwards an OTLP/protobuf export as protobuf', async () => {
    receiver.clear();
    const answer = await post(mesh, protobufExport(3), {
      'content-type': 'application/x-protobuf',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/x-protobuf');
    await receiver.waitForSpans(() => browserSpansAt(receiver).length === 3);
    const delivery = receiver.exports.find((received) =>
      received.spans.some((span) => span.serviceName === BROWSER_SERVICE),
    );
    expect(delivery?.encoding).toBe('protobuf');
  });

  it('lets the front end post across origins (CORS preflight for POST)', async () => {
    const response = await fetch(`${mesh.gatewayUrl}${RELAY}`, {
      method: 'OPTIONS',
      headers: {
        origin: FRONTEND_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it.each([
    [
      'a content type that is not OTLP',
      'hello',
      { 'content-type': 'text/plain' },
      415,
      /OTLP\/HTTP/,
    ],
    ['no content type', '{}', {}, 415, /content-type/],
    [
      'a compressed body',
      'xx',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      415,
      /uncompressed/,
    ],
    ['text that is not JSON', 'not json', { 'content-type': 'application/json' }, 400, /not JSON/],
    ['a JSON array', '[1,2,3]', { 'content-type': 'application/json' }, 400, /JSON object/],
    [
      'JSON with no spans',
      '{"hello":"world"}',
      { 'content-type': 'application/json' },
      400,
      /no spans/,
    ],
    [
      'a span with a bad trace id',
      JSON.stringify({
        resourceSpans: [
          { scopeSpans: [{ spans: [{ traceId: 'xyz', spanId: 'abc', name: 'x' }] }] },
        ],
      }),
      { 'content-type': 'application/json' },
      400,
      /traceId must be 32 hex digits/,
    ],
    [
      'a span with a non-integer time',
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                    spanId: '00f067aa0ba902b7',
                    startTimeUnixNano: '1.5e18',
                  },
                ],
              },
            ],
          },
        ],
      }),
      { 'content-type': 'application/json' },
      400,
      /startTimeUnixNano must be an integer/,
    ],
    [
      'spans as an object',
      '{"resourceSpans":[{"scopeSpans":[{"spans":{"0":{"traceId":"x"}}}]}]}',
      { 'content-type': 'application/json' },
      400,
      /spans must be an array/,
    ],
    [
      'bytes that are not protobuf',
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]),
      { 'content-type': 'application/x-protobuf' },
      400,
      /not an OTLP/,
    ],
  ])(
    'refuses %s with a clear 4xx and forwards nothing',
    async (_why, body, headers, status, message) => {
      receiver.clear();
      const linesBefore = mesh.services.gateway.output.length;
      const answer = await post(mesh, body, headers as Record<string, string>);
      expect(answer.status).toBe(status);
      const reason = (JSON.parse(answer.body) as { message: string }).message;
      expect(reason).toMatch(message);
      expect(reason).not.toContain('\n');
      // A refusal is an answer, not a failure: no ERROR line and no stack trace in the log.
      const logged = mesh.services.gateway.output.slice(linesBefore);
      expect(logged.filter((line) => /"level":"error"|\bat .+:\d+:\d+\)?$/.test(line))).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(browserSpansAt(receiver)).toHaveLength(0);
    },
  );

  it('refuses an oversized export, declared or streamed, with 413', async () => {
    receiver.clear();
    const big = jsonExport(400);
    expect(big.length).toBeGreaterThan(64 * 1024);
    const declared = await post(mesh, big);
    expect(declared.status).toBe(413);
    expect(declared.body).toContain('at most 65536 bytes');
    const streamed = await postChunked(
      `${mesh.gatewayUrl}${RELAY}`,
      Array.from({ length: 10 }, () => big.subarray(0, 16 * 1024)),
    );
    expect([413, -1]).toContain(streamed);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(browserSpansAt(receiver)).toHaveLength(0);
  });

  it('answers a flood with 429 and Retry-After, forwards only what the limit allows, and keeps the API answering', async () => {
    receiver.clear();
    const body = jsonExport(1);
    const garbage = Buffer.alloc(60 * 1024, 'x');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const apiLatencies: number[] = [];

    const flood = (async () => {
      for (let round = 0; round < 20; round++) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            i % 2 === 0 ? post(mesh, body) : post(mesh, garbage),
          ),
        );
        for (const answer of answers) {
          statuses.push(answer.status);
          if (answer.status === 429) retryAfter ??= answer.headers.get('retry-after');
        }
      }
    })();
    const api = (async () => {
      for (let i = 0; i < 10; i++) {
        const started = Date.now();
        const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
        expect(response.status).toBe(200);
        expect(await response.json()).toHaveLength(3);
        apiLatencies.push(Date.now() - started);
      }
    })();
    await Promise.all([flood, api]);

    expect(statuses).toHaveLength(400);
    const limited = statuses.filter((status) => status === 429).length;
    expect(limited).toBeGreaterThan(300);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // 200 forwarded, 400 garbage inside the burst, 429 over the limit, 503 over the forwards in flight.
    expect(statuses.filter((status) => ![200, 400, 429, 503].includes(status))).toEqual([]);
    expect(Math.max(...apiLatencies)).toBeLessThan(3000);

    // Only exports inside the burst were forwarded: the limit is 40 at once, half of them garbage.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const forwarded = browserSpansAt(receiver).length;
    expect(forwarded).toBeGreaterThan(0);
    expect(forwarded).toBeLessThanOrEqual(45);
    expect(mesh.services.gateway.running).toBe(true);
  });
});

describe('the telemetry relay when the trace backend is down', () => {
  it('tells the browser to retry later (503 + Retry-After) and never slows the API', async () => {
    const mesh = await startMesh({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_EXPORTER_OTLP_TIMEOUT: '500',
    });
    try {
      const answer = await post(mesh, jsonExport(1));
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answer.body).not.toContain('127.0.0.1:9');
      const started = Date.now();
      const home = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
      expect(home.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
      const warnings = mesh.services.gateway.output.filter((line) =>
        line.includes('forwarding browser spans to http://127.0.0.1:9/v1/traces failed'),
      );
      expect(warnings).toHaveLength(1);
    } finally {
      await mesh.stop();
    }
  });
});
