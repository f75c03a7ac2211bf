import type { OnApplicationShutdown } from '@nestjs/common';
import { isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { otelTraceIdToXRay } from '@cruddur/telemetry-wire';
import type { XRayEntityDocument } from '@cruddur/telemetry-wire';
import type { Segment, Subsegment } from 'aws-xray-sdk-core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppBaggage } from '../tracing/tracing.constants';
import type { XRayLocalSampler, SamplingRequest } from './local-sampler';
import { wildcardPattern } from './wildcard-pattern';
import { XRayAnnotations } from './xray.constants';
import type { XRayOptions } from './xray.options';
import { getXRayUpstream } from './xray-context';
import type { XRayEntity, XRaySubsegmentFactory } from './xray-context';
import type { XRayDaemonEmitter } from './xray-daemon.emitter';
import type { XRaySdk } from './xray-sdk';

/** The working parts of an enabled recorder. */
export interface XRayRecorderParts {
  sdk: XRaySdk;
  emitter: XRayDaemonEmitter;
  sampler: XRayLocalSampler;
}

type HttpSegment = Segment & {
  http?: { request: Record<string, unknown>; close(response: ServerResponse): void };
};

/**
 * Records this service's X-Ray segments with aws-xray-sdk-core's Segment and Subsegment, and sends
 * them through its own emitter. Each segment mirrors the OpenTelemetry span it stands for: the same
 * trace id (in X-Ray form), the same id, the same parent - so one id finds a request in both
 * backends, and the subsegment a caller records for a call (see XRayRemoteSubsegmentSpanProcessor)
 * is the parent of the callee's segment.
 *
 * Disabled (AWS_XRAY_SDK_ENABLED=false) it begins nothing and every caller records nothing.
 */
export class XRayRecorder implements XRaySubsegmentFactory, OnApplicationShutdown {
  constructor(
    readonly options: XRayOptions,
    private readonly parts?: XRayRecorderParts,
  ) {}

  get enabled(): boolean {
    return this.parts !== undefined;
  }

  /** The segment of an incoming HTTP request (method, URL, client IP, user agent), sampled by the rules. */
  beginHttpSegment(ctx: Context, request: IncomingMessage): Segment | undefined {
    if (!this.parts) return undefined;
    const host = request.headers.host;
    const name = this.segmentNameFor(host);
    // Express mounts middleware, so `url` is relative to the mount point; `originalUrl` is not.
    const path = ((request as { originalUrl?: string }).originalUrl ?? request.url ?? '/').split(
      '?',
    )[0];
    const segment = this.beginSegment(ctx, name, {
      serviceName: name,
      host,
      httpMethod: request.method,
      urlPath: path,
    }) as HttpSegment;
    segment.addIncomingRequestData(new this.parts.sdk.middleware.IncomingRequestData(request));
    // The query string may carry tokens; X-Ray gets the URL without it.
    if (segment.http && typeof segment.http.request.url === 'string') {
      const origin = /^https?:\/\/[^/]*/.exec(segment.http.request.url)?.[0] ?? '';
      segment.http.request.url = `${origin}${path}`;
    }
    return segment;
  }

  /** Closes an HTTP segment with the response's status: 4xx error, 429 throttle, 5xx fault. */
  endHttpSegment(segment: Segment, response: ServerResponse): void {
    const status = response.statusCode;
    if (status === 429) segment.addThrottleFlag();
    if (status >= 500) segment.addFaultFlag();
    else if (status >= 400) segment.addErrorFlag();
    (segment as HttpSegment).http?.close(response);
    segment.close();
  }

  /** The segment of one handled microservice message (request or event). */
  beginMessageSegment(ctx: Context, pattern: string): Segment | undefined {
    if (!this.parts) return undefined;
    const name = this.options.segmentName;
    const segment = this.beginSegment(ctx, name, { serviceName: name, urlPath: pattern });
    segment.addAnnotation(XRayAnnotations.MessagePattern, pattern);
    return segment;
  }

  /** Closes a message segment; an error marks it a fault and is recorded as its cause. */
  endMessageSegment(segment: Segment, error?: unknown): void {
    if (error === undefined) {
      segment.close();
      return;
    }
    segment.close(error instanceof Error ? error : String(errorMessage(error)));
  }

  beginSubsegment(
    parent: XRayEntity,
    name: string,
    options: { id?: string; namespace?: string } = {},
  ): Subsegment {
    const subsegment = parent.addNewSubsegment(name);
    if (options.id) subsegment.id = options.id;
    if (options.namespace) subsegment.namespace = options.namespace;
    // Streamed subsegments (more than the SDK's threshold open at once) go out on their own.
    subsegment.flush = () => this.emit(subsegment);
    return subsegment;
  }

  /** Waits for every sent segment to leave the socket. */
  async flush(): Promise<void> {
    await this.parts?.emitter.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.parts?.emitter.close();
  }

  private beginSegment(ctx: Context, name: string, sampling: SamplingRequest): Segment {
    const parts = this.parts!;
    const span = trace.getSpan(ctx);
    const spanContext = span?.spanContext();
    const upstream = getXRayUpstream(ctx);
    let segment: Segment;
    let upstreamSampled: boolean | undefined;
    if (spanContext && isSpanContextValid(spanContext)) {
      const sameTrace = upstream?.traceId === spanContext.traceId;
      const parent = (span as Partial<ReadableSpan>).parentSpanContext;
      const parentId = parent?.isRemote
        ? parent.spanId
        : sameTrace
          ? upstream?.parentId
          : undefined;
      segment = new parts.sdk.Segment(name, otelTraceIdToXRay(spanContext.traceId), parentId);
      segment.id = spanContext.spanId;
      upstreamSampled = sameTrace ? upstream?.sampled : undefined;
    } else {
      // OpenTelemetry is off: X-Ray still continues a caller's header, or starts its own trace.
      segment = new parts.sdk.Segment(
        name,
        upstream ? otelTraceIdToXRay(upstream.traceId) : undefined,
        upstream?.parentId,
      );
      upstreamSampled = upstream?.sampled;
    }
    if (upstreamSampled === undefined) {
      const decision = parts.sampler.shouldSample(sampling);
      if (decision.sampled) segment.setMatchedSamplingRule(decision.ruleName);
      else segment.notTraced = true;
    } else if (!upstreamSampled) {
      segment.notTraced = true;
    }
    const user = propagation.getBaggage(ctx)?.getEntry(AppBaggage.UserId)?.value;
    if (user) segment.setUser(user);
    segment.flush = () => this.emit(segment);
    return segment;
  }

  private segmentNameFor(host: string | undefined): string {
    const pattern = this.options.dynamicNaming;
    if (pattern && host && wildcardPattern(pattern).test(host)) return host;
    return this.options.segmentName;
  }

  /** Sends a closed segment (with its finished subsegments) or a streamed subsegment. */
  private emit(entity: XRayEntity): void {
    const segment = 'segment' in entity && entity.segment ? entity.segment : entity;
    if (segment.notTraced === true || entity.notTraced === true) return;
    const document = JSON.parse(entity.format()) as XRayEntityDocument;
    stripInternalFields(document);
    this.parts?.emitter.send(document);
  }
}

/** The SDK serialises its bookkeeping (`notTraced`, `counter`); X-Ray has no such fields. */
function stripInternalFields(document: XRayEntityDocument): void {
  delete document.notTraced;
  delete document.counter;
  document.subsegments?.forEach(stripInternalFields);
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}
