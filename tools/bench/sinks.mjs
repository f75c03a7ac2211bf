#!/usr/bin/env node
/**
 * The benchmark's stand-in backends, in their own process so that receiving telemetry does not
 * compete with the load generator's event loop. An OTLP/HTTP endpoint that counts spans per trace
 * (protobuf by a cheap wire walk, JSON with the tests' decoder), which can be told to answer
 * slowly.
 *
 * Prints one JSON line `{ "otlpPort": n }` when listening. Control: GET /stats, POST /reset,
 * POST /behaviour?delayMs=N on the same port.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const { decodeOtlpTraces, otlpEncodingOf } = require('@cruddur/telemetry-wire');
import { countSpans } from './otlp-span-counter.mjs';

let delayMs = 0;
let spans = 0;
let exportsReceived = 0;
/** trace id → [span count, names seen] */
const traces = new Map();

function recordSpan(traceId) {
  spans++;
  traces.set(traceId, (traces.get(traceId) ?? 0) + 1);
}

function record(body, encoding) {
  exportsReceived++;
  if (encoding === 'protobuf') countSpans(body, recordSpan);
  else for (const span of decodeOtlpTraces(body, encoding)) recordSpan(span.traceId);
}

function stats() {
  const histogram = {};
  for (const count of traces.values()) histogram[count] = (histogram[count] ?? 0) + 1;
  return { spans, traces: traces.size, exports: exportsReceived, spansPerTrace: histogram };
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://sink');
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (url.pathname === '/stats') {
      response.end(JSON.stringify(stats()));
      return;
    }
    if (url.pathname === '/reset') {
      spans = 0;
      exportsReceived = 0;
      traces.clear();
      response.end('{}');
      return;
    }
    if (url.pathname === '/behaviour') {
      delayMs = Number(url.searchParams.get('delayMs') ?? 0);
      response.end('{}');
      return;
    }
    const encoding = otlpEncodingOf(request.headers['content-type']);
    if (url.pathname !== '/v1/traces' || !encoding) {
      response.writeHead(404).end();
      return;
    }
    let body = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    const answer = () => {
      try {
        record(body, encoding);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (error) {
        response.writeHead(400).end(JSON.stringify({ error: String(error) }));
      }
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ otlpPort: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
