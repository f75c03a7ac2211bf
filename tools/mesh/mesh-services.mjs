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

/** A built Nest or Node app of this workspace, run as `node dist/apps/<name>/main.js`. */
function builtApp(
  name,
  entry,
  color,
  { ready = /listening on/, stopOrder, stopTimeoutMs, replicable = false },
) {
  return {
    name,
    color,
    // Over NATS, MESH_REPLICAS instances share the service's queue group.
    replicable,
    args: ['--enable-source-maps', entry],
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
    replicable: true,
  }),
  builtApp('notifications', 'dist/apps/notifications/main.js', 36, {
    stopOrder: STOP_ORDER.downstreams,
    replicable: true,
  }),
  builtApp('gateway', 'dist/apps/gateway/main.js', 33, { stopOrder: STOP_ORDER.callers }),
  // The built React front end on FRONTEND_PORT (3000), pointed at the gateway by GATEWAY_URL.
  builtApp('frontend', 'dist/apps/frontend/server/main.js', 32, {
    stopOrder: STOP_ORDER.callers,
  }),
];

/**
 * The processes `npm start` runs: MESH_SERVICES, with MESH_REPLICAS instances of each microservice
 * (named `home-activities-1`, `-2`, ...). More than one needs MICROSERVICE_TRANSPORT=nats: over TCP
 * a service is one process at one port.
 *
 * @param {Record<string, string | undefined>} env the environment `npm start` was given
 */
export function meshProcesses(env) {
  const raw = env.MESH_REPLICAS?.trim() || '1';
  const replicas = Number(raw);
  if (!/^\d+$/.test(raw) || replicas < 1) {
    throw new Error(
      `MESH_REPLICAS must be a whole number of at least 1, got ${JSON.stringify(raw)}`,
    );
  }
  if (replicas > 1 && env.MICROSERVICE_TRANSPORT?.trim() !== 'nats') {
    throw new Error(
      'MESH_REPLICAS > 1 needs MICROSERVICE_TRANSPORT=nats (over TCP a service has one port)',
    );
  }
  return MESH_SERVICES.flatMap((service) =>
    service.replicable && replicas > 1
      ? Array.from({ length: replicas }, (_, i) => ({
          ...service,
          name: `${service.name}-${i + 1}`,
        }))
      : [service],
  );
}
