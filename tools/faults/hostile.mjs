/**
 * Hostile input against running processes: malformed OTLP to the gateway's telemetry relay and to
 * the inspector, X-Amz-Target names that live on Object.prototype and malformed bodies to the
 * inspector's CloudWatch Logs API, bad trace headers to the gateway, and broken TCP frames to a
 * microservice. Each answer must be below 500; afterwards no process may have crashed or written
 * an ERROR line or a stack trace, and the mesh must still serve.
 */
import { connect } from 'node:net';
import { createRequire } from 'node:module';
import { errorLines } from './scenario.mjs';

const require = createRequire(import.meta.url);
const { ServiceProcess, freePort, freeUdpPort, startMesh } = require('@cruddur/testing');

const json = { 'content-type': 'application/json' };
const spanWith = (fields) =>
  JSON.stringify({
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                spanId: '00f067aa0ba902b7',
                ...fields,
              },
            ],
          },
        ],
      },
    ],
  });
const MALFORMED_OTLP = [
  ['non-integer time', spanWith({ startTimeUnixNano: '1.5e18' })],
  ['negative time', spanWith({ endTimeUnixNano: -1 })],
  ['spans as an object', '{"resourceSpans":[{"scopeSpans":[{"spans":{"0":{}}}]}]}'],
  ['attributes as a number', spanWith({ attributes: 5 })],
  ['a null span', '{"resourceSpans":[{"scopeSpans":[{"spans":[null]}]}]}'],
  ['not JSON', '{"resourceSpans": ['],
];

/** Writes raw bytes to a TCP port and waits for the peer to close or 500 ms to pass. */
function sendRaw(port, bytes) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const done = (outcome) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.on('error', (error) => done(error.code));
    socket.on('close', () => done('closed by the service'));
    socket.setTimeout(500, () => done('kept open'));
  });
}

const frame = (object) => {
  const text = JSON.stringify(object);
  return `${text.length}#${text}`;
};

/** Runs every case; returns `{ cases: [{ target, input, answer, ok }], problems }`. */
export async function runHostileInput() {
  const cases = [];
  const record = (target, input, answer, ok) => cases.push({ target, input, answer, ok });
  const inspectorPorts = {
    INSPECTOR_PORT: String(await freePort()),
    INSPECTOR_OTLP_PORT: String(await freePort()),
    INSPECTOR_XRAY_PORT: String(await freeUdpPort()),
    INSPECTOR_HOST: '127.0.0.1',
  };
  const inspector = await ServiceProcess.start({
    name: 'inspector',
    entry: 'dist/apps/inspector/main.js',
    env: inspectorPorts,
    readyPattern: /inspector listening on/,
  });
  let outcome;
  const mesh = await startMesh({
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${inspectorPorts.INSPECTOR_OTLP_PORT}`,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${inspectorPorts.INSPECTOR_XRAY_PORT}`,
  });
  try {
    const post = async (url, body, headers = json) => {
      const response = await fetch(url, { method: 'POST', headers, body });
      return { status: response.status, text: (await response.text()).slice(0, 120) };
    };
    const relay = `${mesh.gatewayUrl}/api/telemetry/traces`;
    const otlp = `http://127.0.0.1:${inspectorPorts.INSPECTOR_OTLP_PORT}/v1/traces`;
    for (const [name, body] of MALFORMED_OTLP) {
      const answer = await post(relay, body);
      record('gateway telemetry relay', name, answer.status, answer.status === 400);
      const direct = await post(otlp, body);
      record(
        'inspector OTLP/HTTP',
        name,
        direct.status,
        direct.status >= 400 && direct.status < 500,
      );
    }

    const cloudWatch = `http://127.0.0.1:${inspectorPorts.INSPECTOR_PORT}/`;
    const amz = (operation) => ({
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `Logs_20140328.${operation}`,
    });
    for (const operation of ['__proto__', 'hasOwnProperty', 'constructor', 'toString']) {
      const answer = await post(cloudWatch, '{}', amz(operation));
      record(
        'inspector CloudWatch Logs API',
        `operation ${operation}`,
        `${answer.status} ${/"__type":"(\w+)"/.exec(answer.text)?.[1] ?? ''}`,
        answer.status === 400 && answer.text.includes('UnknownOperationException'),
      );
    }
    for (const [name, operation, body] of [
      ['body not JSON', 'PutLogEvents', '{not json'],
      [
        'logEvents as a string',
        'PutLogEvents',
        '{"logGroupName":"g","logStreamName":"s","logEvents":"x"}',
      ],
      ['group name an object', 'CreateLogGroup', '{"logGroupName":{"a":1}}'],
      ['a __proto__ key', 'CreateLogGroup', '{"__proto__":{"logGroupName":"x"}}'],
    ]) {
      const answer = await post(cloudWatch, body, amz(operation));
      record('inspector CloudWatch Logs API', name, answer.status, answer.status < 500);
    }

    for (const [name, headers] of [
      ['traceparent garbage', { traceparent: 'garbage' }],
      [
        'traceparent version ff',
        { traceparent: 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      ],
      ['traceparent 8 kB', { traceparent: `00-${'a'.repeat(8000)}-00f067aa0ba902b7-01` }],
      ['baggage garbage', { baggage: '=;=;%%%,app.user_id=%zz' }],
      ['X-Amzn-Trace-Id garbage', { 'x-amzn-trace-id': 'Root=1-zz;Parent=;Sampled=9' }],
      ['user handle 4 kB', { 'x-cruddur-user-handle': 'x'.repeat(4000) }],
    ]) {
      const response = await fetch(`${mesh.gatewayUrl}/api/activities/home`, { headers });
      await response.arrayBuffer();
      record('gateway trace headers', name, response.status, response.status === 200);
    }

    const port = mesh.ports.homeActivities;
    for (const [name, bytes] of [
      ['bytes that are no frame', 'garbage\n\x00\xff'],
      ['a truncated frame', '50#{"pattern":"activities.home"'],
      ['a 2 GB frame header', '2147483647#{'],
      ['pattern __proto__', frame({ pattern: '__proto__', data: {}, id: '1' })],
      ['pattern constructor (event)', frame({ pattern: 'constructor', data: {} })],
      ['data not an object', frame({ pattern: 'activities.home', data: 'x', id: '2' })],
    ]) {
      record('home-activities TCP port', name, await sendRaw(port, bytes), true);
    }

    const after = await fetch(`${mesh.gatewayUrl}/api/activities/home`);
    await after.arrayBuffer();
    record('gateway', 'a normal request after all that', after.status, after.status === 200);
  } finally {
    outcome = {
      crashed: [...Object.values(mesh.services), inspector].filter((s) => !s.running),
      errors: errorLines({ ...mesh.services, inspector }),
    };
    await mesh.stop();
    await inspector.stop();
  }
  const { crashed, errors } = outcome;
  const problems = cases.filter((c) => !c.ok).map((c) => `${c.target}: ${c.input} → ${c.answer}`);
  for (const service of crashed) problems.push(`${service.name} crashed`);
  for (const line of errors) problems.push(`ERROR line: ${line.slice(0, 160)}`);
  return { cases, problems, errorLines: errors.length, crashed: crashed.length };
}
