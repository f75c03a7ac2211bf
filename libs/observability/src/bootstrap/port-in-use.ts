import { createServer } from 'node:net';

/** Where a service is about to listen, and the variable that moves it. */
export interface ListenTarget {
  serviceName: string;
  host: string;
  port: number;
  /** The variable that sets `port` (GATEWAY_PORT...), named when the port is busy. */
  portVariable?: string;
}

/** True for the error `listen` gives when something else already holds the address. */
export function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/** The one line a busy port gets: what is busy, and which variable moves the service. */
export function portInUseMessage(target: ListenTarget): string {
  const move = target.portVariable
    ? `Set ${target.portVariable} to a free port`
    : 'Listen on another port';
  return (
    `${target.serviceName} cannot start: ${target.host}:${target.port} is already in use ` +
    `(another ${target.serviceName}, or an npm start that is still running?). ${move}, or stop ` +
    'what holds it.'
  );
}

/**
 * Exits at once, with that one line on stderr, when the port is busy - before Nest builds the app
 * and its transport logs the same error with a stack of its own. A port taken between this check
 * and the real `listen` still gets the line, from the caller's catch (see exitOnPortInUse).
 */
export async function exitIfPortInUse(target: ListenTarget): Promise<void> {
  const error = await new Promise<unknown>((resolve) => {
    const probe = createServer();
    probe.once('error', resolve);
    probe.listen({ host: target.host, port: target.port, exclusive: true }, () =>
      probe.close(() => resolve(undefined)),
    );
  });
  exitOnPortInUse(error, target);
}

/** Rethrows anything but a busy port; for a busy port, writes the one line and exits 1. */
export function exitOnPortInUse(error: unknown, target: ListenTarget): void {
  if (!error) return;
  if (!isAddressInUse(error)) throw error;
  process.stderr.write(`${portInUseMessage(target)}\n`);
  process.exit(1);
}
