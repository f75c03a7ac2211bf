import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import { describeError } from '../../operations/describe-error';

/** CLOUDWATCH_LOG_GROUP is set but the AWS SDK cannot find a region or credentials. */
export class CloudWatchLogsSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudWatchLogsSetupError';
  }
}

/** Limits of one API call, so a slow endpoint never holds the queue for long. */
export interface CloudWatchLogsClientOptions {
  requestTimeoutMs: number;
}

/**
 * A CloudWatch Logs client configured only by the AWS SDK's standard settings: region from
 * AWS_REGION (or the profile), credentials from the default chain (environment, profile, SSO,
 * web identity, ECS or EC2 role), endpoint from AWS_ENDPOINT_URL_CLOUDWATCH_LOGS or
 * AWS_ENDPOINT_URL. The JavaScript SDK does not read AWS_DEFAULT_REGION (the CLI and boto do),
 * so it is passed on when AWS_REGION is unset. The SDK signs, and retries throttling and
 * transient errors with exponential backoff (its standard retry mode).
 */
export function createCloudWatchLogsClient(
  options: CloudWatchLogsClientOptions,
  env: Environment = process.env,
): CloudWatchLogsClient {
  const fallbackRegion = read(env, Variables.AWS_REGION)
    ? undefined
    : read(env, Variables.AWS_DEFAULT_REGION);
  return new CloudWatchLogsClient({
    ...(fallbackRegion ? { region: fallbackRegion } : {}),
    requestHandler: {
      connectionTimeout: Math.min(2000, options.requestTimeoutMs),
      requestTimeout: options.requestTimeoutMs,
      // Without it the SDK only warns about a request that takes too long, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
}

/**
 * Resolves the client's region and credentials once, at start-up, so that a service configured
 * for CloudWatch Logs but missing either fails right away with a message naming what is missing,
 * instead of running for hours while its logs go nowhere.
 */
export async function verifyCloudWatchLogsClient(
  client: CloudWatchLogsClient,
  logGroupName: string,
): Promise<{ region: string }> {
  const intro = `CLOUDWATCH_LOG_GROUP is set (${logGroupName}) but`;
  let region: string;
  try {
    region = await client.config.region();
  } catch {
    throw new CloudWatchLogsSetupError(
      `${intro} no AWS region is configured: set AWS_REGION (or AWS_DEFAULT_REGION, or a region ` +
        'in the AWS_PROFILE), or unset CLOUDWATCH_LOG_GROUP to log to the console only',
    );
  }
  if (!region) {
    throw new CloudWatchLogsSetupError(`${intro} the AWS region is empty: set AWS_REGION`);
  }
  try {
    const credentials = await client.config.credentials();
    if (!credentials.accessKeyId || !credentials.secretAccessKey) throw new Error('empty');
  } catch (error) {
    // The chain's own message names the sources it tried, never a secret.
    throw new CloudWatchLogsSetupError(
      `${intro} the AWS SDK found no credentials (${describeError(error)}): set AWS_ACCESS_KEY_ID and ` +
        'AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with an IAM role; or unset ' +
        'CLOUDWATCH_LOG_GROUP to log to the console only',
    );
  }
  return { region };
}
