import { readFileSync } from 'node:fs';
import { ConfigurationError } from '@cruddur/contracts';

/**
 * One sampling rule, in the shape `aws xray create-sampling-rule --cli-input-json` takes
 * (`{ "SamplingRule": { … } }`), so the same file configures the AWS account and the local rules.
 */
export interface SamplingRule {
  RuleName: string;
  /** Lower numbers are evaluated first. */
  Priority: number;
  /** Share of requests sampled once the reservoir is used up, 0 to 1. */
  FixedRate: number;
  /** Requests per second sampled before FixedRate applies. */
  ReservoirSize: number;
  ServiceName: string;
  ServiceType: string;
  Host: string;
  HTTPMethod: string;
  URLPath: string;
  ResourceARN: string;
  Version: number;
}

/** X-Ray's own default: the first request each second and 5% of the rest. */
export const DEFAULT_SAMPLING_RULE: SamplingRule = {
  RuleName: 'Default',
  Priority: 10000,
  FixedRate: 0.05,
  ReservoirSize: 1,
  ServiceName: '*',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: '*',
  URLPath: '*',
  ResourceARN: '*',
  Version: 1,
};

const STRING_FIELDS = [
  'RuleName',
  'ServiceName',
  'ServiceType',
  'Host',
  'HTTPMethod',
  'URLPath',
  'ResourceARN',
] as const;

/**
 * The rule(s) of a create-sampling-rule document: `{ "SamplingRule": {…} }`, or a list of such
 * documents. Errors name `source` (the variable or file) and the field.
 */
export function parseSamplingRules(json: string, source: string): SamplingRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigurationError(source, 'a JSON sampling rule document', json.slice(0, 80));
  }
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  return documents.map((document, index) => toRule(document, `${source}[${index}]`));
}

/** Reads and parses the rule file at `path`. */
export function loadSamplingRules(path: string, source: string): SamplingRule[] {
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      source,
      'the path of a readable sampling rule file',
      `${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return parseSamplingRules(json, `${source} (${path})`);
}

function toRule(document: unknown, where: string): SamplingRule {
  const rule = (document as { SamplingRule?: unknown } | null)?.SamplingRule;
  if (typeof rule !== 'object' || rule === null) {
    throw new ConfigurationError(where, 'an object with a SamplingRule', JSON.stringify(document));
  }
  const raw = rule as Record<string, unknown>;
  const result: Record<string, unknown> = { ...DEFAULT_SAMPLING_RULE, Version: 1 };
  for (const field of STRING_FIELDS) {
    const value = raw[field] ?? (field === 'RuleName' ? undefined : '*');
    if (typeof value !== 'string' || value.length === 0) {
      throw new ConfigurationError(`${where}.${field}`, 'a non-empty string', String(value));
    }
    result[field] = value;
  }
  result.Priority = number(raw.Priority, `${where}.Priority`, 1, 9999, true);
  result.FixedRate = number(raw.FixedRate, `${where}.FixedRate`, 0, 1, false);
  result.ReservoirSize = number(raw.ReservoirSize, `${where}.ReservoirSize`, 0, 1e9, true);
  return result as unknown as SamplingRule;
}

function number(value: unknown, where: string, min: number, max: number, whole: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (whole && !Number.isInteger(value))
  ) {
    const expected = `${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`;
    throw new ConfigurationError(where, expected, String(value));
  }
  return value;
}
