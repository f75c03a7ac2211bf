import { ClientTCP } from '@nestjs/microservices';
import type { TcpClientOptions } from '@nestjs/microservices';
import type { Observable } from 'rxjs';
import { injectIntoPacket } from '../propagation/packet-carrier';
import { TransportAttributes } from '../tracing/tracing.constants';
import { sentAtOnce, tracedClientCall } from './traced-client-call';
import type { TransportRole } from './transport-spans';

/** ClientTCP options plus the name of the service at the other end. */
export type TracingTcpClientOptions = NonNullable<TcpClientOptions['options']> & {
  /** The service this client talks to: `rpc.service` and the span name. */
  serviceName: string;
};

/**
 * Nest's TCP client, traced: each `send` is a CLIENT span and each `emit` a PRODUCER span, from the
 * call until the reply (or error, or the caller giving up), and the packet carries the span's
 * context in Nest's own packet `metadata` (written by the dispatch hook) so the receiving service
 * continues the trace. Use it as `customClass` in `ClientsModule.register`.
 */
export class TracingClientTcp extends ClientTCP {
  private readonly serviceName: string;
  private readonly address: { host: string; port: number };

  constructor(options: TracingTcpClientOptions) {
    super(options);
    this.serviceName = options.serviceName;
    this.address = { host: options.host ?? 'localhost', port: options.port ?? 3000 };
    // Nest calls the hook for every outgoing packet, inside the async context of the call, so
    // the active context there is the CLIENT/PRODUCER span started in traced().
    this.setOnDispatchHook((packet) => injectIntoPacket(packet));
  }

  override send<TResult = unknown, TInput = unknown>(
    pattern: unknown,
    data: TInput,
  ): Observable<TResult> {
    return this.traced('request-out', pattern, () => super.send<TResult, TInput>(pattern, data));
  }

  /** Hot, like Nest's own `emit`: the event goes out whether or not anyone subscribes. */
  override emit<TResult = unknown, TInput = unknown>(
    pattern: unknown,
    data: TInput,
  ): Observable<TResult> {
    return sentAtOnce(
      this.traced('event-out', pattern, () => super.emit<TResult, TInput>(pattern, data)),
    );
  }

  private traced<T>(
    role: TransportRole,
    pattern: unknown,
    call: () => Observable<T>,
  ): Observable<T> {
    return tracedClientCall(
      () => ({
        role,
        pattern: this.normalizePattern(pattern as string),
        service: this.serviceName,
        attributes: {
          [TransportAttributes.ServerAddress]: this.address.host,
          [TransportAttributes.ServerPort]: this.address.port,
        },
      }),
      call,
    );
  }
}
