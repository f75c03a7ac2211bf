import { readFrontendServerConfig } from './frontend-server.config';

describe('readFrontendServerConfig', () => {
  it('defaults to port 3000, the local gateway and its relay', () => {
    expect(readFrontendServerConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      runtimeConfig: {
        gatewayUrl: 'http://localhost:4567',
        serviceName: 'cruddur-frontend',
        userHandle: 'andrewbrown',
      },
    });
  });

  it('sends spans elsewhere (the inspector) or nowhere when told', () => {
    expect(
      readFrontendServerConfig({ FRONTEND_TRACES_URL: 'http://localhost:4318/v1/traces/' })
        .runtimeConfig.tracesUrl,
    ).toBe('http://localhost:4318/v1/traces');
    expect(readFrontendServerConfig({ FRONTEND_TRACING: 'false' }).runtimeConfig.tracesUrl).toBe(
      '',
    );
  });

  it.each([
    [{ GATEWAY_URL: 'localhost:4567' }, 'GATEWAY_URL must be an absolute http(s) URL'],
    [{ FRONTEND_TRACES_URL: 'ftp://x/y' }, 'FRONTEND_TRACES_URL must be an absolute http(s) URL'],
    [{ FRONTEND_PORT: '70000' }, 'FRONTEND_PORT must be a port number'],
    [{ FRONTEND_TRACING: 'maybe' }, 'FRONTEND_TRACING must be true or false'],
  ])('names the variable in the error for %j', (env, message) => {
    expect(() => readFrontendServerConfig(env)).toThrow(message);
  });
});
