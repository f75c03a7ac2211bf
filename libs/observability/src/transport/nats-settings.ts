import { readFileSync } from 'node:fs';
import { ConfigurationError, Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import { credsAuthenticator } from '@nats-io/transport-node';
import type { ConnectionOptions } from '@nats-io/transport-node';
import { REDACTED } from '../logging/logging.constants';

/** The transports a microservice can be reached over. */
export const MICROSERVICE_TRANSPORTS = Variables.MICROSERVICE_TRANSPORT.choices;

/** `tcp` (one process at a host:port) or `nats` (any number of replicas behind a broker). */
export type MicroserviceTransport = (typeof MICROSERVICE_TRANSPORTS)[number];

/** MICROSERVICE_TRANSPORT, `tcp` unless set. */
export function readMicroserviceTransport(env: Environment = process.env): MicroserviceTransport {
  return read(env, Variables.MICROSERVICE_TRANSPORT);
}

/** Where the broker is and how to log in to it, read from NATS_* variables. */
export interface NatsSettings {
  /** NATS_SERVERS, comma-separated. @default ['nats://127.0.0.1:4222'] */
  servers: string[];
  /** NATS_CONNECTION_NAME: what `nats-server` monitoring shows. @default the service name */
  name: string;
  /** NATS_MAX_RECONNECT_ATTEMPTS: -1 is forever. @default -1 */
  maxReconnectAttempts: number;
  /** NATS_RECONNECT_TIME_WAIT_MS: pause between attempts at one server. @default 2000 */
  reconnectTimeWaitMs: number;
  /** NATS_CONNECT_TIMEOUT_MS: one connection attempt. @default 5000 */
  connectTimeoutMs: number;
  /** NATS_CREDS_FILE: a `.creds` file (user JWT and NKey seed) for a secured server. */
  credsFile?: string;
  /** NATS_TOKEN (secret). */
  token?: string;
  /** NATS_USER and NATS_PASSWORD (secret). */
  user?: string;
  password?: string;
}

/** The default broker: a local nats-server on its standard port. */
export const DEFAULT_NATS_SERVERS = ['nats://127.0.0.1:4222'];

/** Reads the NATS_* variables; a bad value is a ConfigurationError naming the variable. */
export function readNatsSettings(
  serviceName: string,
  env: Environment = process.env,
): NatsSettings {
  const servers = (read(env, Variables.NATS_SERVERS) ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
  for (const server of servers) {
    if (!/^(nats|tls|ws|wss):\/\/[^\s]+$|^[^\s:/]+:\d+$/.test(server)) {
      throw new ConfigurationError(
        'NATS_SERVERS',
        'comma-separated nats://host:port URLs',
        describeNatsServers([server]),
      );
    }
  }
  const credsFile = read(env, Variables.NATS_CREDS_FILE);
  const token = read(env, Variables.NATS_TOKEN);
  const user = read(env, Variables.NATS_USER);
  const password = read(env, Variables.NATS_PASSWORD);
  if ([credsFile, token, user].filter(Boolean).length > 1) {
    throw new ConfigurationError(
      'NATS_CREDS_FILE, NATS_TOKEN and NATS_USER',
      'set one at most (one way to log in)',
      '(several set)',
    );
  }
  if (password && !user) {
    throw new ConfigurationError('NATS_USER', 'set with NATS_PASSWORD', '');
  }
  return {
    servers: servers.length > 0 ? servers : DEFAULT_NATS_SERVERS,
    name: read(env, Variables.NATS_CONNECTION_NAME, serviceName),
    maxReconnectAttempts: read(env, Variables.NATS_MAX_RECONNECT_ATTEMPTS),
    reconnectTimeWaitMs: read(env, Variables.NATS_RECONNECT_TIME_WAIT_MS),
    connectTimeoutMs: read(env, Variables.NATS_CONNECT_TIMEOUT_MS),
    ...(credsFile ? { credsFile } : {}),
    ...(token ? { token } : {}),
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
  };
}

/**
 * The nats.js connection options for `settings`: reconnect forever by default (a service whose
 * broker restarts must come back by itself, never stay a process with no subscriptions), and wait
 * for a first connection instead of failing at start-up. A credentials file that cannot be read
 * fails here, naming the file, not later on the wire.
 */
export function toNatsConnectionOptions(settings: NatsSettings): ConnectionOptions {
  const options: ConnectionOptions = {
    servers: settings.servers,
    name: settings.name,
    reconnect: true,
    maxReconnectAttempts: settings.maxReconnectAttempts,
    reconnectTimeWait: settings.reconnectTimeWaitMs,
    timeout: settings.connectTimeoutMs,
    waitOnFirstConnect: true,
  };
  if (settings.token) options.token = settings.token;
  if (settings.user) {
    options.user = settings.user;
    if (settings.password) options.pass = settings.password;
  }
  if (settings.credsFile) {
    let creds: Uint8Array;
    try {
      creds = readFileSync(settings.credsFile);
    } catch (error) {
      throw new ConfigurationError(
        'NATS_CREDS_FILE',
        'a readable .creds file',
        `${settings.credsFile} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      );
    }
    options.authenticator = credsAuthenticator(creds);
  }
  return options;
}

/** The server list for logs and errors: any `user:password@` in a URL is replaced. */
export function describeNatsServers(servers: readonly string[]): string {
  return servers.map((server) => server.replace(/\/\/[^@/]*@/, `//${REDACTED}@`)).join(',');
}
