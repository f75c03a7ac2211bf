import { createServer } from 'node:http';
import type { Server } from 'node:http';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchLogsEmulator, compileFilterPattern } from './cloudwatch-logs.emulator';
import { createCloudWatchLogsListener } from './cloudwatch-logs.http-listener';

/** The real AWS SDK against the emulator on a local port: what the services and inspector see. */
describe('CloudWatchLogsEmulator through the AWS SDK', () => {
  let server: Server;
  let client: CloudWatchLogsClient;
  let emulator: CloudWatchLogsEmulator;
  const now = Date.now();

  beforeAll(async () => {
    emulator = new CloudWatchLogsEmulator({ now: () => now });
    server = createServer(
      createCloudWatchLogsListener(emulator, { maxBodyBytes: 4 * 1024 * 1024 }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    client = new CloudWatchLogsClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });

  beforeEach(() => emulator.reset());

  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const group = (logGroupName = 'cruddur') =>
    client.send(new CreateLogGroupCommand({ logGroupName }));
  const stream = (logStreamName = 'gateway/host/1', logGroupName = 'cruddur') =>
    client.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
  const put = (logEvents: Array<{ timestamp: number; message: string }>) =>
    client.send(
      new PutLogEventsCommand({
        logGroupName: 'cruddur',
        logStreamName: 'gateway/host/1',
        logEvents,
      }),
    );

  it('creates groups and streams once, with the service error types on repeats and misses', async () => {
    await group();
    await expect(group()).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await expect(stream('s', 'missing')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await stream();
    await expect(stream()).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await expect(stream('bad:name')).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(group('bad group name!')).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });

    const groups = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'cru' }));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['cruddur']);
    const streams = await client.send(
      new DescribeLogStreamsCommand({ logGroupName: 'cruddur', logStreamNamePrefix: 'gateway/' }),
    );
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual(['gateway/host/1']);
    await expect(
      client.send(new DescribeLogStreamsCommand({ logGroupName: 'missing' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('sets only the retention values CloudWatch allows', async () => {
    await group();
    await client.send(
      new PutRetentionPolicyCommand({ logGroupName: 'cruddur', retentionInDays: 14 }),
    );
    const groups = await client.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.[0].retentionInDays).toBe(14);
    await expect(
      client.send(new PutRetentionPolicyCommand({ logGroupName: 'cruddur', retentionInDays: 2 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('stores events and reads them back with GetLogEvents and FilterLogEvents', async () => {
    await group();
    await stream();
    await stream('home-activities/host/1');
    const line = (traceId: string, message: string) =>
      JSON.stringify({ level: 'info', trace_id: traceId, message, status: 200 });
    await put([
      { timestamp: now - 2000, message: line('aaa', 'first') },
      { timestamp: now - 1000, message: line('bbb', 'second') },
      { timestamp: now, message: 'plain Hello CloudWatch! text' },
    ]);
    const got = await client.send(
      new GetLogEventsCommand({
        logGroupName: 'cruddur',
        logStreamName: 'gateway/host/1',
        startFromHead: true,
        limit: 2,
      }),
    );
    expect(got.events?.map((e) => e.timestamp)).toEqual([now - 2000, now - 1000]);
    const rest = await client.send(
      new GetLogEventsCommand({
        logGroupName: 'cruddur',
        logStreamName: 'gateway/host/1',
        nextToken: got.nextForwardToken,
      }),
    );
    expect(rest.events?.map((e) => e.message)).toEqual(['plain Hello CloudWatch! text']);

    const filtered = await client.send(
      new FilterLogEventsCommand({
        logGroupName: 'cruddur',
        filterPattern: '{ $.trace_id = "bbb" && $.status = 200 }',
      }),
    );
    expect(filtered.events?.map((e) => e.logStreamName)).toEqual(['gateway/host/1']);
    expect(JSON.parse(filtered.events![0].message!)).toMatchObject({ message: 'second' });
    const byTerm = await client.send(
      new FilterLogEventsCommand({ logGroupName: 'cruddur', filterPattern: '"Hello CloudWatch!"' }),
    );
    expect(byTerm.events).toHaveLength(1);
  });

  it('enforces every PutLogEvents batch rule', async () => {
    await group();
    await stream();
    const event = (message: string, timestamp = now) => ({ timestamp, message });
    await expect(put([])).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(put(Array.from({ length: 10_001 }, () => event('x')))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(put([event('b', now), event('a', now - 1)])).rejects.toMatchObject({
      message: 'Log events in a single PutLogEvents request must be in chronological order.',
    });
    await expect(
      put([event('a', now - 25 * 3600_000), event('b', now - 1000)]),
    ).rejects.toMatchObject({ message: expect.stringContaining('cannot span more than 24 hours') });
    // 1,048,576 bytes counting 26 per event: two events of 524,262 bytes fit, one more byte not.
    const half = 1_048_576 / 2 - 26;
    await put([event('a'.repeat(half)), event('b'.repeat(half))]);
    await expect(put([event('a'.repeat(half)), event('b'.repeat(half + 1))])).rejects.toMatchObject(
      { message: 'Upload too large: 1048577 bytes exceeds limit of 1048576' },
    );
    // Multi-byte characters count in UTF-8 bytes.
    await expect(put([event('é'.repeat(524_276))])).rejects.toMatchObject({
      message: expect.stringContaining('Log event too large'),
    });
    await expect(
      client.send(
        new PutLogEventsCommand({
          logGroupName: 'cruddur',
          logStreamName: 'missing',
          logEvents: [event('x')],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(emulator.eventsOf('cruddur', 'gateway/host/1')).toHaveLength(2);
  });

  it('accepts the valid events of a batch and reports the too old and too new ones', async () => {
    await group();
    await stream();
    const day = 24 * 3600_000;
    const output = await put([
      { timestamp: now - 15 * day, message: 'too old' },
      { timestamp: now - 14 * day - 1, message: 'too old too' },
      { timestamp: now - 1, message: 'fine' },
    ]).catch((error: unknown) => error);
    // 15 days to now spans more than 24 h: the whole batch is refused.
    expect(output).toMatchObject({ name: 'InvalidParameterException' });
    const accepted = await put([
      { timestamp: now - 1000, message: 'fine' },
      { timestamp: now + 3 * 3600_000, message: 'too new' },
    ]);
    expect(accepted.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    // Older than the group's retention is too old as well.
    await client.send(
      new PutRetentionPolicyCommand({ logGroupName: 'cruddur', retentionInDays: 1 }),
    );
    const partly = await put([
      { timestamp: now - 25 * 3600_000, message: 'before retention' },
      { timestamp: now - 2 * 3600_000, message: 'kept' },
    ]);
    expect(partly.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    expect(emulator.eventsOf('cruddur', 'gateway/host/1').map((e) => e.message)).toEqual([
      'fine',
      'kept',
    ]);
  });

  it('answers unknown operations, bad JSON and oversized bodies with errors, not crashes', async () => {
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    const post = (target: string, body: string) =>
      fetch(url, { method: 'POST', headers: { 'x-amz-target': target }, body });
    const unknown = await post('Logs_20140328.DeleteEverything', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const garbage = await post('Logs_20140328.CreateLogGroup', '{not json');
    expect(await garbage.json()).toMatchObject({ __type: 'SerializationException' });
    const huge = await post('Logs_20140328.PutLogEvents', 'x'.repeat(5 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect((await fetch(url)).status).toBe(405);
  });

  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', ''])(
    'answers operation %j, a name on the prototype, with UnknownOperationException 400',
    (name) => {
      const answer = emulator.handle({ target: `Logs_20140328.${name}`, body: '{}' });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        __type: 'UnknownOperationException',
        message: `unknown or unsupported operation: Logs_20140328.${name}`,
      });
      expect(answer.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    },
  );
});

describe('compileFilterPattern', () => {
  it.each([
    ['', 'anything', true],
    ['error', 'an error here', true],
    ['error -timeout', 'error: timeout', false],
    ['"two words"', 'has two words in it', true],
    ['{ $.level = "warn" }', '{"level":"warn"}', true],
    ['{ $.level != "warn" }', '{"level":"warn"}', false],
    ['{ $.http.status = 503 }', '{"http":{"status":503}}', true],
    ['{ $.level = "warn" }', 'not json', false],
  ])('%j on %j is %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern)(message)).toBe(expected);
  });

  it('refuses what it cannot evaluate', () => {
    expect(() => compileFilterPattern('{ $.a > 1 }')).toThrow('Invalid filter pattern');
  });
});
