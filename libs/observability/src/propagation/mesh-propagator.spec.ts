import {
  ROOT_CONTEXT,
  TraceFlags,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
} from '@opentelemetry/api';
import { MeshPropagator } from './mesh-propagator';

const TRACE_ID = '5759e988bd862e3fe1be46a994272793';
const SPAN_ID = '53995c3f42cd8ad8';
const XRAY_TRACE_ID = '5759e9880000000000000000000000aa';
const XRAY_PARENT = '00000000000000bb';

describe('MeshPropagator', () => {
  const propagator = new MeshPropagator();

  function extract(headers: Record<string, string>) {
    return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  }

  function sampledCaller() {
    const caller = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });
    const baggage = propagation.createBaggage({ 'app.user_id': { value: 'andrewbrown' } });
    return propagation.setBaggage(caller, baggage);
  }

  it('writes traceparent and baggage, and no X-Ray header, for a hop between our services', () => {
    const headers: Record<string, string> = {};
    propagator.inject(sampledCaller(), headers, defaultTextMapSetter);
    expect(headers).toEqual({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      baggage: 'app.user_id=andrewbrown',
    });
  });

  it('reads back what it wrote: the same ids, the sampled flag and the baggage', () => {
    const headers: Record<string, string> = {};
    propagator.inject(sampledCaller(), headers, defaultTextMapSetter);
    const extracted = extract(headers);
    expect(trace.getSpanContext(extracted)).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(propagation.getBaggage(extracted)?.getEntry('app.user_id')?.value).toBe('andrewbrown');
  });

  it('prefers traceparent when an older peer sends both headers', () => {
    const extracted = extract({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-00`,
      'x-amzn-trace-id': `Root=1-5759e988-0000000000000000000000aa;Parent=${XRAY_PARENT};Sampled=1`,
    });
    expect(trace.getSpanContext(extracted)).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.NONE,
    });
  });

  it.each([
    ['no traceparent', {}],
    ['a malformed traceparent', { traceparent: '00-xyz-abc-01' }],
  ])('continues an X-Ray-only peer when there is %s', (_case, w3c) => {
    const extracted = extract({
      ...w3c,
      'x-amzn-trace-id': `Root=1-5759e988-0000000000000000000000aa;Parent=${XRAY_PARENT};Sampled=1`,
      baggage: 'app.user_id=worf',
    });
    expect(trace.getSpanContext(extracted)).toMatchObject({
      traceId: XRAY_TRACE_ID,
      spanId: XRAY_PARENT,
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(propagation.getBaggage(extracted)?.getEntry('app.user_id')?.value).toBe('worf');
  });

  it('yields the base context itself when neither header is valid', () => {
    const extracted = extract({
      traceparent: 'garbage',
      'x-amzn-trace-id': 'Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8',
    });
    expect(extracted).toBe(ROOT_CONTEXT);
  });

  it('names every header it reads, for carriers that fetch only those', () => {
    expect(propagator.fields()).toEqual(
      expect.arrayContaining(['traceparent', 'tracestate', 'baggage', 'x-amzn-trace-id']),
    );
  });
});
