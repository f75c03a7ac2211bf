import { healthTrace } from '../../test/span-fixtures';
import { TelemetryStore } from '../store/telemetry-store';
import { findTraceId } from './find-trace';

describe('finding a trace by a pasted id', () => {
  const traceId = '5759e988bd862e3fe1be46a994272793';
  const store = new TelemetryStore();
  store.ingestSpans(healthTrace(traceId));
  store.ingestSpans(healthTrace('5759e988bd862e3fe1be46a994270000'));

  it.each([
    ['a W3C trace id', traceId],
    ['upper case with spaces', ` ${traceId.toUpperCase()} `],
    ['an X-Ray id', '1-5759e988-bd862e3fe1be46a994272793'],
    ['a traceresponse header value', `00-${traceId}-00f067aa0ba902b7-01`],
    ['the traceresponse header as copied', `traceresponse: 00-${traceId}-00f067aa0ba902b7-01`],
    [
      'an X-Amzn-Trace-Id value',
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    ],
    ['the end the trace list shows', '…94272793'],
  ])('takes %s', (_what, text) => {
    expect(findTraceId(store, text)).toBe(traceId);
  });

  it('says why it cannot', () => {
    expect(() => findTraceId(store, 'hello')).toThrow(/is not a trace id/);
    expect(() => findTraceId(store, 'a'.repeat(32))).toThrow(/is not here/);
    expect(() => findTraceId(store, '5759e988')).toThrow(/no stored trace ends in/);
    expect(() => findTraceId(store, 'e1be46a9942')).toThrow(/no stored trace ends/);
  });
});
