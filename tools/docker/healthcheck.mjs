#!/usr/bin/env node
/**
 * The containers' HEALTHCHECK: `node tools/docker/healthcheck.mjs <app>` exits 0 when the app in
 * this container answers, 1 (with one line saying why) when it does not.
 *
 * - gateway: `GET /api/health` answers 200 (503 means a downstream service is not answering).
 * - home-activities, notifications: a real Nest TCP `health.check` message
 *   (`<length>#{"pattern":"health.check","data":{},"id":"hc"}`) gets a reply with no error; with
 *   MICROSERVICE_TRANSPORT=nats the same message is a NATS request to the service's queue group
 *   (any replica may answer: it checks that the service is reachable through the broker).
 * - inspector: `GET /api/stats` answers 200; frontend: `GET /runtime-config.js` answers 200.
 *
 * Ports come from the same variables the apps read, through the same readers. Every probe carries
 * a trace context that is not sampled (W3C `traceparent` flags 00, X-Ray `Sampled=0`), so a check
 * every few seconds does not fill Honeycomb, X-Ray or the inspector with health traces.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import {
  HOME_ACTIVITIES_SERVICE,
  MessagePatterns,
  NOTIFICATIONS_SERVICE,
  Variables,
  read,
} from '@cruddur/contracts';

const TIMEOUT_MS = 4000;

/** Headers that continue a trace which is not recorded anywhere. */
function unsampledTraceHeaders() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return {
    traceparent: `00-${traceId}-${spanId}-00`,
    'x-amzn-trace-id': `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${spanId};Sampled=0`,
  };
}

/** Resolves when `GET url` answers 200; rejects with the status or error otherwise. */
async function checkHttp(url) {
  const response = await fetch(url, {
    headers: unsampledTraceHeaders(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
  }
  return `GET ${url} answered 200`;
}

/** Resolves when a Nest TCP microservice replies to `health.check` without an error. */
function checkNestTcp(port) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const fail = (error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(TIMEOUT_MS, () => fail(new Error(`no reply on tcp://127.0.0.1:${port}`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      const packet = JSON.stringify({
        pattern: MessagePatterns.HealthCheck,
        data: {},
        id: 'hc',
        headers: unsampledTraceHeaders(),
      });
      // Nest's JsonSocket framing: the JSON's length, '#', the JSON.
      socket.write(`${packet.length}#${packet}`);
    });
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      buffered += chunk;
      const hash = buffered.indexOf('#');
      const length = Number(buffered.slice(0, hash));
      if (hash < 0 || buffered.length < hash + 1 + length) return;
      socket.end();
      let reply;
      try {
        reply = JSON.parse(buffered.slice(hash + 1, hash + 1 + length));
      } catch {
        reject(new Error(`tcp://127.0.0.1:${port} replied with a frame that is not JSON`));
        return;
      }
      if (reply.err !== undefined && reply.err !== null) {
        reject(new Error(`health.check failed: ${JSON.stringify(reply.err).slice(0, 300)}`));
      } else if (reply.response === undefined) {
        reject(new Error(`health.check replied without a response: ${JSON.stringify(reply)}`));
      } else {
        resolve(`health.check answered ${JSON.stringify(reply.response)}`);
      }
    });
  });
}

/** Resolves when a NATS request to `health.check` gets a reply with no error. */
async function checkNestNats(env, service) {
  const { connect, headers } = await import('@nats-io/transport-node');
  const servers = (read(env, Variables.NATS_SERVERS) || 'nats://127.0.0.1:4222').split(',');
  const connection = await connect({
    servers,
    timeout: TIMEOUT_MS,
    token: read(env, Variables.NATS_TOKEN),
    user: read(env, Variables.NATS_USER),
    pass: read(env, Variables.NATS_PASSWORD),
  });
  try {
    const probeHeaders = headers();
    for (const [name, value] of Object.entries(unsampledTraceHeaders()))
      probeHeaders.set(name, value);
    const body = JSON.stringify({ pattern: MessagePatterns.HealthCheck, data: {}, id: 'hc' });
    const reply =
      // The subject the service's requests use: `<service>.<pattern>` (observability's requestSubject).
      (
        await connection.request(`${service}.${MessagePatterns.HealthCheck}`, body, {
          timeout: TIMEOUT_MS,
          headers: probeHeaders,
        })
      ).json();
    if (reply.err !== undefined && reply.err !== null) {
      throw new Error(`health.check failed: ${JSON.stringify(reply.err).slice(0, 300)}`);
    }
    return `health.check over NATS answered ${JSON.stringify(reply.response)}`;
  } finally {
    await connection.close();
  }
}

/** Over NATS when MICROSERVICE_TRANSPORT says so, else Nest TCP on `port`. */
const checkMicroservice = (env, service, port) =>
  read(env, Variables.MICROSERVICE_TRANSPORT) === 'nats'
    ? checkNestNats(env, service)
    : checkNestTcp(port);

const PROBES = {
  gateway: (env) => checkHttp(`http://127.0.0.1:${read(env, Variables.GATEWAY_PORT)}/api/health`),
  'home-activities': (env) =>
    checkMicroservice(env, HOME_ACTIVITIES_SERVICE.name, read(env, HOME_ACTIVITIES_SERVICE.port)),
  notifications: (env) =>
    checkMicroservice(env, NOTIFICATIONS_SERVICE.name, read(env, NOTIFICATIONS_SERVICE.port)),
  // The UI port refuses other Host names only when bound to loopback; 127.0.0.1 passes either way.
  inspector: (env) =>
    checkHttp(`http://127.0.0.1:${read(env, Variables.INSPECTOR_PORT)}/api/stats`),
  frontend: (env) =>
    checkHttp(`http://127.0.0.1:${read(env, Variables.FRONTEND_PORT)}/runtime-config.js`),
};

const app = process.argv[2];
const probe = PROBES[app];
if (!probe) {
  process.stderr.write(
    `usage: node tools/docker/healthcheck.mjs <${Object.keys(PROBES).join('|')}>\n`,
  );
  process.exit(2);
}
try {
  process.stdout.write(`${app} healthy: ${await probe(process.env)}\n`);
  process.exit(0);
} catch (error) {
  process.stdout.write(`${app} unhealthy: ${error.message}\n`);
  process.exit(1);
}
