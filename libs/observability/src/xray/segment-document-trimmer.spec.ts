import type { XRayEntityDocument } from '@cruddur/telemetry-wire';
import { fitSegmentDocument } from './segment-document-trimmer';

const base: XRayEntityDocument = {
  trace_id: '1-5759e988-bd862e3fe1be46a994272793',
  id: '70de5b6f19ff9a0a',
  name: 'notifications',
  start_time: 1,
  end_time: 2,
};

describe('fitSegmentDocument', () => {
  it('leaves a document that fits alone', () => {
    expect(fitSegmentDocument(base, 64_000)).toEqual({ json: JSON.stringify(base), trimmed: [] });
  });

  it('trims the largest metadata first and marks what it trimmed', () => {
    const document: XRayEntityDocument = {
      ...base,
      metadata: { default: { small: 'ok', huge: 'x'.repeat(80_000) } },
      subsegments: [
        {
          id: '1111111111111111',
          name: 'notifications_activities',
          start_time: 1,
          end_time: 2,
          metadata: { default: { rows: Array.from({ length: 3000 }, (_, i) => ({ i })) } },
        },
      ],
    };
    const fitted = fitSegmentDocument(document, 64_000)!;
    expect(Buffer.byteLength(fitted.json)).toBeLessThanOrEqual(64_000);
    expect(fitted.trimmed).toEqual(['notifications: metadata.default.huge']);
    const parsed = JSON.parse(fitted.json) as XRayEntityDocument;
    expect(parsed.metadata?.default).toEqual({
      small: 'ok',
      huge: { trimmed: true, originalBytes: 80_002, preview: `"${'x'.repeat(255)}` },
    });
    expect(parsed.subsegments?.[0].metadata?.default.rows).toHaveLength(3000);
    expect(document.metadata?.default.huge).toHaveLength(80_000); // the input is not modified
  });

  it('drops trailing subsegments, counting them, when metadata is not enough', () => {
    const document: XRayEntityDocument = {
      ...base,
      subsegments: Array.from({ length: 2000 }, (_, i) => ({
        id: i.toString(16).padStart(16, '0'),
        name: `query-${i}`,
        start_time: 1,
        end_time: 2,
      })),
    };
    const fitted = fitSegmentDocument(document, 64_000)!;
    const parsed = JSON.parse(fitted.json) as XRayEntityDocument;
    const dropped = parsed.metadata?.xray.dropped_subsegments as number;
    expect(parsed.subsegments!.length + dropped).toBe(2000);
    expect(fitted.trimmed).toEqual([`notifications: ${dropped} subsegments`]);
    expect(Buffer.byteLength(fitted.json)).toBeLessThanOrEqual(64_000);
  });

  it('gives up only when the bare segment is too big', () => {
    expect(fitSegmentDocument({ ...base, name: 'n'.repeat(70_000) }, 64_000)).toBeUndefined();
  });
});
