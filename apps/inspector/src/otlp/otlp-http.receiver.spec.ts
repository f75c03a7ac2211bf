import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Inspector } from '../inspector';
import { startTestInspector } from '../../test/start-test-inspector';

const HONEYCOMB_KEY = 'hc-secret-key-do-not-store-0123456789';

/** Inspector on free ports with a small body limit, so "huge" is cheap to send. */
function startInspector(): Promise<Inspector> {
  return startTestInspector({ INSPECTOR_MAX_BODY_BYTES: String(256 * 1024) });
}

const EXPORT_FIXTURE = join(__dirname, '../../test/fixtures/otlp-export.cjs');

/** Exports a server span and its failing client child with the real exporter; the trace id. */
async function exportTrace(
  inspector: Inspector,
  encoding: 'protobuf' | 'json',
  serviceName: string,
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [EXPORT_FIXTURE, encoding, inspector.otlpTracesUrl, serviceName],
    {
      env: {
        PATH: process.env.PATH ?? '',
        OTEL_EXPORTER_OTLP_HEADERS: `x-honeycomb-team=${HONEYCOMB_KEY}`,
        ...env,
      },
    },
  );
  return (JSON.parse(stdout) as { traceId: string }).traceId;
}

function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return fetch(url, { method: 'POST', body, headers }).then(async (response) => ({
    status: response.status,
    body: await response.text(),
  }));
}

async function getJson(inspector: Inspector, path: string): Promise<unknown> {
  const response = await fetch(`${inspector.uiUrl}${path}`);
  return response.json();
}

