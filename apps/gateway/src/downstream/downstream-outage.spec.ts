import {
  BadGatewayException,
  GatewayTimeoutException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { reportedBy } from '@cruddur/observability/internal/errors/reported-by';
import { DownstreamOutage } from './downstream-outage';

describe('DownstreamOutage', () => {
  const lines: Array<[string, string]> = [];
  const logger = {
    warn: (message: string) => lines.push(['warn', message]),
    log: (message: string) => lines.push(['log', message]),
  };
  let now = 0;
  let outage: DownstreamOutage;

  beforeEach(() => {
    lines.length = 0;
    now = 0;
    outage = new DownstreamOutage('notifications', logger, () => now);
  });

  const unavailable = () => new ServiceUnavailableException('notifications is unavailable');
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4102'), {
    code: 'ECONNREFUSED',
  });

  it('warns once per outage, leaves the first failure to be reported and marks the rest', () => {
    const first = outage.failed(unavailable(), refused);
    expect(reportedBy(first)).toBeUndefined();
    for (let i = 0; i < 200; i++) outage.socketError(new Error('write EPIPE'));
    const later = [
      outage.failed(unavailable(), new Error('Connection closed')),
      outage.failed(new GatewayTimeoutException('slow'), { name: 'TimeoutError' }),
    ];
    expect(later.map((exception) => reportedBy(exception))).toEqual(['gateway', 'gateway']);
    expect(lines).toEqual([
      ['warn', expect.stringMatching(/^notifications call failed \(503: ECONNREFUSED\)/)],
    ]);
    expect(lines[0][1]).not.toContain('127.0.0.1');
  });

  it('tells the counts once when the service answers again, then starts afresh', () => {
    outage.failed(unavailable(), refused);
    outage.failed(unavailable(), refused);
    outage.failed(new GatewayTimeoutException('slow'), { name: 'TimeoutError' });
    outage.socketError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    now = 12_300;
    outage.succeeded();
    outage.succeeded();
    expect(lines[1]).toEqual([
      'log',
      'notifications answers again after 12.3 s: 2 call(s) answered 503, 1 answered 504; 1 connection error(s), the last ECONNRESET',
    ]);
    expect(lines).toHaveLength(2);
    expect(reportedBy(outage.failed(unavailable(), refused))).toBeUndefined();
    expect(lines).toHaveLength(3);
  });

  it('is no outage when the service answered with an error of its own', () => {
    const exception = new BadGatewayException('notifications failed to handle the request');
    expect(outage.failed(exception, {})).toBe(exception);
    expect(outage.inOutage).toBe(false);
    expect(lines).toEqual([]);
  });
});
