import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Inspector } from '../inspector';
import { startTestInspector } from '../../test/start-test-inspector';

// rollbar's type definitions are ESM-only; the CommonJS build is what the services load too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Rollbar = require('rollbar') as new (options: object) => {
  warning(message: string, custom: object, callback: (error?: Error) => void): void;
};

const TRACE_ID = '6b0231e8c0ffeec0ffeec0ffeec0ffee';

describe('the client APIs on the inspector port, driven by the real clients', () => {
  let inspector: Inspector;

  beforeAll(async () => {
    inspector = await startTestInspector({ INSPECTOR_MAX_LOG_EVENTS: '3' });
  });
  afterAll(() => inspector.close());

  it('keeps CloudWatch Logs state as the AWS SDK expects, and indexes the lines by trace', async () => {
    const logs = new CloudWatchLogsClient({
      endpoint: inspector.uiUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const logGroupName = 'cruddur';
    const logStreamName = 'gateway/host-1';
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName }))).rejects.toBeInstanceOf(
      ResourceAlreadyExistsException,
    );
    await expect(
      logs.send(
        new PutLogEventsCommand({
          logGroupName,
          logStreamName,
          logEvents: [{ timestamp: Date.now(), message: 'before the stream exists' }],
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
    const now = Date.now();
    const line = (i: number) => JSON.stringify({ message: `line ${i}`, trace_id: TRACE_ID });
    await logs.send(
      new PutLogEventsCommand({
        logGroupName,
        logStreamName,
        logEvents: [0, 1, 2, 3].map((i) => ({ timestamp: now + i, message: line(i) })),
      }),
    );

    const read = await logs.send(new GetLogEventsCommand({ logGroupName, logStreamName }));
    // INSPECTOR_MAX_LOG_EVENTS=3: the oldest line was forgotten, and counted.
    expect(read.events?.map((event) => event.message)).toEqual([line(1), line(2), line(3)]);
    const filtered = await logs.send(
      new FilterLogEventsCommand({ logGroupName, filterPattern: '"line 2"' }),
    );
    expect(filtered.events?.map((event) => event.message)).toEqual([line(2)]);
    expect(inspector.store.logEventsOf(TRACE_ID).length).toBeGreaterThanOrEqual(3);
    logs.destroy();
  });

  it('takes Rollbar items from the rollbar notifier, without storing its token', async () => {
    const rollbar = new Rollbar({
      accessToken: 'post-server-item-token',
      endpoint: `${inspector.uiUrl}/api/1/item/`,
      environment: 'test',
      captureUncaught: false,
      captureUnhandledRejections: false,
      logLevel: 'disable',
    });
    await new Promise<void>((resolve, reject) =>
      rollbar.warning('Hello World!', { trace_id: TRACE_ID }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    const [item] = inspector.store.rollbarItemsOf(TRACE_ID);
    expect(item).toBeDefined();
    expect(JSON.stringify(item)).toContain('Hello World!');
    expect(JSON.stringify(item)).not.toContain('post-server-item-token');
  });

  it.each([
    ['no token', { 'content-type': 'application/json' }, '{"data":{"environment":"x"}}', 401],
    ['not JSON', { 'content-type': 'application/json', 'x-rollbar-access-token': 't' }, '{', 400],
    ['a form body', { 'content-type': 'text/plain', 'x-rollbar-access-token': 't' }, 'a=b', 415],
  ])('answers a Rollbar post with %s with a clear 4xx', async (_case, headers, body, status) => {
    const response = await fetch(`${inspector.uiUrl}/api/1/item/`, {
      method: 'POST',
      headers,
      body,
    });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message?: string }).message).toBeTruthy();
  });

  it("answers a CloudWatch call with missing fields with the service's own error", async () => {
    const response = await fetch(inspector.uiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.CreateLogStream',
      },
      body: '{"logGroupName":"cruddur"}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'InvalidParameterException' });
  });
});
