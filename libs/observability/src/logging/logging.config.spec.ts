import { Variables } from '@cruddur/contracts';
import { PutLogEventsLimits } from '@cruddur/telemetry-wire';
import { LOG_LEVELS } from './logging.constants';
import { instanceStreamName, readLoggingConfig } from './logging.config';

describe('readLoggingConfig', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('logs JSON at info without CloudWatch by default when not on a terminal', () => {
    expect(readLoggingConfig({}, 'gateway', pipe)).toEqual({
      level: 'info',
      format: 'json',
      colors: true,
      cloudWatch: undefined,
    });
  });

  it('is pretty on a terminal in development, JSON in production or when asked', () => {
    expect(readLoggingConfig({}, 'gateway', tty).format).toBe('pretty');
    expect(readLoggingConfig({ FORCE_COLOR: '1' }, 'gateway', pipe).format).toBe('pretty');
    expect(readLoggingConfig({ NODE_ENV: 'production' }, 'gateway', tty).format).toBe('json');
    expect(readLoggingConfig({ LOG_FORMAT: 'json' }, 'gateway', tty).format).toBe('json');
    expect(readLoggingConfig({ NO_COLOR: '1' }, 'gateway', tty).colors).toBe(false);
  });

  it('reads LOG_LEVEL, accepting Nest`s "log" for info', () => {
    expect(readLoggingConfig({ LOG_LEVEL: 'debug' }, 'g', pipe).level).toBe('debug');
    expect(readLoggingConfig({ LOG_LEVEL: 'log' }, 'g', pipe).level).toBe('info');
    expect(() => readLoggingConfig({ LOG_LEVEL: 'loud' }, 'g', pipe)).toThrow(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, verbose, log, got "loud"',
    );
  });

  it('turns CloudWatch on with CLOUDWATCH_LOG_GROUP, one stream per instance', () => {
    const config = readLoggingConfig(
      { CLOUDWATCH_LOG_GROUP: 'cruddur', CLOUDWATCH_RETENTION_DAYS: '14' },
      'gateway',
      pipe,
    );
    expect(config.cloudWatch).toMatchObject({
      logGroupName: 'cruddur',
      retentionInDays: 14,
      flushIntervalMs: 1000,
      maxQueuedEvents: 10_000,
      maxEventBytes: 1_048_576,
      flushTimeoutMs: 5000,
    });
    expect(config.cloudWatch?.logStreamName).toMatch(/^gateway\/[^:*]+\/\d+-[0-9a-f]{8}$/);
    expect(
      readLoggingConfig({ CLOUDWATCH_LOG_GROUP: 'cruddur' }, 'gateway', pipe).cloudWatch,
    ).toMatchObject({ retentionInDays: undefined });
  });

  it.each([
    [{ CLOUDWATCH_LOG_GROUP: 'bad group!' }, 'CLOUDWATCH_LOG_GROUP must be a log group name'],
    [{ CLOUDWATCH_RETENTION_DAYS: '8' }, 'CLOUDWATCH_RETENTION_DAYS must be one of 1, 3, 5'],
    [{ CLOUDWATCH_MAX_QUEUED_EVENTS: '0' }, 'CLOUDWATCH_MAX_QUEUED_EVENTS must be a whole number'],
    [{ CLOUDWATCH_MAX_EVENT_BYTES: '2000000' }, 'CLOUDWATCH_MAX_EVENT_BYTES must be at most'],
  ])('names the variable when %j is wrong', (env, message) => {
    expect(() =>
      readLoggingConfig({ CLOUDWATCH_LOG_GROUP: 'cruddur', ...env }, 'gateway', pipe),
    ).toThrow(message);
  });

  it('keeps stream names free of the characters CloudWatch forbids', () => {
    expect(instanceStreamName('a:b', 'host*1')).toMatch(/^a-b\/host-1\//);
  });
});

describe('the logging variables as declared in @cruddur/contracts', () => {
  it("offer exactly the logger's levels, and Nest's `log`", () => {
    expect(Variables.LOG_LEVEL.choices).toEqual([...Object.keys(LOG_LEVELS), 'log']);
  });

  it("default to PutLogEvents' own limits, which contracts cannot import", () => {
    expect(Variables.CLOUDWATCH_MAX_EVENT_BYTES.fallback).toBe(PutLogEventsLimits.MAX_EVENT_BYTES);
    expect(Variables.CLOUDWATCH_MAX_QUEUED_BYTES.min).toBe(PutLogEventsLimits.MAX_BATCH_BYTES);
  });
});
