import { XRayLocalSampler } from './local-sampler';
import { DEFAULT_SAMPLING_RULE } from './sampling-rules';
import type { SamplingRule } from './sampling-rules';

const cruddur: SamplingRule = {
  ...DEFAULT_SAMPLING_RULE,
  RuleName: 'Cruddur',
  Priority: 9000,
  FixedRate: 0.1,
  ReservoirSize: 5,
};

function runtime(start = 1_700_000_000_000) {
  const state = { now: start, dice: [] as number[] };
  return {
    state,
    runtime: { now: () => state.now, random: () => state.dice.shift() ?? 0.99 },
  };
}

describe('XRayLocalSampler', () => {
  it('samples the reservoir first, then the fixed rate, and refills each second', () => {
    const { state, runtime: clock } = runtime();
    const sampler = new XRayLocalSampler([cruddur], clock);
    const request = { serviceName: 'gateway', httpMethod: 'GET', urlPath: '/api/activities/home' };
    const first = Array.from({ length: 5 }, () => sampler.shouldSample(request));
    expect(first.every((decision) => decision.sampled && decision.ruleName === 'Cruddur')).toBe(
      true,
    );
    state.dice.push(0.05, 0.5);
    expect(sampler.shouldSample(request).sampled).toBe(true); // 0.05 < 0.1
    expect(sampler.shouldSample(request).sampled).toBe(false); // 0.5 >= 0.1
    state.now += 1000;
    expect(sampler.shouldSample(request).sampled).toBe(true);
  });

  it('samples about FixedRate of what is past the reservoir', () => {
    const sampler = new XRayLocalSampler([{ ...cruddur, ReservoirSize: 0 }], {
      now: () => 0,
      random: Math.random,
    });
    let sampled = 0;
    for (let i = 0; i < 10_000; i++)
      if (sampler.shouldSample({ serviceName: 'x' }).sampled) sampled++;
    expect(sampled).toBeGreaterThan(850);
    expect(sampled).toBeLessThan(1150);
  });

  it('picks the matching rule of lowest priority and falls back to the default rule', () => {
    const { runtime: clock } = runtime();
    const sampler = new XRayLocalSampler(
      [
        cruddur,
        {
          ...cruddur,
          RuleName: 'Health',
          Priority: 10,
          URLPath: '/api/health*',
          ReservoirSize: 0,
          FixedRate: 0,
        },
        { ...cruddur, RuleName: 'OtherService', Priority: 1, ServiceName: 'billing-*' },
        { ...cruddur, RuleName: 'Typed', Priority: 2, ServiceType: 'AWS::EC2::Instance' },
      ],
      clock,
    );
    expect(sampler.shouldSample({ serviceName: 'gateway', urlPath: '/api/health' })).toEqual({
      sampled: false,
      ruleName: 'Health',
    });
    expect(sampler.shouldSample({ serviceName: 'gateway', urlPath: '/api/x' }).ruleName).toBe(
      'Cruddur',
    );
    expect(sampler.shouldSample({ serviceName: 'BILLING-api' }).ruleName).toBe('OtherService');
    const narrow = new XRayLocalSampler([{ ...cruddur, ServiceName: 'gateway' }], clock);
    expect(narrow.shouldSample({ serviceName: 'notifications' }).ruleName).toBe('Default');
  });
});
