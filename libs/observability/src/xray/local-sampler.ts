import { DEFAULT_SAMPLING_RULE } from './sampling-rules';
import type { SamplingRule } from './sampling-rules';
import { wildcardPattern } from './wildcard-pattern';

/** What a sampling rule is matched against. */
export interface SamplingRequest {
  /** The segment name. */
  serviceName: string;
  host?: string;
  httpMethod?: string;
  /** The URL path, or the message pattern of a microservice message. */
  urlPath?: string;
}

/** The decision, and the rule that made it (recorded on the segment as `aws.xray.rule_name`). */
export interface SamplingDecision {
  sampled: boolean;
  ruleName: string;
}

/** Clock and dice, replaceable in tests. */
export interface SamplerRuntime {
  now(): number;
  random(): number;
}

/**
 * X-Ray sampling rules applied in-process, as the daemon's centralized sampling would apply them:
 * the first matching rule by Priority (then name) decides; it samples up to ReservoirSize requests
 * each second and FixedRate of the rest. X-Ray's Default rule (1/s + 5%) catches what no rule
 * matches. Each instance has its own reservoirs.
 */
export class XRayLocalSampler {
  private readonly rules: Array<{ rule: SamplingRule; matchers: RegExp[]; reservoir: Reservoir }>;

  constructor(
    rules: SamplingRule[],
    private readonly runtime: SamplerRuntime = { now: Date.now, random: Math.random },
  ) {
    const ordered = [...rules].sort(
      (a, b) => a.Priority - b.Priority || a.RuleName.localeCompare(b.RuleName),
    );
    if (!ordered.some((rule) => rule.RuleName === DEFAULT_SAMPLING_RULE.RuleName)) {
      ordered.push(DEFAULT_SAMPLING_RULE);
    }
    this.rules = ordered.map((rule) => ({
      rule,
      matchers: [rule.ServiceName, rule.Host, rule.HTTPMethod, rule.URLPath].map(wildcardPattern),
      reservoir: new Reservoir(rule.ReservoirSize),
    }));
  }

  shouldSample(request: SamplingRequest): SamplingDecision {
    const values = [request.serviceName, request.host, request.httpMethod, request.urlPath];
    const match =
      this.rules.find(
        ({ rule, matchers }) =>
          rule.ServiceType === '*' &&
          rule.ResourceARN === '*' &&
          matchers.every((matcher, index) => matcher.test(values[index] ?? '')),
      ) ?? this.rules[this.rules.length - 1];
    const now = this.runtime.now();
    const sampled = match.reservoir.take(now) || this.runtime.random() < match.rule.FixedRate;
    return { sampled, ruleName: match.rule.RuleName };
  }
}

/** Up to `size` takes per wall-clock second. */
class Reservoir {
  private second = -1;
  private used = 0;

  constructor(private readonly size: number) {}

  take(nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      this.second = second;
      this.used = 0;
    }
    if (this.used >= this.size) return false;
    this.used++;
    return true;
  }
}
