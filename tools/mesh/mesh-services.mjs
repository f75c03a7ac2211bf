/**
 * The services `npm start` runs, in start order, with the built entry point of each. Downstream
 * services start before the gateway so its first requests find them.
 */
export const MESH_SERVICES = [
  // `replicable`: over NATS, MESH_REPLICAS instances share the service's queue group.
  {
    name: 'home-activities',
    entry: 'dist/apps/home-activities/main.js',
    color: 35,
    replicable: true,
  },
  { name: 'notifications', entry: 'dist/apps/notifications/main.js', color: 36, replicable: true },
  { name: 'gateway', entry: 'dist/apps/gateway/main.js', color: 33 },
  // The built React front end on FRONTEND_PORT (3000), pointed at the gateway by GATEWAY_URL.
  { name: 'frontend', entry: 'dist/apps/frontend/server/main.js', color: 32 },
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

/** The local inspector, started before the services so their first spans have somewhere to go. */
export const INSPECTOR = {
  name: 'inspector',
  entry: 'dist/apps/inspector/main.js',
  color: 34,
  /** The line it prints once every port is bound. */
  ready: /inspector listening on (\S+)/,
};

/**
 * What the services need to send to the inspector, for each backend the user has not configured
 * (a variable already set means a real backend, which wins).
 *
 * @param {Record<string, string | undefined>} env the environment `npm start` was given
 * @param {{ dialHost: string, uiPort: number, otlpPort: number, xrayPort: number }} inspector
 * @returns {Record<string, string>} variables to add to every service's environment
 */
export function inspectorBackends(env, inspector) {
  const backends = {};
  const unset = (...names) => names.every((name) => !env[name]?.trim());
  if (unset('OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')) {
    backends.OTEL_EXPORTER_OTLP_ENDPOINT = `http://${inspector.dialHost}:${inspector.otlpPort}`;
  }
  if (unset('AWS_XRAY_DAEMON_ADDRESS')) {
    backends.AWS_XRAY_DAEMON_ADDRESS = `${inspector.dialHost}:${inspector.xrayPort}`;
  }
  const api = `http://${inspector.dialHost}:${inspector.uiPort}`;
  if (unset('CLOUDWATCH_LOG_GROUP')) {
    // The inspector speaks the CloudWatch Logs API and checks no signature: any key will do, and
    // none of the user's real AWS credentials are needed (or sent) for it.
    Object.assign(backends, {
      CLOUDWATCH_LOG_GROUP: 'cruddur',
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: api,
      AWS_REGION: env.AWS_REGION?.trim() || 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local-inspector',
      AWS_SECRET_ACCESS_KEY: 'local-inspector',
    });
  }
  if (unset('ROLLBAR_ACCESS_TOKEN', 'ROLLBAR_ENDPOINT')) {
    Object.assign(backends, {
      ROLLBAR_ACCESS_TOKEN: 'local-inspector',
      ROLLBAR_ENDPOINT: `${api}/api/1/item/`,
    });
  }
  return backends;
}
