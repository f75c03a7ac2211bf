import { XRayDaemonReceiver } from '@cruddur/testing';
import type { XRayEntityDocument } from '@cruddur/telemetry-wire';
import { XRayDaemonEmitter } from './xray-daemon.emitter';

const segment = (id: string, extra: Partial<XRayEntityDocument> = {}): XRayEntityDocument => ({
  trace_id: '1-5759e988-bd862e3fe1be46a994272793',
  id,
  name: 'svc',
  start_time: 1,
  end_time: 2,
  ...extra,
});

describe('XRayDaemonEmitter', () => {
  let daemon: XRayDaemonReceiver;
  const warnings: string[] = [];
  const log = { warn: (message: string) => warnings.push(message) };

  beforeEach(async () => {
    daemon = await XRayDaemonReceiver.start();
    warnings.length = 0;
  });
  afterEach(() => daemon.close());

  it('sends each document as one datagram the daemon decodes, and flushes on close', async () => {
    const emitter = new XRayDaemonEmitter({ host: '127.0.0.1', port: daemon.port }, log);
    emitter.send(segment('1111111111111111'));
    emitter.send(segment('2222222222222222'));
    await emitter.close();
    await daemon.waitForEntities((all) => all.length === 2);
    expect(daemon.documents.map((d) => d.id)).toEqual(['1111111111111111', '2222222222222222']);
    emitter.send(segment('3333333333333333')); // after close: dropped, never throws
    expect(warnings).toEqual([]);
  });

  it('trims a document over 64 kB, marks it, and says so once', async () => {
    const emitter = new XRayDaemonEmitter({ host: '127.0.0.1', port: daemon.port }, log);
    const huge = { metadata: { default: { dump: 'x'.repeat(100_000) } } };
    emitter.send(segment('1111111111111111', huge));
    emitter.send(segment('2222222222222222', huge));
    await emitter.close();
    await daemon.waitForEntities((all) => all.length === 2);
    expect(Math.max(...daemon.datagramSizes)).toBeLessThanOrEqual(64_000);
    expect(daemon.documents[0].metadata?.default.dump).toMatchObject({
      trimmed: true,
      originalBytes: 100_002,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /exceeded the daemon's 64 kB limit; trimmed svc: metadata.default.dump/,
    );
  });

  it('never throws and warns once while the daemon address does not resolve', async () => {
    const emitter = new XRayDaemonEmitter({ host: 'no-such-daemon.invalid', port: 2000 }, log);
    const started = Date.now();
    for (let i = 0; i < 20; i++) emitter.send(segment('1111111111111111'));
    expect(Date.now() - started).toBeLessThan(200);
    await emitter.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /not reaching the daemon at no-such-daemon.invalid:2000 \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });
});
