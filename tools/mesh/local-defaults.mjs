import {
  Variables,
  inspectorDialHost,
  read,
  readInspectorAddress,
  readPort,
  readString,
} from '@cruddur/contracts';

/**
 * The one place that decides the local defaults of a service, however it is started: `npm start`
 * gives them to every process it runs, and `npx nx serve <app>` loads them through
 * local-defaults.preload.mjs. A variable the user set always wins; only unset (or empty) ones
 * get a default.
 *
 * - Every backend the user has not configured goes to the local inspector (unless
 *   INSPECTOR_ENABLED=false): OTLP traces, X-Ray datagrams, CloudWatch Logs and Rollbar.
 * - FRONTEND_URL (the origin the gateway's CORS allows) and GATEWAY_URL (where the page finds the
 *   gateway) follow FRONTEND_PORT and GATEWAY_PORT, so moving a port moves both ends.
 *
 * Needs the built @cruddur/contracts (the same variable readers the services use).
 *
 * @param {Record<string, string | undefined>} env the environment the process was given
 * @returns {Record<string, string>} the variables to add to it
 */
export function localDefaults(env) {
  const defaults = {};
  if (isUnset(env, 'FRONTEND_URL')) {
    defaults.FRONTEND_URL = localUrl(env, 'FRONTEND_HOST', 'FRONTEND_PORT', 3000);
  }
  if (isUnset(env, 'GATEWAY_URL')) {
    defaults.GATEWAY_URL = localUrl(env, 'GATEWAY_HOST', 'GATEWAY_PORT', 4567);
  }
  if (read(env, Variables.INSPECTOR_ENABLED)) {
    const address = readInspectorAddress(env);
    Object.assign(
      defaults,
      inspectorBackends(env, { ...address, dialHost: inspectorDialHost(address.host) }),
    );
  }
  return defaults;
}

/**
 * What the services need to send to the inspector, for each backend the user has not configured
 * (a variable already set means a real backend, which wins).
 *
 * @param {Record<string, string | undefined>} env
 * @param {{ dialHost: string, uiPort: number, otlpPort: number, xrayPort: number }} inspector
 * @returns {Record<string, string>}
 */
export function inspectorBackends(env, inspector) {
  const backends = {};
  const unset = (...names) => names.every((name) => isUnset(env, name));
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
      AWS_REGION: read(env, Variables.AWS_REGION) || 'us-east-1',
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

function isUnset(env, name) {
  return !env[name]?.trim();
}

/** `http://localhost:<port>` for a wildcard bind, else the interface it binds. */
function localUrl(env, hostVariable, portVariable, defaultPort) {
  const host = readString(env, hostVariable, '0.0.0.0');
  const dial = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${dial.includes(':') ? `[${dial}]` : dial}:${readPort(env, portVariable, defaultPort)}`;
}
