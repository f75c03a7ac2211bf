import { OutageReporter } from './outage-reporter';
import type { EndedOutage, Outage } from './outage-reporter';

describe('OutageReporter', () => {
  let now = 0;
  let down: Outage[];
  let up: EndedOutage[];
  let outage: OutageReporter;

  beforeEach(() => {
    now = 1_000;
    down = [];
    up = [];
    outage = new OutageReporter({ down: (o) => down.push(o), up: (o) => up.push(o) }, () => now);
  });

  it('writes the first failure once, counts the rest, and the recovery once with the cost', () => {
    outage.succeeded(); // no outage yet: nothing to say
    expect(outage.failed('ECONNREFUSED', 3)).toBe(true);
    now = 2_000;
    expect(outage.failed('ETIMEDOUT', 2)).toBe(false);
    expect(outage.failed('ECONNRESET')).toBe(false);
    expect(down).toEqual([{ startedAt: 1_000, reason: 'ECONNREFUSED', failures: 1, lost: 3 }]);
    expect(outage.inOutage).toBe(true);
    expect(up).toEqual([]);

    now = 13_300;
    outage.succeeded();
    outage.succeeded();
    expect(up).toEqual([
      { startedAt: 1_000, reason: 'ECONNREFUSED', failures: 3, lost: 5, durationMs: 12_300 },
    ]);
    expect(outage.inOutage).toBe(false);
  });

  it('starts afresh after a recovery', () => {
    outage.failed('first', 1);
    outage.succeeded();
    now = 5_000;
    outage.failed('second', 1);
    expect(down.map((o) => [o.reason, o.startedAt, o.lost])).toEqual([
      ['first', 1_000, 1],
      ['second', 5_000, 1],
    ]);
  });

  it('lets a loss start an outage without counting a failure', () => {
    expect(outage.dropped(0, 'queue full')).toBe(false);
    expect(outage.inOutage).toBe(false);
    expect(outage.dropped(40, 'queue full')).toBe(true);
    outage.failed('ServiceUnavailableException');
    outage.dropped(10, 'queue full');
    expect(down).toEqual([{ startedAt: 1_000, reason: 'queue full', failures: 0, lost: 40 }]);
    expect(outage.current).toMatchObject({ reason: 'queue full', failures: 1, lost: 50 });
  });

  it('ends without the recovery line when the caller says something else', () => {
    expect(outage.end()).toBeUndefined();
    outage.failed('flush timeout', 7);
    now = 1_500;
    expect(outage.end()).toMatchObject({ failures: 1, lost: 7, durationMs: 500 });
    expect(outage.inOutage).toBe(false);
    outage.succeeded();
    expect(up).toEqual([]);
  });
});
