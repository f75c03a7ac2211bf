import { createContextKey } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { Segment, Subsegment } from 'aws-xray-sdk-core';

/** A segment or subsegment. */
export type XRayEntity = Segment | Subsegment;

/** Opens subsegments that are flushed with the segment they belong to. */
export interface XRaySubsegmentFactory {
  beginSubsegment(
    parent: XRayEntity,
    name: string,
    options?: { id?: string; namespace?: string },
  ): Subsegment;
}

/** The X-Ray entity work is being recorded into, and the recorder it came from. */
export interface XRayScope {
  entity: XRayEntity;
  recorder: XRaySubsegmentFactory;
}

/** What a caller's `X-Amzn-Trace-Id` said: its trace, its segment or subsegment, its decision. */
export interface XRayUpstream {
  /** The trace id in OpenTelemetry form (32 hex digits). */
  traceId: string;
  parentId: string;
  sampled: boolean;
}

// X-Ray's state lives in the OpenTelemetry context, so it follows the request through async code
// exactly as spans do - no second context mechanism (the SDK's cls-hooked) is needed.
const XRAY_SCOPE = createContextKey('cruddur.xray.scope');
const XRAY_UPSTREAM = createContextKey('cruddur.xray.upstream');

export function getXRayScope(ctx: Context): XRayScope | undefined {
  return ctx.getValue(XRAY_SCOPE) as XRayScope | undefined;
}

export function setXRayScope(ctx: Context, scope: XRayScope): Context {
  return ctx.setValue(XRAY_SCOPE, scope);
}

export function getXRayUpstream(ctx: Context): XRayUpstream | undefined {
  return ctx.getValue(XRAY_UPSTREAM) as XRayUpstream | undefined;
}

export function setXRayUpstream(ctx: Context, upstream: XRayUpstream): Context {
  return ctx.setValue(XRAY_UPSTREAM, upstream);
}

/**
 * The X-Ray sampling decision in force in `ctx`: the recording entity's, else the caller's, else
 * none (the propagator then writes OpenTelemetry's own sampled flag).
 */
export function xraySamplingDecision(ctx: Context): boolean | undefined {
  const scope = getXRayScope(ctx);
  if (scope) return !isNotTraced(scope.entity);
  return getXRayUpstream(ctx)?.sampled;
}

function isNotTraced(entity: XRayEntity): boolean {
  return entity.notTraced === true || (entity as Subsegment).segment?.notTraced === true;
}
