#!/usr/bin/env node
/**
 * `npm start`: builds every app once (nx-build.mjs), starts the local inspector, then runs the
 * whole mesh in the foreground, each line prefixed by its process's name. The services get the
 * local defaults (local-defaults.mjs): unless the user configured real backends, everything goes
 * to the inspector, whose URL is printed. INSPECTOR_ENABLED=false skips it.
 *
 * Each process runs in a process group of its own, so the terminal's Ctrl-C reaches only this
 * runner, which stops things in order (stop-in-order.mjs): the gateway and the front end, then the
 * services behind them, each flushing its spans, logs, segments and items into the still-running
 * inspector, then the inspector. Any way of asking npm or this runner to stop does the same
 * (stop-triggers.mjs). A process that exits on its own is reported and restarted with back-off,
 * or left down with a line on how to start it again (supervisor.mjs); the rest of the mesh keeps
 * running.
 */
import { OutputLines } from './output-lines.mjs';
import { INSPECTOR, meshProcesses } from './mesh-services.mjs';
import { meshBroker } from './nats-server.mjs';
import { buildAll } from './nx-build.mjs';
import { stopInOrder } from './stop-in-order.mjs';
import { onStopRequest } from './stop-triggers.mjs';
import { Supervisor } from './supervisor.mjs';

const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
/** The services, with MESH_REPLICAS instances of each microservice over NATS. */
const MESH_SERVICES = meshProcesses(process.env);
/** The local nats-server's lines (MICROSERVICE_TRANSPORT=nats without NATS_SERVERS). */
const broker = { name: 'nats', color: 37 };
/** The runner's own lines. */
const runner = { name: 'npm start', color: 1 };
const output = new OutputLines({
  names: [INSPECTOR, ...MESH_SERVICES, broker, runner].map((service) => service.name),
  useColor,
});

let stopRequested = false;
let build;
let stopMesh = async () => process.exit(0);
onStopRequest((reason) => {
  stopRequested = true;
  output.line(runner, `${reason}: stopping the services, then the inspector`);
  if (build) build.stop('SIGTERM');
  void stopMesh();
});

build = buildAll();
const buildCode = await build.done;
build = undefined;
if (buildCode !== 0 || stopRequested) process.exit(stopRequested ? 0 : buildCode);

// Built just now: the same variable readers the services use.
const { Variables, read } = await import('@cruddur/contracts');
const { localDefaults } = await import('./local-defaults.mjs');

const defaults = localDefaults(process.env);
const serviceEnv = {
  ...process.env,
  ...defaults,
  // MICROSERVICE_TRANSPORT=nats without NATS_SERVERS: a local nats-server, stopped when we exit.
  ...(await meshBroker(process.env, (line) => output.line(broker, line))),
  FORCE_COLOR: useColor ? '1' : '0',
};
const inspectorEnabled = read(process.env, Variables.INSPECTOR_ENABLED);

const inspector = inspectorEnabled
  ? new Supervisor(INSPECTOR, {
      env: { ...process.env, FORCE_COLOR: serviceEnv.FORCE_COLOR },
      output,
    })
  : undefined;
const services = MESH_SERVICES.map(
  (service) => new Supervisor(service, { env: serviceEnv, output }),
);

stopMesh = async () => {
  const since = Date.now();
  await stopInOrder(inspector ? [...services, inspector] : services);
  output.line(runner, `stopped in ${((Date.now() - since) / 1000).toFixed(1)} s`);
  process.exit(0);
};

let inspectorUrl;
if (inspector) {
  const ready = await inspector.start();
  if (!ready) {
    output.line(runner, 'the inspector did not start (see above); stopping', true);
    await inspector.stop();
    process.exit(1);
  }
  inspectorUrl = ready[1];
  const pointed = Object.keys(defaults).filter(
    (name) => name !== 'FRONTEND_URL' && name !== 'GATEWAY_URL',
  );
  output.line(
    INSPECTOR,
    pointed.length
      ? `services send ${pointed.join(', ')} here`
      : 'real backends configured: services do not send here',
  );
}

if (!stopRequested) {
  const ready = await Promise.all(services.map((service) => service.start()));
  if (!stopRequested) {
    const lines = [''];
    if (inspectorUrl) {
      lines.push(
        `  Inspector: ${output.bold(inspectorUrl)}  (traces, X-Ray segments, logs, Rollbar items; \`npm run trace -- last\` in a terminal)`,
      );
    }
    if (ready[MESH_SERVICES.findIndex((service) => service.name === 'frontend')]) {
      lines.push(`  Cruddur:   ${output.bold(serviceEnv.FRONTEND_URL ?? 'http://localhost:3000')}`);
    }
    lines.push('  Ctrl-C stops the mesh.', '');
    for (const line of lines) output.plain(line);
  }
}
