import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@cruddur/contracts';
import { SecretRedactor } from '../logging/secret-redactor';
import {
  describeNatsServers,
  readMicroserviceTransport,
  readNatsSettings,
  toNatsConnectionOptions,
} from './nats-settings';

describe('the NATS settings', () => {
  it('defaults to TCP, and to a local broker that is reconnected to forever', () => {
    expect(readMicroserviceTransport({})).toBe('tcp');
    expect(readMicroserviceTransport({ MICROSERVICE_TRANSPORT: 'nats' })).toBe('nats');
    expect(() => readMicroserviceTransport({ MICROSERVICE_TRANSPORT: 'kafka' })).toThrow(
      'MICROSERVICE_TRANSPORT must be one of tcp, nats, got "kafka"',
    );
    expect(toNatsConnectionOptions(readNatsSettings('home-activities', {}))).toEqual({
      servers: ['nats://127.0.0.1:4222'],
      name: 'home-activities',
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 2000,
      timeout: 5000,
      waitOnFirstConnect: true,
    });
  });

  it('reads the servers, the name, the reconnect settings and a token', () => {
    const settings = readNatsSettings('gateway', {
      NATS_SERVERS: ' nats://a:4222 , nats://b:4222',
      NATS_CONNECTION_NAME: 'gateway-eu-1',
      NATS_MAX_RECONNECT_ATTEMPTS: '10',
      NATS_RECONNECT_TIME_WAIT_MS: '250',
      NATS_TOKEN: 's3cret-token-value',
    });
    expect(toNatsConnectionOptions(settings)).toMatchObject({
      servers: ['nats://a:4222', 'nats://b:4222'],
      name: 'gateway-eu-1',
      maxReconnectAttempts: 10,
      reconnectTimeWait: 250,
      token: 's3cret-token-value',
    });
  });

  it('rejects bad values naming the variable, never echoing a password', () => {
    expect(() => readNatsSettings('gateway', { NATS_SERVERS: 'http://x y' })).toThrow(
      ConfigurationError,
    );
    let message = '';
    try {
      readNatsSettings('gateway', { NATS_SERVERS: 'nats://worf:qapla-batlh@host:4222/x y' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('NATS_SERVERS');
    expect(message).not.toContain('qapla-batlh');
    expect(() => readNatsSettings('gateway', { NATS_TOKEN: 't', NATS_USER: 'u' })).toThrow(
      'set one at most',
    );
    expect(() => readNatsSettings('gateway', { NATS_PASSWORD: 'p' })).toThrow('NATS_USER');
    expect(() => readNatsSettings('gateway', { NATS_MAX_RECONNECT_ATTEMPTS: '-2' })).toThrow(
      'NATS_MAX_RECONNECT_ATTEMPTS must be a whole number of at least -1',
    );
  });

  it('logs in with a credentials file, and says which file it cannot read', () => {
    const directory = mkdtempSync(join(tmpdir(), 'nats-creds-'));
    const file = join(directory, 'user.creds');
    writeFileSync(file, 'not a real creds file');
    const options = toNatsConnectionOptions(readNatsSettings('gateway', { NATS_CREDS_FILE: file }));
    expect(typeof options.authenticator).toBe('function');
    expect(() =>
      toNatsConnectionOptions(
        readNatsSettings('gateway', { NATS_CREDS_FILE: join(directory, 'missing.creds') }),
      ),
    ).toThrow(/NATS_CREDS_FILE must be a readable .creds file, got ".*missing.creds \(ENOENT\)"/);
  });

  it('keeps credentials out of what it logs', () => {
    expect(describeNatsServers(['nats://worf:qapla-batlh@host:4222', 'nats://plain:4222'])).toBe(
      'nats://[REDACTED]@host:4222,nats://plain:4222',
    );
    const redactor = new SecretRedactor({
      NATS_TOKEN: 'token-for-the-broker',
      NATS_PASSWORD: 'password-for-the-broker',
    });
    expect(redactor.redactText('login token-for-the-broker / password-for-the-broker')).toBe(
      'login [REDACTED] / [REDACTED]',
    );
  });
});
