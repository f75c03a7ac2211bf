import type { DecodedSpan } from '@cruddur/telemetry-wire';
import { HttpError } from '../http/http-error';
import { fieldOf } from './span-fields';

/** One condition on a span field (see {@link fieldOf}). */
export type AttributeCondition =
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: '>' | '>=' | '<' | '<='; value: number };

const CONDITION = /^\s*([^\s=!<>]+)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$/;
const EXISTS = /^\s*([^\s=!<>]+)\s+(exists|!exists|does-not-exist|not-exists)\s*$/i;

/**
 * Reads conditions written as a user types them: `key=value`, `key!=value`, `key>n`, `key>=n`,
 * `key<n`, `key<=n`, `key exists`, `key !exists`, or a bare `key` (it exists). Several are
 * joined by `,` or ` and `. A comparison needs a number; anything else is a 400 naming it.
 */
export function parseConditions(text: string, parameter = 'where'): AttributeCondition[] {
  const parts = text
    .split(/\s*,\s*|\s+and\s+/i)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.map((part): AttributeCondition => {
    const exists = EXISTS.exec(part);
    if (exists) {
      return { key: exists[1], op: exists[2].toLowerCase() === 'exists' ? 'exists' : '!exists' };
    }
    const match = CONDITION.exec(part);
    if (!match) {
      if (/^[^\s=!<>]+$/.test(part)) return { key: part, op: 'exists' };
      throw new HttpError(
        400,
        `${parameter}: cannot read ${JSON.stringify(part)} (write key=value, key!=value, key>n, key<=n, key exists or key !exists)`,
      );
    }
    const [, key, op, raw] = match as unknown as [string, string, AttributeCondition['op'], string];
    if (op === '=' || op === '!=') return { key, op, value: unquote(raw) };
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) {
      throw new HttpError(
        400,
        `${parameter}: ${key}${op} needs a number, got ${JSON.stringify(raw)}`,
      );
    }
    return { key, op, value };
  });
}

/** Whether a span meets one condition. Numbers compare as numbers; `=` compares as text. */
export function conditionHolds(span: DecodedSpan, condition: AttributeCondition): boolean {
  const value = fieldOf(span, condition.key);
  switch (condition.op) {
    case 'exists':
      return value !== undefined;
    case '!exists':
      return value === undefined;
    case '=':
      return value !== undefined && asText(value) === condition.value;
    case '!=':
      return value === undefined || asText(value) !== condition.value;
  }
  const number =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(number)) return false;
  switch (condition.op) {
    case '>':
      return number > condition.value;
    case '>=':
      return number >= condition.value;
    case '<':
      return number < condition.value;
    case '<=':
      return number <= condition.value;
  }
}

/** Whether a span meets every condition. */
export function allConditionsHold(span: DecodedSpan, conditions: readonly AttributeCondition[]) {
  for (const condition of conditions) if (!conditionHolds(span, condition)) return false;
  return true;
}

function asText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function unquote(raw: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  return quoted ? quoted[2] : raw;
}
