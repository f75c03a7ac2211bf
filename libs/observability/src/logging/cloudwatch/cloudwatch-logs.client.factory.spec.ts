import {
  createCloudWatchLogsClient,
  verifyCloudWatchLogsClient,
} from './cloudwatch-logs.client.factory';

/** The real SDK's region and credential resolution, with the environment made empty for it. */
describe('the CloudWatch Logs client from the AWS SDK standard settings', () => {
  const saved = { ...process.env };
  const isolate = (env: Record<string, string>) => {
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('AWS_')) delete process.env[name];
    }
    Object.assign(process.env, {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      ...env,
    });
  };

  afterEach(() => {
    process.env = { ...saved };
  });

  it('names the missing region', async () => {
    isolate({});
    const client = createCloudWatchLogsClient({ requestTimeoutMs: 1000 }, process.env);
    await expect(verifyCloudWatchLogsClient(client, 'cruddur')).rejects.toThrow(
      'CLOUDWATCH_LOG_GROUP is set (cruddur) but no AWS region is configured: set AWS_REGION',
    );
  });

  it('takes AWS_DEFAULT_REGION when AWS_REGION is unset, and names missing credentials', async () => {
    isolate({ AWS_DEFAULT_REGION: 'eu-west-2' });
    const client = createCloudWatchLogsClient({ requestTimeoutMs: 1000 }, process.env);
    expect(await client.config.region()).toBe('eu-west-2');
    await expect(verifyCloudWatchLogsClient(client, 'cruddur')).rejects.toThrow(
      /the AWS SDK found no credentials .*set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    );
  });

  it('accepts the region and credentials of the environment', async () => {
    isolate({
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    const client = createCloudWatchLogsClient({ requestTimeoutMs: 1000 }, process.env);
    await expect(verifyCloudWatchLogsClient(client, 'cruddur')).resolves.toEqual({
      region: 'us-east-1',
    });
  });
});
