import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { XRayDecodeError, decodeXRayDatagram, flattenXRayDocument } from '@cruddur/telemetry-wire';
import type { XRayEntity, XRayEntityDocument } from '@cruddur/telemetry-wire';
import { waitFor } from '../processes/wait-for';

/**
 * A stand-in for the X-Ray daemon on 127.0.0.1 for tests: a real UDP socket that decodes every
 * datagram the SDK sends with the telemetry-wire decoder and keeps the documents (and the raw size,
 * to check the 64 kB limit). Datagrams that do not decode are counted in `rejected`.
 */
export class XRayDaemonReceiver {
  readonly documents: XRayEntityDocument[] = [];
  readonly datagramSizes: number[] = [];
  readonly rejected: string[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('message', (message) => {
      this.datagramSizes.push(message.length);
      try {
        this.documents.push(decodeXRayDatagram(message));
      } catch (error) {
        if (!(error instanceof XRayDecodeError)) throw error;
        this.rejected.push(error.message);
      }
    });
  }

  static async start(port = 0): Promise<XRayDaemonReceiver> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, '127.0.0.1', () => resolve());
    });
    return new XRayDaemonReceiver(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** `127.0.0.1:<port>`, for AWS_XRAY_DAEMON_ADDRESS. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Every segment and subsegment received, nested ones included. */
  get entities(): XRayEntity[] {
    return this.documents.flatMap(flattenXRayDocument);
  }

  /** The entities of one trace (`1-xxxxxxxx-…`). */
  entitiesOfTrace(traceId: string): XRayEntity[] {
    return this.entities.filter((entity) => entity.traceId === traceId);
  }

  /** The top-level segments (not subsegments) received. */
  get segments(): XRayEntityDocument[] {
    return this.documents.filter((document) => document.type !== 'subsegment');
  }

  /** Resolves with the entities once `predicate` holds for them. */
  waitForEntities(
    predicate: (entities: XRayEntity[]) => boolean,
    timeoutMs = 15_000,
  ): Promise<XRayEntity[]> {
    return waitFor(() => (predicate(this.entities) ? this.entities : undefined), {
      timeoutMs,
      what: 'segments at the X-Ray daemon receiver',
    });
  }

  /** Forgets what was received. */
  clear(): void {
    this.documents.length = 0;
    this.datagramSizes.length = 0;
    this.rejected.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
