import { Logger } from '@nestjs/common';
import { FrontendOriginPolicy } from './frontend-origin.policy';

function decide(policy: FrontendOriginPolicy, origin: string | undefined): boolean | undefined {
  let allowed: boolean | undefined;
  (
    policy.corsOrigin as (o: string | undefined, cb: (e: Error | null, a?: boolean) => void) => void
  )(origin, (_error, allow) => (allowed = allow));
  return allowed;
}

describe('FrontendOriginPolicy', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it("accepts every loopback spelling of a local front end's origin, on its port only", () => {
    const policy = new FrontendOriginPolicy('http://localhost:3000');
    for (const origin of [
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://0.0.0.0:3000',
    ]) {
      expect({ origin, allowed: decide(policy, origin) }).toEqual({ origin, allowed: true });
    }
    for (const origin of [
      'http://localhost:3001',
      'https://localhost:3000',
      'http://localhost.evil.example:3000',
      'http://192.168.1.20:3000',
      'null',
    ]) {
      expect({ origin, allowed: decide(policy, origin) }).toEqual({ origin, allowed: false });
    }
  });

  it('accepts only the exact origin of a front end elsewhere', () => {
    const policy = new FrontendOriginPolicy('https://cruddur.example.com');
    expect(policy.origins).toEqual(['https://cruddur.example.com']);
    expect(decide(policy, 'https://cruddur.example.com')).toBe(true);
    expect(decide(policy, 'http://localhost:3000')).toBe(false);
  });

  it('lets requests without an Origin (curl, server to server) through', () => {
    expect(decide(new FrontendOriginPolicy('http://localhost:3000'), undefined)).toBe(true);
  });

  it('logs a refusal once per origin, naming CORS and FRONTEND_URL', () => {
    const policy = new FrontendOriginPolicy('http://localhost:3000');
    decide(policy, 'http://elsewhere.example:8080');
    decide(policy, 'http://elsewhere.example:8080');
    decide(policy, 'http://localhost:3000');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(
      /^CORS refused a browser request from origin "http:\/\/elsewhere.example:8080".*Set FRONTEND_URL/,
    );
  });
});
