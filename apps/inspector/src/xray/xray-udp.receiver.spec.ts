import { createSocket } from 'node:dgram';
import * as AWSXRay from 'aws-xray-sdk-core';
import { waitFor } from '@cruddur/testing';
import { toXRayTraceId } from '@cruddur/telemetry-wire';
import type { Inspector } from '../inspector';
import { startTestInspector } from '../../test/start-test-inspector';

function sendDatagram(port: number, payload: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.send(payload, port, '127.0.0.1', (error) => {
      socket.close();
      if (error) reject(error);
      else resolve();
    });
  });
}

describe('the X-Ray UDP receiver', () => {
  let inspector: Inspector;

  beforeEach(async () => {
    inspector = await startTestInspector();
    AWSXRay.setDaemonAddress(`127.0.0.1:${inspector.ports.xray}`);
  });

  afterEach(() => inspector.close());

  it("stores the segments aws-xray-sdk-core's emitter sends, under the OpenTelemetry trace id", async () => {
    const traceId = '6650c4a1b6e5a0f1e2d3c4b5a6978877';
    const segment = new AWSXRay.Segment('notifications', toXRayTraceId(traceId));
    segment.addAnnotation('user', 'andrewbrown');
    segment.addMetadata('authorization', 'Bearer do-not-show');
    const subsegment = segment.addNewSubsegment('notifications-mock-data');
    subsegment.addAnnotation('result_length', 1);
    subsegment.close();
    segment.addError(new Error('mock data failed'));
    segment.close();

    const [stored] = await waitFor(() => {
      const segments = inspector.store.xraySegmentsOf(traceId);
      return segments.length > 0 && segments;
    });
    expect(stored.traceId).toBe(traceId);
    expect(stored.document).toMatchObject({
      trace_id: toXRayTraceId(traceId),
      id: segment.id,
      name: 'notifications',
      fault: true,
      annotations: { user: 'andrewbrown' },
      subsegments: [expect.objectContaining({ name: 'notifications-mock-data' })],
    });
    expect(JSON.stringify(stored.document)).not.toContain('do-not-show');

    const page = (await (await fetch(`${inspector.uiUrl}/api/traces/${traceId}`)).json()) as {
      xraySegments: Array<{ document: { name: string } }>;
    };
    expect(page.xraySegments.map((record) => record.document.name)).toEqual(['notifications']);
  });

  it('drops and counts garbage datagrams, and keeps receiving good ones', async () => {
    const garbage = [
      Buffer.from([0xff, 0x00, 0x13, 0x37]),
      '{"format":"json","version":1}',
      '{"format":"xml","version":1}\n{}',
      'not json\n{}',
      '{"format":"json","version":1}\n[1,2,3]',
      '{"format":"json","version":1}\n{"trace_id":"1-zzz","id":"0123456789abcdef","name":"x","start_time":1}',
      '{"format":"json","version":1}\n{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"x","start_time":1}',
      '{"format":"json","version":1}\n{"trace_id": ',
    ];
    for (const datagram of garbage) await sendDatagram(inspector.ports.xray, datagram);
    const segment = new AWSXRay.Segment('gateway', '1-5759e988-bd862e3fe1be46a994272793');
    segment.close();

    // UDP has no answer: wait until every datagram was counted one way or the other.
    const stats = await waitFor(async () => {
      const current = (await (await fetch(`${inspector.uiUrl}/api/stats`)).json()) as {
        xray: { dropped: number; segments: number; lastDropReason: string };
      };
      return current.xray.dropped + current.xray.segments === garbage.length + 1 && current;
    });
    expect(inspector.store.xraySegmentsOf('5759e988bd862e3fe1be46a994272793')).toHaveLength(1);
    expect(stats.xray).toMatchObject({ dropped: garbage.length, segments: 1 });
    expect(stats.xray.lastDropReason).toMatch(/not JSON/);
  });
});
