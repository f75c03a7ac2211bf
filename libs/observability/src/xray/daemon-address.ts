import { ConfigurationError } from '@cruddur/contracts';

/** Where the X-Ray daemon listens for segments (UDP). */
export interface DaemonAddress {
  host: string;
  port: number;
}

const VARIABLE = 'AWS_XRAY_DAEMON_ADDRESS';
const EXPECTED = 'host:port or "udp:host:port tcp:host:port"';

/**
 * Parses AWS_XRAY_DAEMON_ADDRESS in the forms the AWS SDKs accept: `127.0.0.1:2000`,
 * `xray-daemon:2000` or `udp:127.0.0.1:2000 tcp:127.0.0.1:2000` (only the UDP part matters here:
 * sampling rules are local, so nothing talks to the daemon's TCP proxy).
 */
export function parseDaemonAddress(value: string, variable = VARIABLE): DaemonAddress {
  const parts = value.trim().split(/\s+/);
  let udp: string | undefined;
  if (parts.length === 1) {
    udp = parts[0];
  } else if (parts.length === 2) {
    const found = parts.find((part) => part.startsWith('udp:'));
    if (!found || !parts.some((part) => part.startsWith('tcp:'))) {
      throw new ConfigurationError(variable, EXPECTED, value);
    }
    udp = found.slice('udp:'.length);
  }
  const match = udp ? /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(udp) : null;
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) throw new ConfigurationError(variable, EXPECTED, value);
  return { host: match[1], port };
}
