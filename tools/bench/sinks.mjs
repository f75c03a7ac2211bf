#!/usr/bin/env node
/**
 * The benchmark's stand-in backends, in their own process so that receiving telemetry does not
 * compete with the load generator's event loop: an OTLP/HTTP endpoint that counts spans per trace
 * (protobuf by a cheap wire walk, JSON with the tests' decoder), the CloudWatch Logs API (the
 * tests' emulator, counting the journals' per-request lines) and a Rollbar item endpoint on the same
 * HTTP port (all can be told to answer slowly), and an X-Ray daemon UDP port counting segment
 * documents.
 *
 * Prints one JSON line `{ "httpPort": n, "xrayPort": n }` when listening. Control: GET /stats,
 * POST /reset, POST /behaviour?delayMs=N on the HTTP port.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const {
  CloudWatchLogsEmulator,
  decodeOtlpTraces,
  decodeXRayDatagram,
  otlpEncodingOf,
} = require('@cruddur/telemetry-wire');
import { countSpans } from './otlp-span-counter.mjs';

let delayMs = 0;
let spans = 0;
let exportsReceived = 0;
let xraySegments = 0;
let rollbarItems = 0;
/** The lines each request writes: the gateway's access log and home-activities' feed line. */
let requestLogLines = 0;
let logEvents = 0;
const cloudWatch = new CloudWatchLogsEmulator({
  maxEventsPerStream: 1, // counted here, not kept
  onAccepted: (_group, _stream, events) => {
    logEvents += events.length;
    for (const { message } of events) {
      if (
        message.includes('"context":"AccessLog"') ||
        message.includes('"context":"HomeActivitiesService"')
      ) {
        requestLogLines++;
      }
    }
  },
});
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
  return {
    spans,
    traces: traces.size,
    exports: exportsReceived,
    spansPerTrace: histogram,
    xraySegments,
    rollbarItems,
    logEvents,
    requestLogLines,
  };
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
      xraySegments = 0;
      rollbarItems = 0;
      logEvents = 0;
      requestLogLines = 0;
      cloudWatch.reset();
      traces.clear();
      response.end('{}');
      return;
    }
    if (url.pathname === '/behaviour') {
      delayMs = Number(url.searchParams.get('delayMs') ?? 0);
      response.end('{}');
      return;
    }
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith('Logs_20140328.')) {
      setTimeout(() => {
        const answer = cloudWatch.handle({ target, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(answer.status, answer.headers).end(answer.body);
      }, delayMs);
      return;
    }
    if (url.pathname === '/api/1/item/') {
      setTimeout(() => {
        rollbarItems++;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"err":0,"result":{"uuid":"00000000-0000-0000-0000-000000000000"}}');
      }, delayMs);
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

const xray = createSocket('udp4');
xray.on('message', (datagram) => {
  try {
    decodeXRayDatagram(datagram);
    xraySegments++;
  } catch {
    // Not a segment: not counted.
  }
});

xray.bind(0, '127.0.0.1', () => {
  server.listen(0, '127.0.0.1', () => {
    const ports = { httpPort: server.address().port, xrayPort: xray.address().port };
    process.stdout.write(`${JSON.stringify(ports)}\n`);
  });
});
process.on('SIGTERM', () => {
  xray.close();
  server.close(() => process.exit(0));
});
