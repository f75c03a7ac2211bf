import { OtlpStatusCode } from '@cruddur/telemetry-wire';
import { healthTrace, traceIdOf } from '../../test/span-fixtures';
import { buildTraceView } from '../analysis/trace-view';
import { TelemetryStore } from '../store/telemetry-store';
import { renderWaterfall } from './waterfall-renderer';

describe('the terminal waterfall', () => {
  it('prints services, indented span names, offsets, durations, bars and the other signals', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(1);
    const spans = healthTrace(traceId);
    spans[4].status = { code: OtlpStatusCode.Error, message: 'notifications down' };
    store.ingestSpans(spans);
    store.ingestLogEvents([
      {
        logGroupName: 'g',
        logStreamName: 'notifications',
        timestamp: 0,
        message: 'Hello CloudWatch!',
        traceId,
      },
    ]);
    const text = renderWaterfall(buildTraceView(store, traceId)!, { width: 120 });
    const lines = text.split('\n');
    expect(lines[0]).toContain(
      'GET /api/health  20.0 ms  5 spans  3 services  user andrewbrown  1 error',
    );
    expect(text).toContain(traceId);
    const row = (name: string, service: string) =>
      lines.find((line) => line.startsWith(service) && line.includes(name))!;
    expect(row('GET /api/health', 'gateway')).toMatch(
      /^gateway\s+GET \/api\/health\s+\+0\.00 ms\s+20\.0 ms {2}█+$/,
    );
    expect(row('  home-activities/health.check', 'gateway')).toBeDefined();
    expect(row('    notifications/health.check ✗', 'notifications')).toMatch(
      /\+4\.00 ms\s+10\.0 ms\s+ +█+$/,
    );
    expect(text).toContain('notifications down');
    // The request waited on notifications (2-17 ms), not on home-activities (2-10 ms).
    expect(text).toMatch(/Critical path \(3 spans\)\n.*gateway GET \/api\/health/);
    expect(text).toMatch(/10\.0 ms +50% +notifications notifications\/health\.check/);
    expect(text).not.toMatch(/Critical path[^]*home-activities home-activities\/health/);
    expect(text).toMatch(/Log lines \(1\)\n.*notifications +- +Hello CloudWatch!/);
    expect(text).not.toContain('\x1b[');
    expect(renderWaterfall(buildTraceView(store, traceId)!, { color: true })).toContain('\x1b[31m');
  });

  it('shows the message of each log line, whatever fields the line starts with', () => {
    const store = new TelemetryStore();
    const traceId = traceIdOf(2);
    store.ingestSpans(healthTrace(traceId));
    // The services' JSON lines put timestamp, level, service, context and ids before the message:
    // cut at the terminal's width, the raw line ended before the message began.
    const message = JSON.stringify({
      timestamp: '2026-12-02T14:00:00.123Z',
      level: 'error',
      service: 'home-activities',
      context: 'HomeActivitiesController',
      trace_id: traceId,
      span_id: 'a000000000000003',
      xray_trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
      user_id: 'andrewbrown',
      message: 'the database said no',
      stack: 'Error: the database said no\n    at query (db.ts:10:5)',
    });
    store.ingestLogEvents([
      {
        logGroupName: 'cruddur',
        logStreamName: 'home-activities/x',
        timestamp: 1,
        message,
        traceId,
      },
    ]);
    const text = renderWaterfall(buildTraceView(store, traceId)!, { width: 80 });
    expect(text).toMatch(/14:00:00\.123 home-activities ERROR the database said no\n/);
    expect(text).toMatch(/\n +at query \(db\.ts:10:5\)\n/);
  });
});
