/** Levels a Rollbar item may have (Rollbar API: `data.level`). */
export const ROLLBAR_LEVELS = ['critical', 'error', 'warning', 'info', 'debug'] as const;

/** One of ROLLBAR_LEVELS. */
export type RollbarLevel = (typeof ROLLBAR_LEVELS)[number];

/** One exception of an item's trace: class, message and stack frames. */
export interface RollbarTrace {
  exception: { class: string; message?: string; description?: string };
  frames: Array<{ filename: string; lineno?: number; method?: string; [key: string]: unknown }>;
}

/**
 * The parts of a Rollbar item (`POST /api/1/item/`, body `{ data }`) that the mesh writes and
 * tests read. Anything else a notifier sends is kept in the object but not typed here.
 */
export interface RollbarItemData {
  environment: string;
  level?: RollbarLevel;
  timestamp?: number;
  uuid?: string;
  /** The route or message pattern the item happened in. */
  context?: string;
  body: {
    trace?: RollbarTrace;
    trace_chain?: RollbarTrace[];
    message?: { body: string; [key: string]: unknown };
    crash_report?: { raw: string };
  };
  request?: {
    url?: string;
    method?: string;
    headers?: Record<string, unknown>;
    [key: string]: unknown;
  };
  person?: { id: string; [key: string]: unknown };
  server?: { host?: string; [key: string]: unknown };
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A received item: its data, the token it came with, and the exact bytes that arrived. */
export interface RollbarItem {
  accessToken: string;
  data: RollbarItemData;
  /** The request body as sent, to prove what did or did not leave a process. */
  raw: string;
}
