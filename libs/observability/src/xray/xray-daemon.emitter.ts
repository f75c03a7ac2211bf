import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import {
  MAX_XRAY_DATAGRAM_BYTES,
  XRAY_DATAGRAM_HEADER,
  encodeXRayDatagram,
} from '@cruddur/telemetry-wire';
import type { XRayEntityDocument } from '@cruddur/telemetry-wire';
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
  private pending = 0;
  private idle: Array<() => void> = [];
  private failing = false;
  private closed = false;
  private trimReported = false;

  constructor(
    readonly address: DaemonAddress,
    private readonly log: EmitterLog,
  ) {}

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
    this.pending++;
    try {
      this.openSocket().send(datagram, this.address.port, this.address.host, (error) =>
        this.sent(error),
      );
    } catch (error) {
      this.sent(error as Error);
    }
  }

  /** Resolves once every queued datagram has left (or `timeoutMs` passed). */
  flush(timeoutMs = 2000): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
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

  private sent(error: Error | null | undefined): void {
    this.pending--;
    this.report(error ?? undefined);
    if (this.pending === 0) {
      const waiting = this.idle;
      this.idle = [];
      waiting.forEach((resolve) => resolve());
    }
  }

  private report(error: Error | undefined): void {
    const target = `${this.address.host}:${this.address.port}`;
    if (error && !this.failing) {
      this.failing = true;
      const code = (error as NodeJS.ErrnoException).code ?? error.message;
      this.log.warn(
        `X-Ray segments are not reaching the daemon at ${target} (${code}); will say when they do again`,
      );
    } else if (!error && this.failing) {
      this.failing = false;
      this.log.warn(`X-Ray segments reach the daemon at ${target} again`);
    }
  }
}
