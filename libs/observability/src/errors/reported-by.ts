/** A registered symbol, so that two copies of this library in one process agree on it. */
const REPORTED_BY = Symbol.for('cruddur.observability.reported-by');

/**
 * Marks `exception` as standing for a failure that `service` raised and reported itself - the
 * gateway's 502 for an RPC error reply, for instance - so that error reporting here leaves it
 * alone: one error, one item, filed by the service where it happened. Returns `exception`.
 */
export function markReportedBy<T extends object>(exception: T, service: string): T {
  Object.defineProperty(exception, REPORTED_BY, { value: service, enumerable: false });
  return exception;
}

/** The service that already reported what `exception` stands for, if it was marked. */
export function reportedBy(exception: unknown): string | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const service = (exception as Record<symbol, unknown>)[REPORTED_BY];
  return typeof service === 'string' ? service : undefined;
}
