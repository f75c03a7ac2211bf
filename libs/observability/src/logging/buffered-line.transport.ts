import TransportStream from 'winston-transport';
import type { Logform } from 'winston';
import { MESSAGE } from './log-line.formats';

/** What the transport writes to: a stream with a file descriptor (stdout on a pipe or file). */
export type LineSink = Pick<NodeJS.WritableStream, 'write'>;

/** Lines kept at most before they are written without waiting for the end of the tick. */
const MAX_BUFFERED_BYTES = 64 * 1024;

/**
 * Writes log lines to stdout once per event-loop turn instead of once per line. On Linux a pipe
 * or file stdout is written synchronously - one blocking write(2) per line, on the request's
 * time, and the benchmark's CPU profiles showed that write as the largest single cost of a
 * service's request. Lines logged in the same turn (all the requests handled in it) now go out
 * in one write, in order. Whatever is still buffered is written synchronously when the process
 * exits (normally, by `process.exit`, or after an uncaught exception); only a SIGKILL can lose
 * the last turn's lines.
 */
export class BufferedLineTransport extends TransportStream {
  private buffer: string[] = [];
  private bytes = 0;
  private scheduled = false;
  private readonly flushOnExit = () => this.flushNow();

  constructor(
    private readonly sink: LineSink,
    options: { format?: Logform.Format; level?: string } = {},
  ) {
    super(options);
    process.once('exit', this.flushOnExit);
  }

  override log(info: Logform.TransformableInfo, next: () => void): void {
    const line = (info as Record<symbol, unknown>)[MESSAGE];
    if (typeof line === 'string') {
      this.buffer.push(line, '\n');
      this.bytes += line.length + 1;
      if (this.bytes >= MAX_BUFFERED_BYTES) this.flushNow();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flushNow());
      }
    }
    next();
  }

  /** Writes what is buffered, now. */
  flushNow(): void {
    this.scheduled = false;
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.bytes = 0;
    this.sink.write(text);
  }

  override close(): void {
    this.flushNow();
    process.removeListener('exit', this.flushOnExit);
  }
}

/** Whether writing to `stream` is a system call per write: stdout on a pipe or a file, not a TTY. */
export function isFileDescriptorStream(stream: unknown): boolean {
  const candidate = stream as { fd?: unknown; isTTY?: unknown };
  return typeof candidate.fd === 'number' && candidate.isTTY !== true;
}
