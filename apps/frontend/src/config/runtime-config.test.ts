import { describe, expect, it } from 'vitest';
import { RuntimeConfigError, readRuntimeConfig } from './runtime-config';

describe('readRuntimeConfig', () => {
  it('fills in the defaults: the local gateway, its relay, cruddur-frontend', () => {
    expect(readRuntimeConfig()).toEqual({
      gatewayUrl: 'http://localhost:4567',
      serviceName: 'cruddur-frontend',
      userHandle: 'andrewbrown',
      tracesUrl: 'http://localhost:4567/api/telemetry/traces',
    });
  });

  it('derives the relay URL from the gateway URL, and keeps an explicit one (the inspector)', () => {
    expect(readRuntimeConfig({ gatewayUrl: 'https://api.cruddur.example/' }).tracesUrl).toBe(
      'https://api.cruddur.example/api/telemetry/traces',
    );
    expect(readRuntimeConfig({ tracesUrl: 'http://localhost:4318/v1/traces' }).tracesUrl).toBe(
      'http://localhost:4318/v1/traces',
    );
    expect(readRuntimeConfig({ tracesUrl: '' }).tracesUrl).toBe('');
  });

  it.each([
    [{ gatewayUrl: 'localhost:4567' }, /gatewayUrl must be an absolute http\(s\) URL/],
    [{ gatewayUrl: 'javascript:alert(1)' }, /gatewayUrl must be an absolute http\(s\) URL/],
    [{ serviceName: '  ' }, /serviceName must be a non-empty string/],
    [{ userHandle: 42 as unknown as string }, /userHandle must be a non-empty string/],
  ])('names the wrong field in %j', (source, message) => {
    expect(() => readRuntimeConfig(source)).toThrow(RuntimeConfigError);
    expect(() => readRuntimeConfig(source)).toThrow(message);
  });
});
