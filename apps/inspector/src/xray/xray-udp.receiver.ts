import { createSocket } from 'node:dgram';
import { reasonOf } from '../otlp/otlp-http.receiver';
import { ReasonCounter } from '../store/reason-counter';
import type { Socket } from 'node:dgram';
import type { XraySegmentDocument } from '../store/telemetry-records';
import type { TelemetryStore } from '../store/telemetry-store';
import { XRayDecodeError, decodeXRayDatagram } from '@cruddur/telemetry-wire';

/** What the X-Ray receiver took and dropped since it started. */
export interface XrayReceiverStats {
  segments: number;
  /** Datagrams dropped, by reason. */
  dropped: number;
  lastDropReason?: string;
}

/**
 * The X-Ray daemon's UDP port: each datagram is one segment document, stored under its trace id.
 * A datagram that is not one is dropped and counted (UDP has no answer to send), never fatal.
 */
export class XrayUdpReceiver {
  readonly stats: XrayReceiverStats = { segments: 0, dropped: 0 };
  /** Why datagrams were dropped, for accounting. */
  readonly droppedReasons = new ReasonCounter();
  private readonly socket: Socket;

  constructor(private readonly store: TelemetryStore) {
    this.socket = createSocket('udp4');
    this.socket.on('message', (datagram) => this.receive(datagram));
    // A socket error after binding (rare for UDP) must not take the inspector down.
    this.socket.on('error', (error) =>
      process.stderr.write(`[inspector] X-Ray UDP socket: ${error.message}\n`),
    );
  }

  /** Binds; resolves with the bound port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind(port, host, () => {
        this.socket.off('error', reject);
        resolve(this.socket.address().port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve(); // never bound, or closed already
      }
    });
  }

  private receive(datagram: Buffer): void {
    try {
      const document = decodeXRayDatagram(datagram);
      const stored = this.store.ingestXraySegments([document as XraySegmentDocument]);
      if (stored === 0)
        throw new XRayDecodeError(`trace_id ${String(document.trace_id)} is not an X-Ray trace id`);
      this.stats.segments += stored;
    } catch (error) {
      this.stats.dropped++;
      this.stats.lastDropReason =
        error instanceof XRayDecodeError
          ? error.message
          : `unexpected: ${(error as Error).message}`;
      this.droppedReasons.add(reasonOf(new Error(this.stats.lastDropReason)));
    }
  }
}
