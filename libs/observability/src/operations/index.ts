// `@cruddur/observability/operations`: the small mechanisms every telemetry backend needs - in the
// library and in an app that talks to a backend of its own (the gateway's relay and downstreams) -
// kept out of the main door, which lists only what a service wires up.
export { describeError } from './describe-error';
export type { ErrorDetail } from './describe-error';
export { OutageReporter } from './outage-reporter';
export type { EndedOutage, Outage, OutageLines } from './outage-reporter';
export { PendingWork } from './pending-work';
