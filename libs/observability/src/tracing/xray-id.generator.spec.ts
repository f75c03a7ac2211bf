import { isValidSpanId, isValidTraceId } from '@opentelemetry/api';
import { XRayIdGenerator } from './xray-id.generator';

describe('XRayIdGenerator', () => {
  it('starts each trace id with the epoch seconds in 8 hex digits, as X-Ray requires', () => {
    const generator = new XRayIdGenerator(() => 0x4bf92f35);
    const traceId = generator.generateTraceId();
    expect(traceId).toMatch(/^4bf92f35[0-9a-f]{24}$/);
    expect(isValidTraceId(traceId)).toBe(true);
  });

  it('uses the real clock by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const seconds = parseInt(new XRayIdGenerator().generateTraceId().slice(0, 8), 16);
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(before + 1);
  });

  it('gives different random parts and valid span ids', () => {
    const generator = new XRayIdGenerator();
    const ids = new Set(Array.from({ length: 1000 }, () => generator.generateTraceId().slice(8)));
    expect(ids.size).toBe(1000);
    expect(isValidSpanId(generator.generateSpanId())).toBe(true);
  });
});
