/** Injection tokens of the gateway's downstream clients. */
export const HOME_ACTIVITIES = Symbol('HOME_ACTIVITIES');
export const NOTIFICATIONS = Symbol('NOTIFICATIONS');
