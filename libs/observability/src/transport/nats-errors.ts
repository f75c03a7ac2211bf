/**
 * Why a request over NATS got no answer. Each has a `code` the gateway maps to 503 ("nobody is
 * there"), and `retryable` says whether sending the same read again can reach someone else: a queue
 * group with no member right now, or a member that died holding the request.
 */
export abstract class NatsRequestError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
}

/** The broker answered that nobody subscribes to the subject (NATS status 503). */
export class NatsNoRespondersError extends NatsRequestError {
  readonly code = 'NATS_NO_RESPONDERS';
  readonly retryable = true;
  constructor(subject: string) {
    super(`no responders for ${subject}`);
    this.name = 'NatsNoRespondersError';
  }
}

/** The replica that took the request went silent (no reply, no progress) - it most likely died. */
export class NatsResponderVanishedError extends NatsRequestError {
  readonly code = 'NATS_RESPONDER_VANISHED';
  readonly retryable = true;
  constructor(subject: string, silenceMs: number) {
    super(`the responder to ${subject} went silent for ${silenceMs} ms`);
    this.name = 'NatsResponderVanishedError';
  }
}

/** This process has no connection to the broker right now (it is reconnecting in the background). */
export class NatsDisconnectedError extends NatsRequestError {
  readonly code = 'NATS_DISCONNECTED';
  readonly retryable = false;
  constructor() {
    super('not connected to NATS');
    this.name = 'NatsDisconnectedError';
  }
}

/** The codes above, for a caller that maps errors by code. */
export const NATS_UNAVAILABLE_CODES = [
  'NATS_NO_RESPONDERS',
  'NATS_RESPONDER_VANISHED',
  'NATS_DISCONNECTED',
] as const;

/** Whether sending the same idempotent request again may succeed. */
export function isRetryableRequestError(error: unknown): boolean {
  return error instanceof NatsRequestError && error.retryable;
}

/**
 * The liveness protocol between TracingClientNats and TracingServerNats. A request carries
 * `PROGRESS_INTERVAL_HEADER` (ms); while its handler runs longer than that, the server sends a
 * progress message (no body, `PROGRESS_HEADER` set) to the reply subject at that interval. A client
 * that hears nothing for its silence limit knows the replica is gone - a slow handler keeps talking,
 * a dead one does not. A server that does not know the header just never sends progress.
 */
export const PROGRESS_INTERVAL_HEADER = 'cruddur-progress-interval-ms';
/** Marks a progress message (see PROGRESS_INTERVAL_HEADER). */
export const PROGRESS_HEADER = 'cruddur-progress';
