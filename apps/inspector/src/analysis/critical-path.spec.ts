import { criticalPath, criticalTimes, selfTimes } from './critical-path';
import type { SpanTiming } from './critical-path';

const span = (spanId: string, parentSpanId: string | undefined, startMs: number, endMs: number) =>
  ({ spanId, parentSpanId, startMs, endMs }) satisfies SpanTiming;

describe('the critical path (as Jaeger computes it)', () => {
  it('goes through the child that finished last, then the ones before it', () => {
    // root 0-100; a 10-40 and b 20-90 overlap; b has c 30-80. The request waited on b, in b on
    // c. a was still running when b began, so (as in Jaeger) it did not finish before the point
    // the walk came back to, and the root's own work covers 0-20.
    const spans = [
      span('root', undefined, 0, 100),
      span('a', 'root', 10, 40),
      span('b', 'root', 20, 90),
      span('c', 'b', 30, 80),
    ];
    const sections = criticalPath(spans);
    expect(sections).toEqual([
      { spanId: 'root', startMs: 90, endMs: 100 },
      { spanId: 'b', startMs: 80, endMs: 90 },
      { spanId: 'c', startMs: 30, endMs: 80 },
      { spanId: 'b', startMs: 20, endMs: 30 },
      { spanId: 'root', startMs: 0, endMs: 20 },
    ]);
    const times = criticalTimes(sections);
    expect([...times.values()].reduce((sum, ms) => sum + ms, 0)).toBe(100);
    expect(times.get('a')).toBeUndefined();
    // A child that ended before the next one began is on the path.
    expect(
      criticalPath([span('r', undefined, 0, 30), span('x', 'r', 5, 10), span('y', 'r', 12, 25)]),
    ).toEqual([
      { spanId: 'r', startMs: 25, endMs: 30 },
      { spanId: 'y', startMs: 12, endMs: 25 },
      { spanId: 'r', startMs: 10, endMs: 12 },
      { spanId: 'x', startMs: 5, endMs: 10 },
      { spanId: 'r', startMs: 0, endMs: 5 },
    ]);
  });

  it('leaves out a child the parent did not wait for, and clips one that outlived it', () => {
    const sections = criticalPath([
      span('root', undefined, 0, 50),
      span('fire-and-forget', 'root', 10, 200),
      span('late', 'root', 60, 70),
    ]);
    expect(sections).toEqual([
      { spanId: 'fire-and-forget', startMs: 10, endMs: 50 },
      { spanId: 'root', startMs: 0, endMs: 10 },
    ]);
  });

  it('survives zero-length children, cycles and a deep chain', () => {
    expect(
      criticalPath([span('r', undefined, 0, 10), span('z', 'r', 5, 5), span('y', 'r', 5, 5)]),
    ).toEqual([
      { spanId: 'r', startMs: 5, endMs: 10 },
      { spanId: 'r', startMs: 0, endMs: 5 },
    ]);
    expect(criticalPath([span('a', 'b', 0, 1), span('b', 'a', 0, 1)])).toEqual([]);
    const deep = Array.from({ length: 50_000 }, (_, i) =>
      span(`s${i}`, i ? `s${i - 1}` : undefined, i / 1000, 100 - i / 1000),
    );
    expect(criticalPath(deep)).toHaveLength(99_999);
  });
});

describe('self time', () => {
  it('is the duration less the time any child ran, overlaps counted once', () => {
    const times = selfTimes([
      span('root', undefined, 0, 100),
      span('a', 'root', 10, 40),
      span('b', 'root', 20, 90),
      span('c', 'b', 30, 80),
      span('outlives', 'c', 70, 500),
    ]);
    expect(Object.fromEntries(times)).toEqual({ root: 20, a: 30, b: 20, c: 40, outlives: 430 });
  });
});
