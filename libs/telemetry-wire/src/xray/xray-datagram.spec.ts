import {
  XRAY_DATAGRAM_HEADER,
  XRayDecodeError,
  decodeXRayDatagram,
  encodeXRayDatagram,
} from './xray-datagram';
import {
  flattenXRayDocument,
  otelTraceIdToXRay,
  toXRayTraceId,
  xrayTraceIdToOtel,
} from './xray-segment-document';

const segment = {
  trace_id: '1-5759e988-bd862e3fe1be46a994272793',
  id: '70de5b6f19ff9a0a',
  name: 'gateway',
  start_time: 1700000000.1,
  end_time: 1700000000.2,
  subsegments: [
    {
      id: '1111111111111111',
      name: 'home-activities',
      namespace: 'remote',
      start_time: 1700000000.11,
      end_time: 1700000000.19,
      subsegments: [
        { id: '2222222222222222', name: 'inner', start_time: 1700000000.12, end_time: 1.1 },
      ],
    },
  ],
};

describe('X-Ray daemon datagrams', () => {
  it('round-trips a segment as header, newline, document', () => {
    const datagram = encodeXRayDatagram(segment);
    expect(datagram.toString('utf8').split('\n')[0]).toBe(XRAY_DATAGRAM_HEADER);
    expect(decodeXRayDatagram(datagram)).toEqual(segment);
  });

  it('decodes an in-progress independent subsegment', () => {
    const subsegment = {
      type: 'subsegment',
      trace_id: segment.trace_id,
      parent_id: segment.id,
      id: '3333333333333333',
      name: 'streamed',
      start_time: 1,
      in_progress: true,
    };
    expect(decodeXRayDatagram(`${XRAY_DATAGRAM_HEADER}\n${JSON.stringify(subsegment)}`)).toEqual(
      subsegment,
    );
  });

  it.each([
    ['no newline', XRAY_DATAGRAM_HEADER],
    ['a header that is not JSON', `{format\n{}`],
    ['another format', `{"format":"xml","version":1}\n{}`],
    ['another version', `{"format":"json","version":2}\n{}`],
    ['a document that is not JSON', `${XRAY_DATAGRAM_HEADER}\n{"id":`],
    ['an array', `${XRAY_DATAGRAM_HEADER}\n[]`],
    ['a short id', `${XRAY_DATAGRAM_HEADER}\n${JSON.stringify({ ...segment, id: 'abc' })}`],
    ['no name', `${XRAY_DATAGRAM_HEADER}\n${JSON.stringify({ ...segment, name: '' })}`],
    ['no trace id', `${XRAY_DATAGRAM_HEADER}\n${JSON.stringify({ ...segment, trace_id: 1 })}`],
    [
      'neither end_time nor in_progress',
      `${XRAY_DATAGRAM_HEADER}\n${JSON.stringify({ ...segment, end_time: undefined })}`,
    ],
    [
      'a broken nested subsegment',
      `${XRAY_DATAGRAM_HEADER}\n${JSON.stringify({ ...segment, subsegments: [{ id: 'x' }] })}`,
    ],
    [
      'an independent subsegment without parent',
      `${XRAY_DATAGRAM_HEADER}\n${JSON.stringify({ ...segment, type: 'subsegment' })}`,
    ],
  ])('rejects %s', (_why, datagram) => {
    expect(() => decodeXRayDatagram(datagram)).toThrow(XRayDecodeError);
  });

  it('flattens a document into entities with their parents', () => {
    const entities = flattenXRayDocument(decodeXRayDatagram(encodeXRayDatagram(segment)));
    expect(
      entities.map((e) => [e.document.name, e.parentId, e.traceId, e.isSegment, e.segmentId]),
    ).toEqual([
      ['gateway', undefined, segment.trace_id, true, segment.id],
      ['home-activities', segment.id, segment.trace_id, false, segment.id],
      ['inner', '1111111111111111', segment.trace_id, false, segment.id],
    ]);
  });

  it('converts trace ids between X-Ray and OpenTelemetry form', () => {
    expect(xrayTraceIdToOtel('1-5759e988-bd862e3fe1be46a994272793')).toBe(
      '5759e988bd862e3fe1be46a994272793',
    );
    expect(otelTraceIdToXRay('5759e988bd862e3fe1be46a994272793')).toBe(
      '1-5759e988-bd862e3fe1be46a994272793',
    );
    expect(xrayTraceIdToOtel('1-5759E988-bd862e3fe1be46a994272793')).toBeUndefined();
    expect(xrayTraceIdToOtel('2-5759e988-bd862e3fe1be46a994272793')).toBeUndefined();
    expect(otelTraceIdToXRay('5759e988')).toBeUndefined();
  });

  it('writes any 32-digit trace id in X-Ray form, as a span context may carry it', () => {
    expect(toXRayTraceId('5759E988BD862E3FE1BE46A994272793')).toBe(
      '1-5759E988-BD862E3FE1BE46A994272793',
    );
    expect(toXRayTraceId('0af7651916cd43dd8448eb211c80319c')).toBe(
      '1-0af76519-16cd43dd8448eb211c80319c',
    );
  });
});
