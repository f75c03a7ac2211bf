import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '@cruddur/contracts';
import { loadSamplingRules, parseSamplingRules } from './sampling-rules';

describe('sampling rules in create-sampling-rule form', () => {
  it('reads the journals rule from aws/json/xray.json', () => {
    const [rule] = loadSamplingRules(resolve(__dirname, '../../../../aws/json/xray.json'), 'X');
    expect(rule).toMatchObject({
      RuleName: 'Cruddur',
      Priority: 9000,
      FixedRate: 0.1,
      ReservoirSize: 5,
      HTTPMethod: '*',
      URLPath: '*',
    });
  });

  it('fills missing matchers with * and accepts a list', () => {
    const rules = parseSamplingRules(
      JSON.stringify([
        { SamplingRule: { RuleName: 'A', Priority: 1, FixedRate: 0, ReservoirSize: 0 } },
        {
          SamplingRule: { RuleName: 'B', Priority: 2, FixedRate: 1, ReservoirSize: 1, Host: 'a.*' },
        },
      ]),
      'RULES',
    );
    expect(rules.map((r) => [r.RuleName, r.Host, r.ServiceName])).toEqual([
      ['A', '*', '*'],
      ['B', 'a.*', '*'],
    ]);
  });

  it.each([
    ['not JSON', '{', /RULES must be a JSON sampling rule document/],
    ['no SamplingRule', '{"rule":{}}', /RULES\[0\] must be an object with a SamplingRule/],
    ['no RuleName', '{"SamplingRule":{"Priority":1,"FixedRate":0,"ReservoirSize":0}}', /RuleName/],
    [
      'a rate above 1',
      '{"SamplingRule":{"RuleName":"x","Priority":1,"FixedRate":2,"ReservoirSize":0}}',
      /FixedRate must be a number from 0 to 1/,
    ],
    [
      'a fractional reservoir',
      '{"SamplingRule":{"RuleName":"x","Priority":1,"FixedRate":0,"ReservoirSize":1.5}}',
      /ReservoirSize must be a whole number/,
    ],
    [
      'a missing priority',
      '{"SamplingRule":{"RuleName":"x","FixedRate":0,"ReservoirSize":1}}',
      /Priority/,
    ],
  ])('rejects %s, naming where', (_why, json, message) => {
    expect(() => parseSamplingRules(json, 'RULES')).toThrow(message);
    expect(() => parseSamplingRules(json, 'RULES')).toThrow(ConfigurationError);
  });

  it('names the variable and the path when the file cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    expect(() => loadSamplingRules(join(dir, 'missing.json'), 'AWS_XRAY_SAMPLING_RULES')).toThrow(
      /AWS_XRAY_SAMPLING_RULES must be the path of a readable sampling rule file.*ENOENT/,
    );
    writeFileSync(join(dir, 'bad.json'), '[]x');
    expect(() => loadSamplingRules(join(dir, 'bad.json'), 'AWS_XRAY_SAMPLING_RULES')).toThrow(
      /AWS_XRAY_SAMPLING_RULES \(.*bad.json\) must be a JSON/,
    );
  });
});
