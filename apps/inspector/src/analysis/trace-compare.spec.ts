import { healthTrace, traceIdOf } from '../../test/span-fixtures';
import { TelemetryStore } from '../store/telemetry-store';
import { diffTraces, medianTraceOf, sortBySelfDiff } from './trace-compare';
import { buildTraceView } from './trace-view';

describe('compare with normal', () => {
  it('picks the median trace of the same root route and diffs self time span by span', () => {
    const store = new TelemetryStore();
    // Three ordinary traces (20 ms) and one where notifications took 60 ms longer.
    for (let n = 1; n <= 3; n++)
      store.ingestSpans(healthTrace(traceIdOf(n), 1_700_000_000_000 + n * 1000));
    const slow = healthTrace(traceIdOf(9), 1_700_000_009_000);
    const stretch = (ms: number) => (BigInt(ms) * 1_000_000n).toString();
    for (const index of [0, 3, 4]) {
      slow[index].durationMs += 60;
      slow[index].endTimeUnixNano = (
        BigInt(slow[index].endTimeUnixNano) + BigInt(stretch(60))
      ).toString();
    }
    store.ingestSpans(slow);
    const summary = store.summaryOf(store.trace(traceIdOf(9))!);
    const { median, sampleSize } = medianTraceOf(store, summary);
    expect(sampleSize).toBe(3);
    expect(median?.traceId).toBe(traceIdOf(2));
    const rows = sortBySelfDiff(
      diffTraces(
        buildTraceView(store, traceIdOf(9))!.spans,
        buildTraceView(store, median!.traceId)!.spans,
      ),
    );
    expect(rows[0]).toMatchObject({
      service: 'notifications',
      name: 'notifications/health.check',
      selfMs: 70,
      baselineSelfMs: 10,
      selfDiffMs: 60,
    });
    expect(rows).toHaveLength(5);
    expect(rows.filter((row) => row.only)).toEqual([]);
  });

  it('marks spans only one side has', () => {
    const store = new TelemetryStore();
    const full = healthTrace(traceIdOf(1));
    store.ingestSpans(full);
    store.ingestSpans(healthTrace(traceIdOf(2)).slice(0, 3));
    const rows = diffTraces(
      buildTraceView(store, traceIdOf(2))!.spans,
      buildTraceView(store, traceIdOf(1))!.spans,
    );
    expect(rows.filter((row) => row.only === 'baseline').map((row) => row.service)).toEqual([
      'gateway',
      'notifications',
    ]);
  });
});
