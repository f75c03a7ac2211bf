import { ClientNats } from '@nestjs/microservices';
import type { NatsOptions, ReadPacket, WritePacket } from '@nestjs/microservices';
import { createInbox, headers as natsHeaders } from '@nats-io/transport-node';
import type { Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Observable } from 'rxjs';
import { TransportAttributes } from '../tracing/tracing.constants';
import {
  NatsDisconnectedError,
  NatsNoRespondersError,
  NatsResponderVanishedError,
  PROGRESS_HEADER,
  PROGRESS_INTERVAL_HEADER,
} from './nats-errors';
import { injectIntoNatsHeaders, withReadableHeaders } from './nats-header-carrier';
import { NATS_SYSTEM } from './nats-span-attributes';
import { requestSubject } from './nats-subjects';
import { sentAtOnce, tracedClientCall } from './traced-client-call';
import type { TransportRole } from './transport-spans';

/** ClientNats options plus the name of the service at the other end. */
export type TracingNatsClientOptions = NonNullable<NatsOptions['options']> & {
  /** The service this client talks to: `rpc.service` and the span name. */
  serviceName: string;
  /**
   * How long the replica that took a request may stay silent (no reply, no progress message)
   * before the request fails with NatsResponderVanishedError, which the caller may retry.
   * @default 1000
   */
  responderSilenceMs?: number;
};

/** What one request in flight waits for. */
interface PendingRequest {
  onMessage(message: Msg): void;
  fail(error: Error): void;
}

/**
 * Nest's NATS client, traced and made for replicas behind a queue group. Each `send` is a CLIENT
 * span and each `emit` a PRODUCER span, and the message's NATS headers carry the span's context.
 * A request ends, instead of hanging until the caller's deadline, as soon as it is known that
 * nobody will answer: no responders in the queue group (the broker says so), the replica that took
 * it went silent (it died), or the connection to the broker dropped. While disconnected it fails
 * at once - nothing is buffered - and reconnects by itself in the background.
 *
 * Requests go to `<service>.<pattern>` (see requestSubject), events to their pattern. Replies
 * arrive on one subscription per connection (`<inbox>.*`), not one per request.
 */
export class TracingClientNats extends ClientNats {
  private readonly serviceName: string;
  private readonly silenceMs: number;
  private readonly pending = new Map<string, PendingRequest>();
  private connection: Promise<NatsConnection> | undefined;
  private connected = false;
  private closing = false;
  private replies: { subscription: Subscription; prefix: string } | undefined;
  private nextToken = 0;

  constructor(options: TracingNatsClientOptions) {
    const { serviceName, responderSilenceMs, ...natsOptions } = options;
    super(natsOptions);
    this.serviceName = serviceName;
    this.silenceMs = responderSilenceMs ?? 1000;
  }

  /** Whether a request sent now can reach the broker. */
  get isConnected(): boolean {
    return this.connected;
  }

  /**
   * Resolves with the connection when connected; otherwise starts connecting in the background
   * (once) and rejects at once with NatsDisconnectedError, so a request while the broker is away
   * fails fast instead of queueing.
   */
  override connect(): Promise<NatsConnection> {
    if (this.connected && this.natsClient) {
      return Promise.resolve(this.natsClient as unknown as NatsConnection);
    }
    this.startConnecting();
    return Promise.reject(new NatsDisconnectedError());
  }

