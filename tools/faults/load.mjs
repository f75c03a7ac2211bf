/**
 * The user traffic of a fault run: requests to the gateway over keep-alive connections, each with
 * a traceparent of its own (so that what each backend received can be matched to it), recording
 * when it started, its status, latency and trace id.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

/** The routes users call, in a fixed mix; /rollbar/test files one Rollbar item per call. */
export const ROUTES = {
  home: '/api/activities/home',
  notifications: '/api/activities/notifications',
  rollbar: '/rollbar/test',
};

/** The Rollbar notifier sends at most 60 items a minute per process: stay well under. */
const ROLLBAR_CALLS_PER_RUN = 20;

/** One request as the user saw it. */
function send(agent, baseUrl, route) {
  const traceId = randomBytes(16).toString('hex');
  const started = performance.now();
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const req = request(
      `${baseUrl}${ROUTES[route]}`,
      {
        agent,
        headers: {
          traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
          'x-cruddur-user-handle': 'andrewbrown',
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            route,
            traceId,
            startedAt,
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', (error) =>
      resolve({ route, traceId, startedAt, status: 0, error: error.code ?? error.message, ms: 0 }),
    );
    req.end();
  });
}

/**
 * Sends requests from `concurrency` workers until `until()` says stop (or `count` were sent).
 * Every 25th request (up to 20 a run) is /rollbar/test; the rest alternate the two feeds.
 */
export async function runLoad(baseUrl, { concurrency = 8, until = () => false, count = Infinity }) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const results = [];
  let sent = 0;
  let rollbarCalls = 0;
  const worker = async () => {
    while (sent < count && !until()) {
      const n = sent++;
      const route =
        n % 25 === 12 && rollbarCalls < ROLLBAR_CALLS_PER_RUN
          ? (rollbarCalls++, 'rollbar')
          : n % 2 === 0
            ? 'home'
            : 'notifications';
      const result = await send(agent, baseUrl, route);
      results.push(result);
      // A gateway that stopped listening refuses at once: do not spin on it.
      if (result.status === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return results;
}

/** The p-th percentile of the latencies of the answered requests. */
export function percentile(results, p) {
  const sorted = results
    .filter((result) => result.status > 0)
    .map((result) => result.ms)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
