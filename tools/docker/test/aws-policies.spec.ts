import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './dockerfile-stages';

interface PolicyStatement {
  Effect: string;
  Action: string[];
  Resource: string | string[];
}

function readPolicy(name: string): PolicyStatement[] {
  const policy = JSON.parse(
    readFileSync(join(WORKSPACE_ROOT, 'aws', 'policies', name), 'utf8'),
  ) as { Version: string; Statement: PolicyStatement[] };
  expect(policy.Version).toBe('2012-10-17');
  for (const statement of policy.Statement) expect(statement.Effect).toBe('Allow');
  return policy.Statement;
}

const actions = (statements: PolicyStatement[]) =>
  statements.flatMap((statement) => statement.Action).sort();

describe('the IAM policies in aws/policies', () => {
  it('let the services make exactly the CloudWatch Logs calls their shipper makes, on the cruddur group only', () => {
    const shipper = readFileSync(
      join(WORKSPACE_ROOT, 'libs/observability/src/logging/cloudwatch/cloudwatch-logs.shipper.ts'),
      'utf8',
    );
    const calls = [...new Set([...shipper.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]))];
    const statements = readPolicy('cloudwatch-logs-write.json');
    expect(actions(statements)).toEqual(calls.map((call) => `logs:${call}`).sort());
    for (const statement of statements) {
      expect(statement.Resource).toMatch(/^arn:aws:logs:\*:\*:log-group:cruddur:/);
    }
    // The log group npm start and docker compose use.
    const compose = readFileSync(join(WORKSPACE_ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain('CLOUDWATCH_LOG_GROUP: ${CLOUDWATCH_LOG_GROUP-cruddur}');
  });

  it('let the X-Ray daemon send segments and read sampling rules, nothing else', () => {
    expect(actions(readPolicy('xray-write.json'))).toEqual([
      'xray:GetSamplingRules',
      'xray:GetSamplingStatisticSummaries',
      'xray:GetSamplingTargets',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('let aws/bin/create-xray-resources make exactly its calls, on the Cruddur group and rule', () => {
    const script = readFileSync(join(WORKSPACE_ROOT, 'aws/bin/create-xray-resources'), 'utf8');
    const calls = [...new Set([...script.matchAll(/aws xray ([a-z-]+)/g)].map((m) => m[1]))].map(
      (command) =>
        `xray:${command.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`,
    );
    const statements = readPolicy('xray-setup.json');
    expect(actions(statements)).toEqual(calls.sort());
    for (const statement of statements) {
      if (statement.Resource === '*') expect(statement.Action).toEqual(['xray:GetSamplingRules']);
      else expect(statement.Resource).toMatch(/Cruddur/);
    }
  });
});
