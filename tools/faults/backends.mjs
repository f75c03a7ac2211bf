/**
 * The four telemetry backends of a fault run, each either a real receiver from @cruddur/testing
 * (decoding what arrives) or one of the faults: refusing (a port nobody listens on), black-holed
 * (accepts and never answers, or for UDP receives and drops), slow (answers after 4 s) or failing
 * (503). Returns the services' environment and what to count afterwards.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  CloudWatchLogsReceiver,
  OtlpReceiver,
  RollbarReceiver,
  XRayDaemonReceiver,
  freePort,
  freeUdpPort,
} = require('@cruddur/testing');

/** The backends and the faults each can play (UDP has no answer to be slow or 503 about). */
export const BACKENDS = ['otlp', 'xray', 'cloudwatch', 'rollbar'];
export const FAULTS = ['refusing', 'black-holed', 'slow 4 s', '503'];
export const APPLICABLE = {
  otlp: FAULTS,
  xray: ['refusing', 'black-holed'],
  cloudwatch: FAULTS,
  rollbar: FAULTS,
};

const SLOW_MS = 4000;
const LOG_GROUP = 'cruddur-faults';
/** Not a secret: the receiver checks the token's shape only. */
const ROLLBAR_TOKEN = 'faults0123456789abcdef0123456789ab';

/** A TCP server that accepts every connection and never sends a byte. */
async function blackHoleTcp() {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A UDP socket that receives every datagram and drops it. */
async function blackHoleUdp() {
  const socket = createSocket('udp4');
  socket.on('message', () => {});
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, close: () => new Promise((r) => socket.close(r)) };
}

/**
 * Starts the backends, `faulty` (one of BACKENDS, or undefined) playing `fault`. Returns
 * `{ env, receivers, healthy, close }`: `receivers[backend]` is the receiver of a healthy one.
 */
export async function startBackends(faulty, fault) {
  const closers = [];
  const receivers = {};
  const env = {
    // Dummy credentials for the emulated CloudWatch Logs, and no probing of this machine's own.
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAFAULTSUITE000000',
    AWS_SECRET_ACCESS_KEY: 'faults-suite-secret-key-not-real-000000000',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    CLOUDWATCH_LOG_GROUP: LOG_GROUP,
    ROLLBAR_ACCESS_TOKEN: ROLLBAR_TOKEN,
    AWS_XRAY_SAMPLING_RULES: 'tools/bench/xray-sample-everything.json',
  };

  const tcpFault = async () => {
    if (fault === 'refusing') return `http://127.0.0.1:${await freePort()}`;
    const hole = await blackHoleTcp();
    closers.push(hole.close);
    return `http://127.0.0.1:${hole.port}`;
  };

  // OTLP/HTTP traces.
  if (faulty === 'otlp' && (fault === 'refusing' || fault === 'black-holed')) {
    env.OTEL_EXPORTER_OTLP_ENDPOINT = await tcpFault();
  } else {
    const otlp = await OtlpReceiver.start();
    closers.push(() => otlp.close());
    if (faulty === 'otlp')
      otlp.behaviour = fault === '503' ? { status: 503 } : { delayMs: SLOW_MS };
    else receivers.otlp = otlp;
    env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp.endpoint;
  }

  // X-Ray daemon datagrams.
  if (faulty === 'xray') {
    if (fault === 'refusing') {
      env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${await freeUdpPort()}`;
    } else {
      const hole = await blackHoleUdp();
      closers.push(hole.close);
      env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${hole.port}`;
    }
  } else {
    const xray = await XRayDaemonReceiver.start();
    closers.push(() => xray.close());
    receivers.xray = xray;
    env.AWS_XRAY_DAEMON_ADDRESS = xray.address;
  }

  // CloudWatch Logs API.
  if (faulty === 'cloudwatch' && (fault === 'refusing' || fault === 'black-holed')) {
    env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = await tcpFault();
  } else {
    const cloudWatch = await CloudWatchLogsReceiver.start();
    closers.push(() => cloudWatch.close());
    if (faulty === 'cloudwatch') {
      cloudWatch.behaviour = fault === '503' ? { status: 503 } : { delayMs: SLOW_MS };
    } else receivers.cloudwatch = cloudWatch;
    env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = cloudWatch.endpoint;
  }

  // Rollbar item API.
  if (faulty === 'rollbar' && (fault === 'refusing' || fault === 'black-holed')) {
    env.ROLLBAR_ENDPOINT = `${await tcpFault()}/api/1/item/`;
  } else {
    const rollbar = await RollbarReceiver.start();
    closers.push(() => rollbar.close());
    if (faulty === 'rollbar') {
      rollbar.behaviour = fault === '503' ? { failWithStatus: 503 } : { delayMs: SLOW_MS };
    } else receivers.rollbar = rollbar;
    env.ROLLBAR_ENDPOINT = rollbar.endpoint;
  }

  return {
    env,
    receivers,
    logGroup: LOG_GROUP,
    close: () => Promise.all(closers.map((close) => close())),
  };
}
