import { ServerNats } from '@nestjs/microservices';
import type { NatsOptions, WritePacket } from '@nestjs/microservices';
import { context, trace } from '@opentelemetry/api';
import { Empty, headers as natsHeaders } from '@nats-io/transport-node';
import type {
  Msg,
  NatsConnection,
  Subscription as NatsSubscription,
} from '@nats-io/transport-node';
import { TransportAttributes } from '../tracing/tracing.constants';
import { PROGRESS_HEADER, PROGRESS_INTERVAL_HEADER } from './nats-errors';
import { HandlerRouteCache } from './handler-route-cache';
import { extractFromNatsHeaders, withReadableHeaders } from './nats-header-carrier';
import { NATS_SYSTEM, NatsAttributes } from './nats-span-attributes';
import { requestSubject } from './nats-subjects';
import { SpanCompletion, startTransportSpan } from './transport-spans';

/** ServerNats options plus this service's name. */
export type TracingNatsServerOptions = NonNullable<NatsOptions['options']> & {
  /** This service's name: `rpc.service`, the span name and, unless `queue` is set, the queue group. */
  serviceName: string;
};

/** Progress intervals a request may ask for; anything else is ignored. */
const MIN_PROGRESS_MS = 10;
const MAX_PROGRESS_MS = 60_000;

/** One request being handled: its span, and the progress messages that stop with it. */
class HandledRequest {
  private progress: NodeJS.Timeout | undefined;

  constructor(readonly completion: SpanCompletion) {}

  /** Sends a progress message to `message.reply` every `intervalMs` until `finish`. */
  keepAlive(message: Msg, intervalMs: number): void {
    const progress = natsHeaders();
    progress.set(PROGRESS_HEADER, '1');
    this.progress = setInterval(() => {
      try {
        message.respond(Empty, { headers: progress });
      } catch {
        // Disconnected: the caller notices the silence, which is the point.
      }
    }, intervalMs);
    this.progress.unref();
  }

  succeed(): void {
    this.stop();
    this.completion.succeed();
  }

  fail(error: unknown): void {
    this.stop();
    this.completion.fail(error);
  }

  private stop(): void {
    if (this.progress) clearInterval(this.progress);
    this.progress = undefined;
  }
}

/**
 * Nest's NATS server, traced and made for replicas: every pattern is subscribed in a queue group
 * named after the service, so each request reaches exactly one of its replicas and each event is
 * consumed once per service. Requests are subscribed on `<service>.<pattern>` (see requestSubject),
 * events on their pattern. Each message handled is a SERVER span (CONSUMER for events) whose
 * parent is the context in the message's NATS headers, active while the handler runs and ended
 * with the last reply. A header block that does not parse is ignored, never a failed request.
 * Pass an instance as `strategy` to `NestFactory.createMicroservice`.
 */
export class TracingServerNats extends ServerNats {
  private readonly serviceName: string;
  private readonly queueGroup: string;
  private readonly natsSubscriptions: NatsSubscription[] = [];
  private readonly routes = new HandlerRouteCache(this.messageHandlers);
  /** Requests being handled, by the message Nest hands to getPublisher. */
  private readonly handling = new WeakMap<Msg, HandledRequest>();

  constructor(options: TracingNatsServerOptions) {
    const { serviceName, ...natsOptions } = options;
    const queue = natsOptions.queue ?? serviceName;
    super({ ...natsOptions, queue });
    this.serviceName = serviceName;
    this.queueGroup = queue;
  }

  /**
   * Ready (Nest's listen resolves, "listening on" is logged) once the broker has the
   * subscriptions: a flush round-trips after them, so a request sent right then finds a responder
   * instead of "no responders".
   */
  override start(callback: (error?: unknown) => void): void {
    const connection = this.unwrap<NatsConnection>();
    this.bindEvents(connection);
    connection.flush().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Nest's own subscribes each pattern as is; requests get the service's subject here. */
  override bindEvents(client: NatsConnection): void {
    for (const [pattern, handler] of this.messageHandlers) {
      const subject = handler.isEventHandler ? pattern : requestSubject(this.serviceName, pattern);
      const queue = (handler.extras?.queue as string | undefined) ?? this.queueGroup;
      const callback = this.getMessageHandler(pattern) as (error: Error | null, msg: Msg) => void;
      this.natsSubscriptions.push(
        client.subscribe(subject, { queue, callback: callback.bind(this) }),
      );
    }
  }

  /** Nest's route of a pattern string, remembered (HandlerRouteCache says why). */
  protected override getRouteFromPattern(pattern: string): string {
    return this.routes.route(pattern, (p) => super.getRouteFromPattern(p));
  }

  /** Stops taking messages first, so the grace period only finishes what this replica holds. */
  override async close(): Promise<void> {
    for (const subscription of this.natsSubscriptions.splice(0)) subscription.unsubscribe();
    await super.close();
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    // Nest reads `headers` for its NatsContext: a block that does not parse must not throw there.
    const { message, headers } = withReadableHeaders(natsMsg);
    const isRequest = !!natsMsg.reply;
    const span = startTransportSpan(
      {
        role: isRequest ? 'request-in' : 'event-in',
        pattern: channel,
        service: this.serviceName,
        system: NATS_SYSTEM,
        attributes: {
          [TransportAttributes.MessagingSystem]: NATS_SYSTEM,
          [TransportAttributes.MessagingDestination]: natsMsg.subject,
          [TransportAttributes.MessagingOperationType]: 'process',
          [NatsAttributes.ConsumerGroup]: this.queueGroup,
        },
      },
      extractFromNatsHeaders(headers),
    );
    const handled = new HandledRequest(new SpanCompletion(span));
    const handlerRef = this.messageHandlers.get(channel);
    if (!handlerRef && !this.getHandlerByPattern(channel)) {
      handled.fail(`no handler for message pattern ${channel}`);
    }
    const interval = Number(headers?.get(PROGRESS_INTERVAL_HEADER));
    if (isRequest && interval >= MIN_PROGRESS_MS && interval <= MAX_PROGRESS_MS) {
      handled.keepAlive(natsMsg, interval);
    }
    if (isRequest) this.handling.set(message, handled);
    return context.with(trace.setSpan(context.active(), span), async () => {
      try {
        const result = await super.handleMessage(channel, message);
        // Events end here; so does a request Nest handled as an event (a payload without an id).
        if (!isRequest || handlerRef?.isEventHandler) handled.succeed();
        return result;
      } catch (error) {
        handled.fail(error);
        throw error;
      }
    });
  }

  /**
   * Nest publishes every reply of a request through the function this returns; the last one
   * (isDisposed) ends the span and the progress messages. The request is found by its message,
   * not through the active context: with telemetry off there is no context manager, and a lookup
   * by context found nothing, so every request answered over NATS left its progress timer running
   * (in the benchmark's telemetry-off run, tens of thousands of progress messages a second).
   */
  override getPublisher(
    natsMsg: Msg,
    id: string,
    ctx: Parameters<ServerNats['getPublisher']>[2],
  ): (response: WritePacket) => unknown {
    const publish = super.getPublisher(natsMsg, id, ctx);
    const handled = this.handling.get(natsMsg);
    if (!handled) return publish;
    this.handling.delete(natsMsg);
    return (packet: WritePacket) => {
      if (packet.err !== undefined) handled.fail(packet.err);
      else if (packet.isDisposed) handled.succeed();
      return publish(packet);
    };
  }
}
