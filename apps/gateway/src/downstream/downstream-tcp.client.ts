import { TracingClientTcp } from '@cruddur/observability';
import type { TracingTcpClientOptions } from '@cruddur/observability';

/** The traced TCP client, plus where its connection errors go. */
export type DownstreamTcpClientOptions = TracingTcpClientOptions & {
  /** Every socket error (EPIPE, ECONNRESET, ...); Nest's client would log each as an ERROR. */
  onSocketError: (error: unknown) => void;
};

/**
 * The gateway's TCP client for one downstream. Nest's ClientTCP logs every socket error of its
 * connection at ERROR - hundreds of "write EPIPE" lines when a service dies under load - while
 * the calls it breaks fail anyway ("Connection closed") and are what the outage report counts.
 * Here the errors go to `onSocketError` instead.
 */
export class DownstreamTcpClient extends TracingClientTcp {
  private readonly onSocketError: (error: unknown) => void;

  constructor(options: DownstreamTcpClientOptions) {
    const { onSocketError, ...clientOptions } = options;
    super(clientOptions);
    this.onSocketError = onSocketError;
  }

  override handleError(error: unknown): void {
    this.onSocketError(error);
  }
}
