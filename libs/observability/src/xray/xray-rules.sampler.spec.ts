import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { ParentBasedSampler, SamplingDecision } from '@opentelemetry/sdk-trace';
import { XRayLocalSampler } from './local-sampler';
import { DEFAULT_SAMPLING_RULE } from './sampling-rules';
import type { SamplingRule } from './sampling-rules';
import { XRayRulesSampler } from './xray-rules.sampler';

const rule = (overrides: Partial<SamplingRule>): SamplingRule => ({
  ...DEFAULT_SAMPLING_RULE,
  Priority: 1,
  ...overrides,
});

const naming = {
  segmentNameFor: (host?: string) => (host === 'api.cruddur.test' ? host : 'gateway'),
};
const TRACE = '5759e988bd862e3fe1be46a994272793';
const http = (path: string, method = 'GET', address = '127.0.0.1') => ({
  'http.request.method': method,
  'server.address': address,
  'server.port': 4567,
  'url.path': path,
});

describe('XRayRulesSampler', () => {
  it('matches service, host, method and path; names the rule on sampled spans', () => {
    const rules = new XRayLocalSampler(
      [
        rule({ RuleName: 'Health', URLPath: '/api/health', FixedRate: 0, ReservoirSize: 0 }),
        rule({ RuleName: 'Posts', HTTPMethod: 'POST', Priority: 2, FixedRate: 1 }),
        rule({ RuleName: 'Dynamic', ServiceName: 'api.cruddur.test', Priority: 3, FixedRate: 1 }),
        rule({ RuleName: 'Messages', URLPath: 'activities.*', Priority: 4, FixedRate: 1 }),
        rule({ RuleName: 'Rest', Priority: 5, FixedRate: 0, ReservoirSize: 0 }),
      ],
      { now: () => 0, random: () => 0.5 },
    );
    const sampler = new XRayRulesSampler(rules, naming);
    const decide = (attributes: Record<string, string | number>, name = 'GET') =>
      sampler.shouldSample(ROOT_CONTEXT, TRACE, name, SpanKind.SERVER, attributes);

    expect(decide(http('/api/health')).decision).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(http('/api/health', 'POST')).decision).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(http('/api/telemetry/traces', 'POST'))).toEqual({
      decision: SamplingDecision.RECORD_AND_SAMPLED,
      attributes: { 'aws.xray.rule_name': 'Posts' },
    });
    expect(
      decide({ ...http('/x'), 'server.address': 'api.cruddur.test', 'server.port': '' }),
    ).toMatchObject({ decision: SamplingDecision.NOT_RECORD });
    expect(
      decide({
        'http.request.method': 'GET',
        'server.address': 'api.cruddur.test',
        'url.path': '/',
      }),
    ).toMatchObject({ attributes: { 'aws.xray.rule_name': 'Dynamic' } });
    // A microservice message: its pattern is the path.
    expect(
      decide({ 'rpc.method': 'activities.home' }, 'home-activities/activities.home'),
    ).toMatchObject({
      attributes: { 'aws.xray.rule_name': 'Messages' },
    });
    expect(decide(http('/api/activities/home')).decision).toBe(SamplingDecision.NOT_RECORD);
  });

  it('as a parent-based sampler: follows the caller once, decides only for new traces', () => {
    let dice = 0.99;
    const rules = new XRayLocalSampler(
      [rule({ RuleName: 'Cruddur', FixedRate: 0.1, ReservoirSize: 1 })],
      {
        now: () => 1_000,
        random: () => dice,
      },
    );
    const sampler = new ParentBasedSampler({ root: new XRayRulesSampler(rules, naming) });
    const decide = (ctx = ROOT_CONTEXT) =>
      sampler.shouldSample(ctx, TRACE, 'GET', SpanKind.SERVER, http('/'), []).decision;
    const caller = (flags: TraceFlags) =>
      trace.setSpanContext(ROOT_CONTEXT, {
        traceId: TRACE,
        spanId: '53995c3f42cd8ad8',
        traceFlags: flags,
        isRemote: true,
      });

    expect(decide()).toBe(SamplingDecision.RECORD_AND_SAMPLED); // the reservoir's one
    expect(decide()).toBe(SamplingDecision.NOT_RECORD); // 0.99 ≥ 10 %
    dice = 0.05;
    expect(decide()).toBe(SamplingDecision.RECORD_AND_SAMPLED); // within 10 %
    dice = 0.99;
    // The caller's flag wins whatever the rule would say, and uses no reservoir.
    expect(decide(caller(TraceFlags.SAMPLED))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    dice = 0;
    expect(decide(caller(TraceFlags.NONE))).toBe(SamplingDecision.NOT_RECORD);
  });
});
