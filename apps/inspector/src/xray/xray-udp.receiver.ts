import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import type { TelemetryStore } from '../store/telemetry-store';
import { XrayDatagramError, parseXrayDatagram } from './xray-datagram';

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
      const document = parseXrayDatagram(datagram);
      this.stats.segments += this.store.ingestXraySegments([document]);
    } catch (error) {
      this.stats.dropped++;
      this.stats.lastDropReason =
        error instanceof XrayDatagramError
          ? error.message
          : `unexpected: ${(error as Error).message}`;
    }
  }
}
