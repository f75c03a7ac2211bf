/**
 * A segment or subsegment document as the X-Ray daemon receives it (the fields this project writes
 * and reads; X-Ray defines more). See the X-Ray segment document schema.
 */
export interface XRayEntityDocument {
  /** 16 hex digits. */
  id: string;
  name: string;
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  /** `1-<8 hex epoch seconds>-<24 hex>`; on segments and independent subsegments. */
  trace_id?: string;
  parent_id?: string;
  /** `subsegment` on an independently sent subsegment. */
  type?: string;
  /** `remote` for calls to other services, `aws` for AWS SDK calls. */
  namespace?: string;
  user?: string;
  origin?: string;
  http?: {
    request?: Record<string, unknown>;
    response?: Record<string, unknown>;
  };
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, Record<string, unknown>>;
  subsegments?: XRayEntityDocument[];
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: unknown;
  aws?: Record<string, unknown>;
  service?: Record<string, unknown>;
  [field: string]: unknown;
}

/** An entity with where it sits in its document: the trace it belongs to and its parent's id. */
export interface XRayEntity {
  document: XRayEntityDocument;
  traceId: string;
  /** The enclosing entity's id, or the document's `parent_id` for the top one. */
  parentId?: string;
  /** The id of the segment document it arrived in. */
  segmentId: string;
  /** True for the top entity of a datagram that is a segment (not an independent subsegment). */
  isSegment: boolean;
}

/**
 * Every entity in a document: the segment (or independent subsegment) and all nested subsegments,
 * each with its trace id and parent id filled in.
 */
export function flattenXRayDocument(document: XRayEntityDocument): XRayEntity[] {
  const traceId = document.trace_id ?? '';
  const entities: XRayEntity[] = [];
  const visit = (entity: XRayEntityDocument, parentId: string | undefined, top: boolean) => {
    entities.push({
      document: entity,
      traceId,
      parentId,
      segmentId: document.id,
      isSegment: top && document.type !== 'subsegment',
    });
    for (const child of entity.subsegments ?? []) visit(child, entity.id, false);
  };
  visit(document, document.parent_id, true);
  return entities;
}

const XRAY_TRACE_ID = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;
const OTEL_TRACE_ID = /^[0-9a-f]{32}$/;

/** `1-5759e988-bd862e3fe1be46a994272793` → `5759e988bd862e3fe1be46a994272793`, or undefined. */
export function xrayTraceIdToOtel(xrayTraceId: string): string | undefined {
  const match = XRAY_TRACE_ID.exec(xrayTraceId);
  return match ? `${match[1]}${match[2]}` : undefined;
}

/** `5759e988bd862e3fe1be46a994272793` → `1-5759e988-bd862e3fe1be46a994272793`, or undefined. */
export function otelTraceIdToXRay(traceId: string): string | undefined {
  return OTEL_TRACE_ID.test(traceId) ? toXRayTraceId(traceId) : undefined;
}

/**
 * The X-Ray form (`1-<first 8>-<last 24>`) of a trace id already known to be one - a valid span
 * context's, a stored span's: X-Ray's first 8 hex digits are the epoch seconds OpenTelemetry's
 * X-Ray id generator put there, so the two name the same trace.
 */
export function toXRayTraceId(traceId: string): string {
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}
