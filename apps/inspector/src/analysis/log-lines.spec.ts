import { TelemetryStore } from '../store/telemetry-store';
import { healthTrace, traceIdOf } from '../../test/span-fixtures';
import { buildTraceView } from './trace-view';
import { toLogLine } from './log-lines';

const line = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe('log lines on the trace page', () => {
  it('come in the order they were written, across streams, as columns', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(7);
    store.ingestSpans(healthTrace(traceId));
    const at = (ms: number) => new Date(1_700_000_000_000 + ms).toISOString();
    // Two streams, each batch arriving in stream order: gateway's lines first, then the others',
    // although notifications wrote in between.
    store.ingestLogEvents([
      {
        logGroupName: 'cruddur',
        logStreamName: 'gateway/2026-12-02/abc',
        timestamp: 1_700_000_000_001,
        message: line({
          timestamp: at(1),
          level: 'info',
          service: 'gateway',
          message: 'first',
          trace_id: traceId,
          span_id: 'a000000000000001',
          context: 'AccessLog',
        }),
      },
      {
        logGroupName: 'cruddur',
        logStreamName: 'gateway/2026-12-02/abc',
        timestamp: 1_700_000_000_020,
        message: line({
          timestamp: at(20),
          level: 'warn',
          service: 'gateway',
          message: 'last',
          trace_id: traceId,
        }),
      },
    ]);
    store.ingestLogEvents([
      {
        logGroupName: 'cruddur',
        logStreamName: 'notifications/2026-12-02/def',
        timestamp: 1_700_000_000_005,
        message: line({
          timestamp: at(5),
          level: 'error',
          service: 'notifications',
          message: 'middle',
          trace_id: traceId,
          span_id: 'A000000000000005',
          stack: 'Error: middle\n    at one (a.ts:1:1)\n    at two (b.ts:2:2)',
        }),
      },
    ]);
    const view = buildTraceView(store, traceId)!;
    expect(view.logLines.map((l) => [l.message, l.service, l.level, l.spanId])).toEqual([
      ['first', 'gateway', 'info', 'a000000000000001'],
      ['middle', 'notifications', 'error', 'a000000000000005'],
      ['last', 'gateway', 'warn', undefined],
    ]);
    expect(view.logLines[0].fields).toEqual({ trace_id: traceId, context: 'AccessLog' });
    expect(view.logLines[1].stack).toEqual([
      'Error: middle',
      '    at one (a.ts:1:1)',
      '    at two (b.ts:2:2)',
    ]);
  });

  it('keep a line that is not JSON whole, with a level if it names one', () => {
    expect(
      toLogLine({
        sequence: 1,
        logGroupName: 'g',
        logStreamName: 'home-activities',
        timestamp: 5,
        message: 'WARN trace_id=abc something odd',
        ingestedAt: 6,
      }),
    ).toEqual({
      sequence: 1,
      logGroupName: 'g',
      logStreamName: 'home-activities',
      timestamp: 5,
      service: 'home-activities',
      level: 'warn',
      message: 'WARN trace_id=abc something odd',
      fields: {},
    });
  });
});