  /**
   * Starts connecting and waits up to `waitMs` for it; true when connected. Never rejects: a broker
   * that is not there yet is waited for in the background.
   */
  async connectWithin(waitMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref();
    });
    await Promise.race([
      this.startConnecting().then(
        () => undefined,
        () => undefined,
      ),
      gaveUp,
    ]);
    clearTimeout(timer);
    return this.connected;
  }

  override async close(): Promise<void> {
    this.closing = true;
    this.failPending(new NatsDisconnectedError());
    this.connected = false;
    const connection = this.natsClient as unknown as NatsConnection | null;
    this.natsClient = null;
    this.replies = undefined;
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
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

  /** Runs inside the CLIENT span's context, which is what the headers carry. */
  protected override publish(
    partialPacket: ReadPacket,
    callback: (packet: WritePacket) => void,
  ): () => void {
    try {
      const connection = this.natsClient as unknown as NatsConnection;
      const replies = this.replySubscription(connection);
      const packet = this.assignPacketId(partialPacket);
      const subject = requestSubject(
        this.serviceName,
        this.normalizePattern(partialPacket.pattern),
      );
      const serialized = this.serializer.serialize(packet) as {
        data: Uint8Array;
        headers?: MsgHdrs;
      };
      const headers = injectIntoNatsHeaders(this.mergeHeaders(serialized.headers) ?? natsHeaders());
      headers.set(PROGRESS_INTERVAL_HEADER, String(Math.max(10, Math.floor(this.silenceMs / 3))));
      const token = String(this.nextToken++);
      const handle = this.createSubscriptionHandler(packet, callback);
      let silence: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(silence);
        this.pending.delete(token);
      };
      const fail = (error: Error) => {
        done();
        callback({ err: error, isDisposed: true });
      };
      const listen = () => {
        clearTimeout(silence);
        silence = setTimeout(
          () => fail(new NatsResponderVanishedError(subject, this.silenceMs)),
          this.silenceMs,
        );
      };
      this.pending.set(token, {
        fail,
        onMessage: (message) => {
          const replyHeaders = withReadableHeaders(message).headers;
          if (replyHeaders?.has(PROGRESS_HEADER)) return listen();
          if (replyHeaders?.code === 503 && message.data.length === 0) {
            return fail(new NatsNoRespondersError(subject));
          }
          listen(); // a streamed reply may have more parts
          void handle(null, message);
        },
      });
      connection.publish(subject, serialized.data, { reply: `${replies.prefix}${token}`, headers });
      listen();
      return done;
    } catch (error) {
      callback({ err: error });
      return () => undefined;
    }
  }

  protected override dispatchEvent(packet: ReadPacket): Promise<unknown> {
    try {
      const connection = this.natsClient as unknown as NatsConnection;
      const serialized = this.serializer.serialize(packet) as {
        data: Uint8Array;
        headers?: MsgHdrs;
      };
      const headers = injectIntoNatsHeaders(this.mergeHeaders(serialized.headers) ?? natsHeaders());
      connection.publish(this.normalizePattern(packet.pattern), serialized.data, { headers });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Connects once (nats.js retries for as long as the settings say) and watches the connection. */
  private startConnecting(): Promise<NatsConnection> {
    if (this.closing) return Promise.reject(new NatsDisconnectedError());
    this.connection ??= (this.createClient() as Promise<NatsConnection>).then(
      (connection) => {
        if (this.closing) {
          void connection.close();
          throw new NatsDisconnectedError();
        }
        this.natsClient = connection as never;
        this.connected = true;
        this.logger.log(`${this.serviceName}: connected to NATS at ${connection.getServer()}`);
        void this.watch(connection);
        return connection;
      },
      (error: unknown) => {
        this.connection = undefined;
        this.logger.error(
          `${this.serviceName}: cannot connect to NATS: ${(error as Error).message ?? String(error)}`,
        );
        throw error;
      },
    );
    this.connection.catch(() => undefined);
    return this.connection;
  }

  /** Follows the connection's status: requests in flight fail when it drops, new ones wait for it. */
  private async watch(connection: NatsConnection): Promise<void> {
    void connection.closed().then(() => {
      if (this.natsClient !== (connection as never)) return;
      this.connected = false;
      this.natsClient = null;
      this.connection = undefined;
      this.replies = undefined;
      this.failPending(new NatsDisconnectedError());
    });
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.failPending(new NatsDisconnectedError());
        this.logger.warn(
          `${this.serviceName}: lost the connection to NATS (${status.server}); reconnecting`,
        );
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.logger.log(`${this.serviceName}: reconnected to NATS at ${status.server}`);
      }
    }
  }

  /** The one subscription every reply arrives on, created with the connection. */
  private replySubscription(connection: NatsConnection): { prefix: string } {
    if (!this.replies) {
      const prefix = `${createInbox(this.options.inboxPrefix)}.`;
      const subscription = connection.subscribe(`${prefix}*`, {
        callback: (error, message) => {
          if (error) return;
          this.pending.get(message.subject.slice(prefix.length))?.onMessage(message);
        },
      });
      this.replies = { subscription, prefix };
    }
    return this.replies;
  }

  private failPending(error: Error): void {
    for (const request of [...this.pending.values()]) request.fail(error);
  }

  private traced<T>(role: TransportRole, pattern: unknown, call: () => Observable<T>) {
    return tracedClientCall(() => {
      const normalized = this.normalizePattern(pattern as string);
      const subject =
        role === 'request-out' ? requestSubject(this.serviceName, normalized) : normalized;
      const server = this.connected
        ? (this.natsClient as unknown as NatsConnection).getServer()
        : '';
      const [host, port] = server.split(':');
      return {
        role,
        pattern: normalized,
        service: this.serviceName,
        system: NATS_SYSTEM,
        attributes: {
          [TransportAttributes.MessagingSystem]: NATS_SYSTEM,
          [TransportAttributes.MessagingDestination]: subject,
          [TransportAttributes.MessagingOperationType]: 'send',
          ...(host ? { [TransportAttributes.ServerAddress]: host } : {}),
          ...(port ? { [TransportAttributes.ServerPort]: Number(port) } : {}),
        },
      };
    }, call);
  }
}
