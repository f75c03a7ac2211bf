import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import {
  MAX_XRAY_DATAGRAM_BYTES,
  XRAY_DATAGRAM_HEADER,
  encodeXRayDatagram,
} from '@cruddur/telemetry-wire';
import type { XRayEntityDocument } from '@cruddur/telemetry-wire';
import { describeError } from '../operations/describe-error';
import { OutageReporter } from '../operations/outage-reporter';
import { PendingWork } from '../operations/pending-work';
import type { DaemonAddress } from './daemon-address';
import { fitSegmentDocument } from './segment-document-trimmer';

/** Where the emitter reports problems; never once per segment. */
export interface EmitterLog {
  warn(message: string): void;
}

const DOCUMENT_BUDGET = MAX_XRAY_DATAGRAM_BYTES - Buffer.byteLength(`${XRAY_DATAGRAM_HEADER}\n`);

/**
 * Sends segment documents to the X-Ray daemon as UDP datagrams, from one socket of its own (the
 * SDK's emitter is a process-wide singleton that can be neither flushed nor closed). Documents over
 * the daemon's 64 kB limit are trimmed first, and the trimming is logged. Sending never throws and
 * never waits: a daemon that is missing, unresolvable or refusing costs a request nothing, and is
 * reported once per outage.
 */
export class XRayDaemonEmitter {
  private socket?: Socket;
  private readonly pending = new PendingWork();
  private readonly outage: OutageReporter;
  private closed = false;
  private trimReported = false;

  constructor(
    readonly address: DaemonAddress,
    private readonly log: EmitterLog,
  ) {
    const target = `${address.host}:${address.port}`;
    this.outage = new OutageReporter({
      down: ({ reason }) =>
        log.warn(
          `X-Ray segments are not reaching the daemon at ${target} (${reason}); will say when they do again`,
        ),
      up: () => log.warn(`X-Ray segments reach the daemon at ${target} again`),
    });
  }

  /** Queues one document; returns at once. */
  send(document: XRayEntityDocument): void {
    if (this.closed) return;
    const fitted = fitSegmentDocument(document, DOCUMENT_BUDGET);
    if (!fitted) {
      this.log.warn(
        `dropped segment ${document.id} of trace ${document.trace_id}: it exceeds the daemon's 64 kB limit even without metadata and subsegments`,
      );
      return;
    }
    if (fitted.trimmed.length > 0 && !this.trimReported) {
      // Once per process: a handler that writes huge metadata would otherwise log on every request.
      this.trimReported = true;
      this.log.warn(
        `segment ${document.id} of trace ${document.trace_id} exceeded the daemon's 64 kB limit; trimmed ${fitted.trimmed.join(', ')} (marked "trimmed" in the document; further trims are not logged)`,
      );
    }
    const datagram = encodeXRayDatagram(fitted.json);
    const settle = this.pending.begin();
    const sent = (error: Error | null | undefined) => {
      settle();
      this.report(error ?? undefined);
    };
    try {
      this.openSocket().send(datagram, this.address.port, this.address.host, sent);
    } catch (error) {
      sent(error as Error);
    }
  }

  /** Resolves true once every queued datagram has left, or false when `timeoutMs` passed. */
  flush(timeoutMs = 2000): Promise<boolean> {
    return this.pending.flush(timeoutMs);
  }

  /** Flushes and closes the socket; later documents are dropped. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private openSocket(): Socket {
    if (!this.socket) {
      const socket = createSocket('udp4');
      // An unreachable daemon surfaces here too; without a listener it would crash the process.
      socket.on('error', (error) => this.report(error));
      socket.unref();
      this.socket = socket;
    }
    return this.socket;
  }

  private report(error: Error | undefined): void {
    if (error) this.outage.failed(describeError(error, 'code'));
    else this.outage.succeeded();
  }
}
