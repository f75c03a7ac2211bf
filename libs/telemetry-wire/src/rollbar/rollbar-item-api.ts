import { randomUUID } from 'node:crypto';
import { ROLLBAR_LEVELS } from './rollbar-item';
import type { RollbarItem, RollbarItemData } from './rollbar-item';

/** The path of Rollbar's item endpoint (`https://api.rollbar.com/api/1/item/`). */
export const ROLLBAR_ITEM_PATH = '/api/1/item/';

/** The request header a notifier puts its post_server_item token in. */
export const ROLLBAR_TOKEN_HEADER = 'x-rollbar-access-token';

/** Largest item body accepted, in bytes; a notifier truncates items well below this. */
export const MAX_ROLLBAR_ITEM_BYTES = 1024 * 1024;

/** An HTTP request as any server framework can hand it over. */
export interface RollbarApiRequest {
  method: string;
  /** The request path, with or without a query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The answer to give, Rollbar's own shape: `{ err: 0, result }` or `{ err: 1, message }`. */
export interface RollbarApiResponse {
  status: number;
  body: string;
  /** The item, when it was accepted. */
  item?: RollbarItem;
}

/** How strict the endpoint is. */
export interface RollbarItemApiOptions {
  /** Which tokens are valid. @default any non-empty token */
  acceptToken?: (token: string) => boolean;
}

/**
 * Rollbar's item API (`POST /api/1/item/`) as a pure function: checks the token (header, or
 * `access_token` in the body as older notifiers send it), the JSON and the item's required
 * fields, and answers like Rollbar does - a clear 4xx naming what is wrong, or 200 with the
 * item's uuid. Shared by the test receiver and the local inspector.
 */
export function handleRollbarItemRequest(
  request: RollbarApiRequest,
  options: RollbarItemApiOptions = {},
): RollbarApiResponse {
  const path = request.path.split('?')[0];
  if (path !== ROLLBAR_ITEM_PATH && path !== ROLLBAR_ITEM_PATH.slice(0, -1)) {
    return failure(404, `no such endpoint ${path}: items go to POST ${ROLLBAR_ITEM_PATH}`);
  }
  if (request.method !== 'POST') {
    return failure(405, `${request.method} is not allowed: items are sent with POST`);
  }
  const contentType = header(request.headers, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    return failure(415, `content-type must be application/json, got "${contentType}"`);
  }
  if (request.body.length > MAX_ROLLBAR_ITEM_BYTES) {
    return failure(
      413,
      `item is ${request.body.length} bytes; the limit is ${MAX_ROLLBAR_ITEM_BYTES}`,
    );
  }
  const raw = request.body.toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch (error) {
    return failure(400, `body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(payload)) return failure(422, 'Invalid format. The body must be a JSON object.');

  const token =
    header(request.headers, ROLLBAR_TOKEN_HEADER) ??
    (typeof payload.access_token === 'string' ? payload.access_token : undefined);
  if (!token) {
    return failure(401, `missing access token: send it in the ${ROLLBAR_TOKEN_HEADER} header`);
  }
  if (options.acceptToken && !options.acceptToken(token)) {
    return failure(403, 'invalid access token');
  }

  const problem = validateItemData(payload.data);
  if (problem) return failure(422, `Invalid format. ${problem}`);
  const data = payload.data as RollbarItemData;
  const uuid = typeof data.uuid === 'string' ? data.uuid : randomUUID();
  return {
    status: 200,
    body: JSON.stringify({ err: 0, result: { id: null, uuid } }),
    item: { accessToken: token, data, raw },
  };
}

/** What is wrong with `data`, or undefined when it is a valid item. */
export function validateItemData(data: unknown): string | undefined {
  if (!isRecord(data)) return "'data' is missing or not an object.";
  if (typeof data.environment !== 'string' || data.environment.length === 0) {
    return "'data.environment' must be a non-empty string.";
  }
  if (data.environment.length > 255) return "'data.environment' is longer than 255 characters.";
  if (data.level !== undefined && !(ROLLBAR_LEVELS as readonly unknown[]).includes(data.level)) {
    return `'data.level' must be one of ${ROLLBAR_LEVELS.join(', ')}.`;
  }
  if (!isRecord(data.body)) return "'data.body' is missing or not an object.";
  const kinds = ['trace', 'trace_chain', 'message', 'crash_report'].filter(
    (kind) => (data.body as Record<string, unknown>)[kind] !== undefined,
  );
  if (kinds.length !== 1) {
    return `'data.body' must have exactly one of trace, trace_chain, message, crash_report; it has ${kinds.length === 0 ? 'none' : kinds.join(', ')}.`;
  }
  const body = data.body;
  if (kinds[0] === 'message') {
    if (!isRecord(body.message) || typeof body.message.body !== 'string') {
      return "'data.body.message.body' must be a string.";
    }
  }
  if (kinds[0] === 'trace' && !isTrace(body.trace)) {
    return "'data.body.trace' must have exception.class and frames.";
  }
  if (kinds[0] === 'trace_chain') {
    if (!Array.isArray(body.trace_chain) || body.trace_chain.length === 0) {
      return "'data.body.trace_chain' must be a non-empty array.";
    }
    if (!body.trace_chain.every(isTrace)) {
      return "every entry of 'data.body.trace_chain' must have exception.class and frames.";
    }
  }
  if (kinds[0] === 'crash_report') {
    if (!isRecord(body.crash_report) || typeof body.crash_report.raw !== 'string') {
      return "'data.body.crash_report.raw' must be a string.";
    }
  }
  return undefined;
}

function isTrace(value: unknown): boolean {
  return (
    isRecord(value) &&
    isRecord(value.exception) &&
    typeof value.exception.class === 'string' &&
    Array.isArray(value.frames)
  );
}

function failure(status: number, message: string): RollbarApiResponse {
  return { status, body: JSON.stringify({ err: 1, message }) };
}

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.trim() ? first.trim() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
