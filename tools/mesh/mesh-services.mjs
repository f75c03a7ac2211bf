/**
 * What `npm start` runs. Each entry is a process of the mesh: its name (the line prefix), its
 * colour, the command (this Node unless `command` says otherwise), the line it prints once it
 * accepts connections, and how a user starts it alone. Another kind of process (a message
 * broker, a second replica) is one more entry here.
 */

/** A built Nest or Node app of this workspace, run as `node dist/apps/<name>/main.js`. */
function builtApp(name, entry, color, ready = /listening on/) {
  return {
    name,
    color,
    args: ['--enable-source-maps', entry],
    ready,
    restartHint: `npx nx serve ${name}`,
  };
}

/** The local inspector, started before the services so their first spans have somewhere to go. */
export const INSPECTOR = builtApp(
  'inspector',
  'dist/apps/inspector/main.js',
  34,
  // The line it prints once every port is bound; the URL is the UI's.
  /inspector listening on (\S+)/,
);

/**
 * The services, started together once the inspector is up. The gateway's first request may find
 * a downstream not yet listening: it answers 503 and reconnects, as it does after any restart.
 */
export const MESH_SERVICES = [
  builtApp('home-activities', 'dist/apps/home-activities/main.js', 35),
  builtApp('notifications', 'dist/apps/notifications/main.js', 36),
  builtApp('gateway', 'dist/apps/gateway/main.js', 33),
  // The built React front end on FRONTEND_PORT (3000), pointed at the gateway by GATEWAY_URL.
  builtApp('frontend', 'dist/apps/frontend/server/main.js', 32),
];