describe('the OTLP/HTTP receiver', () => {
  let inspector: Inspector;

  beforeEach(async () => {
    inspector = await startInspector();
  });

  afterEach(async () => {
    await inspector.close();
  });

  it.each(['protobuf', 'json'] as const)(
    'stores what the real %s exporter sends, gzip-compressed',
    async (encoding) => {
      const traceId = await exportTrace(inspector, encoding, `svc-${encoding}`, {
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      });

      const stored = inspector.store.trace(traceId);
      expect(stored?.spans.map((span) => span.name).sort()).toEqual([
        'GET /api/activities/home',
        'home-activities/activities.home',
      ]);
      const client = stored!.spans.find((span) => span.name === 'home-activities/activities.home')!;
      expect(client).toMatchObject({
        serviceName: `svc-${encoding}`,
        attributes: { 'rpc.service': 'home-activities' },
        status: { code: 2, message: 'downstream timed out' },
      });
      expect(client.events).toEqual([
        expect.objectContaining({ name: 'sent', attributes: { bytes: 42 } }),
      ]);
      const stats = (await getJson(inspector, '/api/stats')) as {
        otlp: { exports: number; gzip: number; protobuf: number; json: number };
      };
      expect(stats.otlp).toMatchObject({ exports: 2, gzip: 2, [encoding]: 2 }); // one per span (SimpleSpanProcessor);
    },
  );

  it('never stores the export headers (the Honeycomb key)', async () => {
    const traceId = await exportTrace(inspector, 'protobuf', 'gateway');
    const everything = JSON.stringify([
      await getJson(inspector, '/api/traces'),
      await getJson(inspector, `/api/traces/${traceId}`),
      await getJson(inspector, '/api/stats'),
      await getJson(inspector, '/api/facets'),
      [...inspector.store.allTraces()],
    ]);
    expect(everything).toContain(traceId);
    expect(everything).not.toContain(HONEYCOMB_KEY);
    expect(everything).not.toContain('x-honeycomb-team');
  });

  describe('bad input: a clear 4xx, counted, and good data still accepted after', () => {
    const url = () => inspector.otlpTracesUrl;

    it.each([
      [
        'bad protobuf',
        Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]),
        'application/x-protobuf',
        400,
        /protobuf/,
      ],
      ['bad JSON', '{"resourceSpans": [', 'application/json', 400, /not JSON/],
      [
        'JSON of the wrong shape',
        '{"resourceSpans": 7}',
        'application/json',
        400,
        /resourceSpans must be an array/,
      ],
      [
        'a bad trace id',
        JSON.stringify({
          resourceSpans: [
            { scopeSpans: [{ spans: [{ traceId: 'xyz', spanId: '0102030405060708' }] }] },
          ],
        }),
        'application/json',
        400,
        /traceId must be 32 hex/,
      ],
      [
        'a non-numeric time',
        JSON.stringify({
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: '0af7651916cd43dd8448eb211c80319c',
                      spanId: '0102030405060708',
                      startTimeUnixNano: 'soon',
                    },
                  ],
                },
              ],
            },
          ],
        }),
        'application/json',
        400,
        /OTLP json/,
      ],
      ['a wrong content type', 'hello', 'text/plain', 415, /Content-Type must be/],
      ['no content type', 'hello', '', 415, /Content-Type must be/],
    ])('%s', async (_what, body, contentType, status, message) => {
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      const response = await post(url(), body, headers);
      expect(response.status).toBe(status);
      expect(JSON.parse(response.body).error).toMatch(message);
      await expectStillAccepting(inspector);
      const stats = (await getJson(inspector, '/api/stats')) as {
        otlp: { rejected: Record<string, number> };
      };
      expect(stats.otlp.rejected[status]).toBe(1);
    });

    it('gzip that is not gzip: 400', async () => {
      const response = await post(url(), 'not gzip at all', {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).error).toMatch(/not valid gzip/);
      await expectStillAccepting(inspector);
    });

    it('an unsupported Content-Encoding: 415', async () => {
      const response = await post(url(), '{}', {
        'content-type': 'application/json',
        'content-encoding': 'br',
      });
      expect(response.status).toBe(415);
      await expectStillAccepting(inspector);
    });

    it('a declared body over the limit: 413 before reading it', async () => {
      const response = await post(url(), Buffer.alloc(300 * 1024, 0x20), {
        'content-type': 'application/json',
      });
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body).error).toMatch(/over the limit of 262144 bytes/);
      await expectStillAccepting(inspector);
    });

    it('a chunked body that grows over the limit: 413', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(url(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        for (let i = 0; i < 6; i++) request.write(chunk);
        request.end();
      });
      expect(status).toBe(413);
      await expectStillAccepting(inspector);
    });

    it('a gzip bomb (small compressed, huge inflated): 413', async () => {
      const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
      expect(bomb.length).toBeLessThan(256 * 1024);
      const response = await post(url(), bomb, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body).error).toMatch(/once decompressed/);
      await expectStillAccepting(inspector);
    });

    it('the wrong method or path: 405 / 404', async () => {
      expect((await fetch(url())).status).toBe(405);
      const elsewhere = await post(`${inspector.otlpEndpoint}/v1/metrics`, '{}', {
        'content-type': 'application/json',
      });
      expect(elsewhere.status).toBe(404);
      expect(JSON.parse(elsewhere.body).error).toMatch(/OTLP traces at POST \/v1\/traces/);
      await expectStillAccepting(inspector);
    });
  });
});

/** A valid JSON export right after the bad one is stored. */
async function expectStillAccepting(inspector: Inspector): Promise<void> {
  const traceId = '5b8efff798038103d269b633813fc60c';
  const response = await post(
    inspector.otlpTracesUrl,
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'after' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId: 'eee19b7ec3c1b174',
                  name: 'still alive',
                  kind: 2,
                  startTimeUnixNano: '1544712660000000000',
                  endTimeUnixNano: '1544712661000000000',
                },
              ],
            },
          ],
        },
      ],
    }),
    { 'content-type': 'application/json' },
  );
  expect(response.status).toBe(200);
  expect(inspector.store.trace(traceId)?.spans[0].name).toBe('still alive');
}
