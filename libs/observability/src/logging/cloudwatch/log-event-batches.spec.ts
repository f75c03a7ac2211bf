import { PutLogEventsLimits, logEventSize } from '@cruddur/telemetry-wire';
import { CORRELATION_FIELDS, LogField } from '../logging.constants';
import { chronological, fitLogEvent, nextBatchLength } from './log-event-batches';
import type { QueuedLogEvent } from './log-event-batches';

const event = (message: string, timestamp = 1_000): QueuedLogEvent => ({
  message,
  timestamp,
  size: logEventSize(message),
});

describe('nextBatchLength', () => {
  it('stops at 10,000 events however small they are', () => {
    const events = Array.from({ length: 25_000 }, () => event('x'));
    expect(nextBatchLength(events)).toBe(10_000);
  });

  it('counts 26 bytes per event on top of the UTF-8 message against 1,048,576', () => {
    // 1022 × (1000 + 26) = 1,048,572 fits; a 1023rd event would not.
    const events = Array.from({ length: 2000 }, () => event('x'.repeat(1000)));
    expect(nextBatchLength(events)).toBe(1022);
    // Without the 26 bytes it would be 1048; 'é' is two bytes in UTF-8.
    const accents = Array.from({ length: 2000 }, () => event('é'.repeat(500)));
    expect(nextBatchLength(accents)).toBe(1022);
    const large = Array.from({ length: 2000 }, () => event('x'.repeat(1001)));
    expect(nextBatchLength(large)).toBe(1021);
  });

  it('keeps the first and last event of a batch within 24 hours, in any arrival order', () => {
    const day = PutLogEventsLimits.MAX_BATCH_SPAN_MS;
    expect(nextBatchLength([event('a', 0), event('b', day), event('c', day + 1)])).toBe(2);
    expect(nextBatchLength([event('a', day), event('b', 0), event('c', day + 1)])).toBe(2);
  });

  it('always takes at least one event', () => {
    expect(nextBatchLength([event('x'.repeat(PutLogEventsLimits.MAX_BATCH_BYTES - 26))])).toBe(1);
    expect(nextBatchLength([])).toBe(0);
  });
});

describe('chronological', () => {
  it('sorts by timestamp and keeps arrival order for equal times', () => {
    const sorted = chronological([event('c', 3), event('a1', 1), event('b', 2), event('a2', 1)]);
    expect(sorted.map((e) => e.message)).toEqual(['a1', 'a2', 'b', 'c']);
  });
});

describe('fitLogEvent', () => {
  const limit = 262_144;

  it('leaves an event that fits alone', () => {
    const fitted = fitLogEvent('{"message":"hi"}', 5, limit);
    expect(fitted).toEqual({ message: '{"message":"hi"}', timestamp: 5, size: 42 });
  });

  it('shortens the long fields of a JSON line, keeping it valid JSON with its trace id', () => {
    const line = JSON.stringify({
      timestamp: '2026-01-01T00:00:00.000Z',
      level: 'error',
      service: 'gateway',
      message: 'm'.repeat(400_000),
      trace_id: 'a'.repeat(32),
      stack: 's'.repeat(300_000),
    });
    const fitted = fitLogEvent(line, 1, limit);
    expect(fitted.size).toBeLessThanOrEqual(limit);
    expect(fitted.size).toBe(logEventSize(fitted.message));
    const parsed = JSON.parse(fitted.message) as Record<string, unknown>;
    expect(parsed).toMatchObject({ level: 'error', service: 'gateway', trace_id: 'a'.repeat(32) });
    expect(String(parsed.message)).toMatch(/…\[truncated \d+ bytes\]$/);
    expect(parsed.truncated_bytes).toBeGreaterThan(400_000);
  });

  it('keeps correlation fields when the bulk is not in string fields', () => {
    const line = JSON.stringify({
      level: 'info',
      trace_id: 'b'.repeat(32),
      items: Array.from({ length: 100_000 }, (_, i) => i),
    });
    const fitted = fitLogEvent(line, 1, 65_536);
    expect(fitted.size).toBeLessThanOrEqual(65_536);
    const parsed = JSON.parse(fitted.message) as Record<string, unknown>;
    expect(parsed.trace_id).toBe('b'.repeat(32));
    expect(String(parsed.message)).toContain('…[truncated');
  });

  it('keeps every correlation field, the X-Ray trace id among them, however the line is cut', () => {
    const correlation = {
      [LogField.Timestamp]: '2026-01-01T00:00:00.000Z',
      [LogField.Level]: 'error',
      [LogField.Service]: 'gateway',
      [LogField.Context]: 'Exceptions',
      [LogField.TraceId]: '4bf92f3577b34da6a3ce929d0e0e4736',
      [LogField.SpanId]: '00f067aa0ba902b7',
      [LogField.XRayTraceId]: '1-4bf92f35-77b34da6a3ce929d0e0e4736',
      [LogField.UserId]: 'andrewbrown',
    };
    expect(Object.keys(correlation).sort()).toEqual([...CORRELATION_FIELDS].sort());
    const bulkInNumbers = { ...correlation, items: Array.from({ length: 100_000 }, (_, i) => i) };
    const bulkInStrings = { ...correlation, message: 'm'.repeat(400_000) };
    for (const line of [bulkInNumbers, bulkInStrings]) {
      const fitted = fitLogEvent(JSON.stringify(line), 1, 65_536);
      expect(fitted.size).toBeLessThanOrEqual(65_536);
      const parsed = JSON.parse(fitted.message) as Record<string, unknown>;
      expect(parsed).toMatchObject(correlation);
      expect(parsed[LogField.TruncatedBytes]).toBeGreaterThan(0);
    }
  });

  it('cuts text that is not JSON at a character boundary, with the marker', () => {
    const fitted = fitLogEvent('€'.repeat(200_000), 1, 65_536);
    expect(fitted.size).toBeLessThanOrEqual(65_536);
    expect(fitted.message).toMatch(/^€+…\[truncated \d+ bytes\]$/);
    expect(fitted.message).not.toContain('\uFFFD');
  });
});
