import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/** One Nest TCP frame: `<length>#<json>`, the length counted in UTF-16 code units as Nest does. */
export function encodeNestFrame(message: unknown): string {
  const json = JSON.stringify(message);
  return `${json.length}#${json}`;
}

/**
 * Splits a stream of Nest TCP frames into parsed messages. Written from the framing itself (not
 * Nest's JsonSocket), so a test reads what is on the wire rather than what Nest makes of it.
 */
export class NestFrameDecoder {
  private buffer = '';

  /** Feeds received text; returns the messages it completed. */
  push(chunk: string): unknown[] {
    this.buffer += chunk;
    const messages: unknown[] = [];
    for (;;) {
      const hash = this.buffer.indexOf('#');
      if (hash < 0) return messages;
      const length = Number(this.buffer.slice(0, hash));
      const start = hash + 1;
      if (this.buffer.length < start + length) return messages;
      messages.push(JSON.parse(this.buffer.slice(start, start + length)));
      this.buffer = this.buffer.slice(start + length);
    }
  }
}

/** A request frame as a Nest client writes it. */
export interface NestRequestFrame {
  pattern: unknown;
  data?: unknown;
  id?: string;
  metadata?: unknown;
  headers?: unknown;
}

/**
 * A fake Nest TCP microservice on 127.0.0.1 that records every frame it receives and answers each
 * request with `reply(frame)`, so a test can see exactly what a real client put on the wire.
 */
export class NestTcpRecorder {
  private constructor(
    private readonly server: Server,
    private readonly sockets: Set<Socket>,
    /** Every frame received, in order. */
    readonly frames: NestRequestFrame[],
    readonly port: number,
  ) {}

  static async start(reply: (frame: NestRequestFrame) => unknown): Promise<NestTcpRecorder> {
    const frames: NestRequestFrame[] = [];
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      socket.setEncoding('utf8');
      const decoder = new NestFrameDecoder();
      socket.on('data', (chunk: string) => {
        for (const message of decoder.push(chunk)) {
          const frame = message as NestRequestFrame;
          frames.push(frame);
          if (frame.id !== undefined) {
            socket.write(
              encodeNestFrame({ id: frame.id, response: reply(frame), isDisposed: true }),
            );
          }
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new NestTcpRecorder(server, sockets, frames, port);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Sends frames to a Nest TCP server over one raw connection and collects the reply frames until
 * `expectedReplies` arrived (or `timeoutMs` passed).
 */
export async function exchangeNestFrames(
  port: number,
  frames: string[],
  expectedReplies: number,
  timeoutMs = 5000,
): Promise<unknown[]> {
  const replies: unknown[] = [];
  const decoder = new NestFrameDecoder();
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      for (const frame of frames) socket.write(frame);
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve();
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      replies.push(...decoder.push(chunk));
      if (replies.length >= expectedReplies) {
        clearTimeout(timer);
        socket.end();
        resolve();
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return replies;
}
