import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';

/**
 * Fault injection, for exercising error reporting end to end (the Rollbar e2e suite, or a
 * developer checking that items reach their Rollbar project). Off unless NOTIFICATIONS_FAULT is
 * set, and announced with a warning at start-up when it is on:
 * - `none` (default): the feed works.
 * - `throw`: every `notifications.list` request fails inside its handler, as a bug would.
 * - `uncaught`: each `notifications.list` request answers, then throws outside any handler: an
 *   uncaught exception, which ends the process.
 * - `unhandled-rejection`: the same with a promise rejection nobody handles.
 */
export const NOTIFICATIONS_FAULTS = Variables.NOTIFICATIONS_FAULT.choices;

/** One of NOTIFICATIONS_FAULTS. */
export type NotificationsFault = (typeof NOTIFICATIONS_FAULTS)[number];

/** The variable that turns fault injection on. */
export const NOTIFICATIONS_FAULT_VARIABLE = Variables.NOTIFICATIONS_FAULT.name;

/** Injection token of the configured NotificationsFault. */
export const NOTIFICATIONS_FAULT = Symbol('NOTIFICATIONS_FAULT');

export function readNotificationsFault(env: Environment = process.env): NotificationsFault {
  return read(env, Variables.NOTIFICATIONS_FAULT);
}

/** The error each fault raises; its message says it was injected and by which variable. */
export class InjectedFaultError extends Error {
  constructor(fault: NotificationsFault) {
    super(
      `injected fault (${NOTIFICATIONS_FAULT_VARIABLE}=${fault}): the notifications feed failed`,
    );
    this.name = 'InjectedFaultError';
  }
}
