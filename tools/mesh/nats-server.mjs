/**
 * The broker `npm start` runs for MICROSERVICE_TRANSPORT=nats when NATS_SERVERS is unset: Debian's
 * `nats-server` from PATH, on a free loopback port (nats-server picks it), ended when `npm start`
 * exits. A user with a broker of their own sets NATS_SERVERS and none is started.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const LISTENING = /Listening for client connections on ([\d.]+):(\d+)/;

/**
 * What the services need to reach a broker: `{}` over TCP or with NATS_SERVERS set, else the
 * NATS_SERVERS of a nats-server started here.
 *
 * @param {Record<string, string | undefined>} env the environment `npm start` was given
 * @param {(line: string) => void} say prints one line of the mesh's output
 * @returns {Promise<Record<string, string>>} variables to add to every service's environment
 */
export async function meshBroker(env, say) {
  // Called after `npm start` built the libraries: the declarations the services read through.
  const { Variables, read } = await import('@cruddur/contracts');
  if (read(env, Variables.MICROSERVICE_TRANSPORT) !== 'nats' || read(env, Variables.NATS_SERVERS)) {
    return {};
  }
  if (spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    process.stderr.write(
      'MICROSERVICE_TRANSPORT=nats needs a broker: install nats-server (apt-get install nats-server) or set NATS_SERVERS\n',
    );
    process.exit(1);
  }
  // A process group of its own, like the services: the terminal's Ctrl-C must not take the
  // broker away while the services still drain through it.
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', '-1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Ended with npm start however it exits; a broker left behind would hold its port.
  process.once('exit', () => child.kill('SIGTERM'));
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      const match = LISTENING.exec(line);
      if (match) resolve(`nats://${match[1]}:${match[2]}`);
    });
    child.once('exit', (code) =>
      reject(new Error(`nats-server exited (${code}) before it listened`)),
    );
  });
  child.once('exit', (code, signal) => say(`nats-server exited (${signal ?? code})`));
  say(`started nats-server on ${url} (NATS_SERVERS is unset; set it to use your own broker)`);
  return { NATS_SERVERS: url };
}
