import { Injectable } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { inXRaySubsegment } from './xray-subsegment.decorator';
import { getXRayScope } from './xray-context';

/**
 * The current X-Ray segment or subsegment, for handlers: metadata (any JSON, not searchable) and
 * annotations (indexed, for filter expressions). Where nothing is recording it does nothing and
 * never throws - so code need not care whether X-Ray is on or sampled this request.
 */
@Injectable()
export class XRayService {
  /** Adds `key: value` to the current entity's metadata under `namespace`. @default namespace 'default' */
  addMetadata(key: string, value: unknown, namespace?: string): void {
    getXRayScope(context.active())?.entity.addMetadata(key, value, namespace);
  }

  /** Adds a searchable annotation (string, number or boolean) to the current entity. */
  addAnnotation(key: string, value: string | number | boolean): void {
    getXRayScope(context.active())?.entity.addAnnotation(key, value);
  }

  /** The X-Ray trace id (`1-…`) being recorded, if any. */
  currentTraceId(): string | undefined {
    const entity = getXRayScope(context.active())?.entity;
    if (!entity) return undefined;
    return 'trace_id' in entity ? entity.trace_id : entity.segment?.trace_id;
  }

  /** Runs `work` as the subsegment `name`, like the `@XRaySubsegment` decorator. */
  captureSubsegment<T>(name: string, work: () => T): T {
    return inXRaySubsegment(name, work);
  }
}
