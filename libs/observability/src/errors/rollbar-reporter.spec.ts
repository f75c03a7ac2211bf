import { ConfigurationError } from '@cruddur/contracts';
import { RollbarReceiver, SECRET_EXAMPLES, freePort } from '@cruddur/testing';
import { SecretRedactor } from '../logging/secret-redactor';
import { RollbarReporter } from './rollbar-reporter';
import { readRollbarSettings } from './rollbar-settings';
import type { RollbarSettings } from './rollbar-settings';

/** A log that keeps its lines. */
function recordingLog() {
  const lines: Array<{ level: string; message: string }> = [];
  return {
    lines,
    log: (message: string) => lines.push({ level: 'log', message }),
    warn: (message: string) => lines.push({ level: 'warn', message }),
    error: (message: string) => lines.push({ level: 'error', message }),
    warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.message),
  };
}

describe('RollbarReporter', () => {
  let receiver: RollbarReceiver;

  beforeAll(async () => {
    receiver = await RollbarReceiver.start();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.clear();
    receiver.behaviour = {};
  });

  const settings = (overrides: Partial<RollbarSettings> = {}): RollbarSettings =>
    readRollbarSettings(
      { ROLLBAR_ACCESS_TOKEN: 'spec-token', ROLLBAR_ENDPOINT: receiver.endpoint },
      overrides,
    );

  it('without a token is disabled, says so once, and sends nothing', async () => {
    const log = recordingLog();
    const reporter = new RollbarReporter(
      'spec',
      readRollbarSettings({ ROLLBAR_ENDPOINT: receiver.endpoint }),
      log,
    );
    reporter.reportError(new Error('boom'));
    reporter.reportMessage('warning', 'Hello World!');
    expect(await reporter.flush(100)).toBe(true);
    // rollbar 3.1.0 with an undefined token would throw from a timer about now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reporter.enabled).toBe(false);
    expect(log.lines).toEqual([
      { level: 'log', message: 'Rollbar disabled: ROLLBAR_ACCESS_TOKEN is not set' },
    ]);
    expect(receiver.requests).toEqual([]);
  });

  it('sends the token in the X-Rollbar-Access-Token header and counts what was delivered', async () => {
    const reporter = new RollbarReporter('spec', settings(), recordingLog());
    reporter.reportMessage('info', 'one');
    reporter.reportError(new Error('two'));
    expect(await reporter.flush()).toBe(true);
    expect(receiver.requests.map((request) => request.headers['x-rollbar-access-token'])).toEqual([
      'spec-token',
      'spec-token',
    ]);
    expect(receiver.items.map((item) => item.data.level).sort()).toEqual(['error', 'info']);
    expect(reporter.stats).toEqual({ delivered: 2, failed: 0, dropped: 0 });
  });

  it('warns once when Rollbar answers 5xx, and once more when it is back', async () => {
    const log = recordingLog();
    const reporter = new RollbarReporter('spec', settings(), log);
    receiver.behaviour = { failWithStatus: 502 };
    for (let i = 0; i < 5; i++) reporter.reportError(new Error(`failure ${i}`));
    expect(await reporter.flush()).toBe(true);
    expect(reporter.stats).toEqual({ delivered: 0, failed: 5, dropped: 0 });
    expect(log.warnings()).toEqual([
      `reporting to ${receiver.endpoint} failed (Api error: receiver plays an outage); items are dropped until it answers again - requests are not affected`,
    ]);

    receiver.behaviour = {};
    reporter.reportError(new Error('after'));
    expect(await reporter.flush()).toBe(true);
    expect(log.lines.at(-1)).toEqual({
      level: 'log',
      message: `reporting to ${receiver.endpoint} works again after 5 lost item(s)`,
    });
    expect(log.warnings()).toHaveLength(1);
  });

  it('survives an endpoint nobody listens on', async () => {
    const log = recordingLog();
    const endpoint = `http://127.0.0.1:${await freePort()}/api/1/item/`;
    const reporter = new RollbarReporter('spec', settings({ endpoint }), log);
    for (let i = 0; i < 3; i++) reporter.reportError(new Error('nobody there'));
    expect(await reporter.flush()).toBe(true);
    expect(reporter.stats.failed).toBe(3);
    expect(log.warnings()).toHaveLength(1);
    expect(log.warnings()[0]).toContain('ECONNREFUSED');
  });

  it('keeps at most maxPendingItems in memory while Rollbar hangs, and its flush ends', async () => {
    const log = recordingLog();
    receiver.behaviour = { delayMs: 60_000 };
    const reporter = new RollbarReporter('spec', settings({ maxPendingItems: 3 }), log);
    for (let i = 0; i < 10; i++) reporter.reportError(new Error(`item ${i}`));
    expect(reporter.stats.dropped).toBe(7);
    expect(log.warnings()).toEqual([
      `reporting to ${receiver.endpoint} failed (3 items are waiting for an answer); items are dropped until it answers again - requests are not affected`,
    ]);
    const started = Date.now();
    expect(await reporter.flush(300)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    await receiver.close();
    receiver = await RollbarReceiver.start();
  });

  it('lets none of the shared secret examples reach Rollbar', async () => {
    const reporter = new RollbarReporter(
      'spec',
      settings(),
      recordingLog(),
      undefined,
      new SecretRedactor(SECRET_EXAMPLES.env),
    );
    const secretHeaders = SECRET_EXAMPLES.names.map((name, i) => [name, `hidden-value-${i}`]);
    const plainHeaders = SECRET_EXAMPLES.ordinaryNames.map((name, i) => [name, `shown-${i}`]);
    const texts = SECRET_EXAMPLES.texts.map(({ text }) => text);
    reporter.reportError(
      new Error(`failed: ${[...texts, ...SECRET_EXAMPLES.envValues].join(' | ')}`),
      {
        request: {
          method: 'GET',
          path: `/spec?${SECRET_EXAMPLES.names.map((name, i) => `${name}=query-value-${i}`).join('&')}`,
          headers: Object.fromEntries([...secretHeaders, ...plainHeaders]),
        },
      },
    );
    expect(await reporter.flush()).toBe(true);
    const sent = receiver.requests.map((request) => request.body).join('\n');
    const forbidden = [
      ...secretHeaders.map(([, value]) => value),
      ...SECRET_EXAMPLES.names.map((_, i) => `query-value-${i}`),
      ...SECRET_EXAMPLES.texts.map(({ secret }) => secret),
      ...SECRET_EXAMPLES.envValues,
    ];
    for (const secret of forbidden) {
      expect({ secret, leaked: sent.includes(secret) }).toEqual({ secret, leaked: false });
    }
    for (const [, value] of plainHeaders) expect(sent).toContain(value);
  });

  it('removes its process handlers at shutdown', async () => {
    const reporter = new RollbarReporter('spec', settings(), recordingLog());
    const before = process.listenerCount('uncaughtException');
    reporter.onApplicationBootstrap();
    expect(process.listenerCount('uncaughtException')).toBe(before + 1);
    expect(process.listenerCount('unhandledRejection')).toBeGreaterThan(0);
    await reporter.onApplicationShutdown();
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });
});

describe('readRollbarSettings', () => {
  it('defaults to Rollbar itself, NODE_ENV, and no token', () => {
    expect(readRollbarSettings({})).toEqual({
      accessToken: undefined,
      environment: 'development',
      endpoint: 'https://api.rollbar.com/api/1/item/',
      flushTimeoutMs: 3000,
      maxPendingItems: 100,
    });
    expect(readRollbarSettings({ NODE_ENV: 'production' }).environment).toBe('production');
    expect(
      readRollbarSettings({ NODE_ENV: 'production', ROLLBAR_ENVIRONMENT: 'staging' }).environment,
    ).toBe('staging');
    expect(readRollbarSettings({ ROLLBAR_ACCESS_TOKEN: '  ' }).accessToken).toBeUndefined();
  });

  it.each(['not a url', 'ftp://rollbar.example/api/1/item/', '/api/1/item/'])(
    'rejects ROLLBAR_ENDPOINT=%s naming the variable',
    (endpoint) => {
      expect(() => readRollbarSettings({ ROLLBAR_ENDPOINT: endpoint })).toThrow(ConfigurationError);
      expect(() => readRollbarSettings({ ROLLBAR_ENDPOINT: endpoint })).toThrow(
        /^ROLLBAR_ENDPOINT must be an http\(s\) URL/,
      );
    },
  );
});
