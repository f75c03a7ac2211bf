// Nest exports no public name for this error; the exports map allows this path, and it is the only
// way to tell a malformed frame from a real failure.
import { InvalidTcpDataReceptionException } from '@nestjs/microservices/errors/invalid-tcp-data-reception.exception';
import { ServerTCP } from '@nestjs/microservices';
import type { BaseRpcContext, ReadPacket, TcpOptions, WritePacket } from '@nestjs/microservices';
import { context, createContextKey, trace } from '@opentelemetry/api';
import type { Subscription, Observable } from 'rxjs';
import { extractFromPacket } from '../propagation/packet-carrier';
import { HandlerRouteCache } from './handler-route-cache';
import { tracerProviderRegistered } from '../tracing/tracer-provider-registered';
import { TransportAttributes } from '../tracing/tracing.constants';
import { SpanCompletion, startTransportSpan } from './transport-spans';

/** ServerTCP options plus this service's name. */
export type TracingTcpServerOptions = NonNullable<TcpOptions['options']> & {
  /** This service's name: `rpc.service` and the span name. */
  serviceName: string;
};

/** Marks the context of a handled message, so the reply can find the span it ends. */
const HANDLED_MESSAGE = createContextKey('cruddur.handled-message');

type SocketLike = { netSocket?: { remoteAddress?: string } };

/** Unknown event patterns that get a warning each; the rest are dropped without one. */
const MAX_REPORTED_UNKNOWN_EVENTS = 10;

/**
 * Nest's TCP server, traced: each message it handles is a SERVER span (a CONSUMER span for events)
 * whose parent is the context the caller put in the packet's `metadata` (what `TcpContext#getMetadata`
 * returns; the previous release's `headers` field is read too, for a mesh in a rolling upgrade),
 * active while the handler runs, and ended when the last reply packet is written. The span starts
 * here rather than in Nest's processing hooks so that a message with no handler still gets one.
 * Pass an instance as `strategy` to `NestFactory.createMicroservice`.
 */
export class TracingServerTcp extends ServerTCP {
  private readonly serviceName: string;
  private readonly unknownEventPatterns = new Set<string>();
  private readonly routes = new HandlerRouteCache(this.messageHandlers);

  constructor(options: TracingTcpServerOptions) {
    super(options);
    this.serviceName = options.serviceName;
  }

  override async handleMessage(socket: unknown, rawMessage: unknown): Promise<unknown> {
    // Telemetry off: no span to keep, no context to carry (tracerProviderRegistered says why).
    if (!tracerProviderRegistered()) return super.handleMessage(socket as never, rawMessage);
    const message = (typeof rawMessage === 'object' && rawMessage !== null ? rawMessage : {}) as {
      pattern?: unknown;
      id?: unknown;
    };
    const pattern = this.getPatternAsString(message.pattern as string);
    const isEvent = message.id === undefined;
    const parent = extractFromPacket(rawMessage);
    const span = startTransportSpan(
      {
        role: isEvent ? 'event-in' : 'request-in',
        pattern,
        service: this.serviceName,
        attributes: {
          [TransportAttributes.ClientAddress]:
            (socket as SocketLike).netSocket?.remoteAddress ?? '',
        },
      },
      parent,
    );
    const completion = new SpanCompletion(span);
    // The map lookup is the fast path; Nest's own lookup also normalises object patterns.
    if (!this.messageHandlers.has(pattern) && !this.getHandlerByPattern(pattern)) {
      completion.fail(`no handler for message pattern ${pattern}`);
    }
    const handled = trace.setSpan(parent, span).setValue(HANDLED_MESSAGE, completion);
    return context.with(handled, async () => {
      try {
        const result = await super.handleMessage(socket as never, rawMessage);
        if (isEvent) completion.succeed();
        return result;
      } catch (error) {
        completion.fail(error);
        throw error;
      }
    });
  }

  /** Nest's route of a pattern string, remembered (HandlerRouteCache says why). */
  protected override getRouteFromPattern(pattern: string): string {
    return this.routes.route(pattern, (p) => super.getRouteFromPattern(p));
  }

  /**
   * A peer sending bytes that are not a Nest frame gets its connection closed by Nest; say so in one
   * line. Nest's default logs a stack trace each time, which lets any peer flood the log.
   */
  protected override handleError(error: unknown): void {
    if (error instanceof InvalidTcpDataReceptionException) {
      this.logger.warn(`closed a connection that sent a malformed frame: ${error.message}`);
      return;
    }
    super.handleError(error as string);
  }

  /**
   * An event nobody handles is the sender's mistake (or a probe), not this service's failure:
   * Nest logs each one at ERROR, which lets any peer fill the log. One WARN per pattern instead,
   * for the first few patterns; after that they are dropped silently.
   */
  override async handleEvent(
    pattern: string,
    packet: ReadPacket,
    context: BaseRpcContext,
  ): Promise<unknown> {
    if (this.getHandlerByPattern(pattern)) return super.handleEvent(pattern, packet, context);
    if (this.unknownEventPatterns.size < MAX_REPORTED_UNKNOWN_EVENTS) {
      if (!this.unknownEventPatterns.has(pattern)) {
        this.unknownEventPatterns.add(pattern);
        this.logger.warn(`dropped an event with no handler: ${pattern.slice(0, 100)}`);
      }
    }
    return undefined;
  }

  /** Nest writes every reply of a request through here; the last one (isDisposed) ends the span. */
  override send(
    stream$: Observable<unknown>,
    respond: (data: WritePacket) => Promise<unknown> | void,
  ): Subscription {
    const completion = context.active().getValue(HANDLED_MESSAGE) as SpanCompletion | undefined;
    if (!completion) return super.send(stream$, respond);
    return super.send(stream$, (packet: WritePacket) => {
      if (packet.err !== undefined) completion.fail(packet.err);
      else if (packet.isDisposed) completion.succeed();
      return respond(packet);
    });
  }
}
