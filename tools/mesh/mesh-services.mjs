/**
 * What `npm start` runs. Each entry is a process of the mesh: its name (the line prefix), its
 * colour, the command (this Node unless `command` says otherwise), the line it prints once it
 * accepts connections, and how a user starts it alone. Another kind of process (a message
 * broker, a second replica) is one more entry here.
 */

/**
 * When each process stops (see stop-in-order.mjs): callers before what they call, so a request
 * still in flight finishes against services that are still up, and the inspector last, so the
 * telemetry every service flushes on its way out still has somewhere to go.
 */
export const STOP_ORDER = { callers: 0, downstreams: 1, inspector: 9 };

/** Loaded into every process the runner starts: it stops itself if the runner dies first. */
const EXIT_WITH_RUNNER = new URL('./exit-with-runner.preload.mjs', import.meta.url).href;

/** A built Nest or Node app of this workspace, run as `node dist/apps/<name>/main.js`. */
function builtApp(name, entry, color, { ready = /listening on/, stopOrder, stopTimeoutMs }) {
  return {
    name,
    color,
    args: ['--enable-source-maps', '--import', EXIT_WITH_RUNNER, entry],
    ready,
    restartHint: `npx nx serve ${name}`,
    stopOrder,
    // A service's own shutdown gives up after 10 s; a little more, then SIGKILL.
    stopTimeoutMs: stopTimeoutMs ?? 12_000,
  };
}

/** The local inspector, started before the services so their first spans have somewhere to go. */
export const INSPECTOR = builtApp('inspector', 'dist/apps/inspector/main.js', 34, {
  // The line it prints once every port is bound; the URL is the UI's.
  ready: /inspector listening on (\S+)/,
  stopOrder: STOP_ORDER.inspector,
  stopTimeoutMs: 5000,
});

/**
 * The services, started together once the inspector is up. The gateway's first request may find
 * a downstream not yet listening: it answers 503 and reconnects, as it does after any restart.
 */
export const MESH_SERVICES = [
  builtApp('home-activities', 'dist/apps/home-activities/main.js', 35, {
    stopOrder: STOP_ORDER.downstreams,
  }),
  builtApp('notifications', 'dist/apps/notifications/main.js', 36, {
    stopOrder: STOP_ORDER.downstreams,
  }),
  builtApp('gateway', 'dist/apps/gateway/main.js', 33, { stopOrder: STOP_ORDER.callers }),
  // The built React front end on FRONTEND_PORT (3000), pointed at the gateway by GATEWAY_URL.
  builtApp('frontend', 'dist/apps/frontend/server/main.js', 32, {
    stopOrder: STOP_ORDER.callers,
  }),
];
