import { Injectable } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { AttributeValue } from '@opentelemetry/api';
import { toXRayTraceId } from '@cruddur/telemetry-wire';
import { inXRaySubsegment } from './xray-subsegment.decorator';
import { XRAY_ANNOTATION_PREFIX, XRAY_METADATA_PREFIX } from './xray.constants';

/**
 * X-Ray-only facts for the span that is active: an annotation (indexed, for filter expressions)
 * or metadata (not searchable). Each is one span attribute (`aws.xray.annotation.<key>`,
 * `aws.xray.metadata.<namespace>.<key>`) that the X-Ray exporter turns into the entity's
 * annotation or metadata. A fact every backend should show is better set as an ordinary span
 * attribute and listed in `@XRaySubsegment`'s fields. Where nothing is sampled it does nothing.
 */
@Injectable()
export class XRayService {
  /**
   * Adds `key: value` to the current entity's metadata under `namespace`. Objects are recorded as
   * their JSON text (span attributes hold primitives and arrays). @default namespace 'default'
   */
  addMetadata(key: string, value: unknown, namespace = 'default'): void {
    const span = trace.getActiveSpan();
    if (!span?.isRecording()) return;
    span.setAttribute(`${XRAY_METADATA_PREFIX}${namespace}.${key}`, attributeValue(value));
  }

  /** Adds a searchable annotation (string, number or boolean) to the current entity. */
  addAnnotation(key: string, value: string | number | boolean): void {
    const span = trace.getActiveSpan();
    if (!span?.isRecording()) return;
    span.setAttribute(`${XRAY_ANNOTATION_PREFIX}${key}`, value);
  }

  /** The X-Ray trace id (`1-…`) of the sampled trace being recorded, if any. */
  currentTraceId(): string | undefined {
    const span = trace.getActiveSpan();
    if (!span?.isRecording()) return undefined;
    return toXRayTraceId(span.spanContext().traceId);
  }

  /** Runs `work` as the subsegment `name` (a span of its own), like `inXRaySubsegment`. */
  captureSubsegment<T>(name: string, work: () => T): T {
    return inXRaySubsegment(name, work);
  }
}

function attributeValue(value: unknown): AttributeValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value) ?? String(value);
}
