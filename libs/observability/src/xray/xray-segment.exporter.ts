import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { toXRayTraceId } from '@cruddur/telemetry-wire';
import type { XRayEntityDocument } from '@cruddur/telemetry-wire';
import type { SpanDocumentMapper, SpanEntity } from './span-document.mapper';
import type { XRayDaemonEmitter } from './xray-daemon.emitter';

/** How long a subsegment waits for its parent's span before it goes out on its own. */
export interface XRaySegmentExporterOptions {
  /** @default 10000 */
  orphanTimeoutMs?: number;
  /** Subsegments kept waiting at most; beyond, the oldest go out on their own. @default 4096 */
  maxWaiting?: number;
}

interface Waiting {
  entity: SpanEntity;
  deadline: number;
}

/** Ids of entities already sent, kept for two generations of this many. */
const SENT_GENERATION = 8192;

/**
 * A SpanExporter (for a BatchSpanProcessor) that derives X-Ray segment documents from finished
 * spans and sends them to the daemon. Each segment goes out once, with the subsegments of its spans
 * nested in it, as the X-Ray SDK sends them:
 *
 * - a subsegment whose parent span is in the same batch is nested in it;
 * - one whose parent span has not ended yet (children usually end first) waits for it, at most
 *   `orphanTimeoutMs`;
 * - one whose parent was already sent (an event published after the response) goes out on its
 *   own as an independent subsegment (`type: subsegment`, `trace_id`, `parent_id`), which X-Ray
 *   places in the same tree.
 *
 * Export never fails and never waits on the network: datagrams are fire-and-forget, and a daemon
 * that is down is reported once per outage by the emitter.
 */
export class XRaySegmentExporter implements SpanExporter {
  private readonly waiting = new Map<string, Waiting>();
  private sent = new Set<string>();
  private previouslySent = new Set<string>();
  private timer?: NodeJS.Timeout;
  private readonly orphanTimeoutMs: number;
  private readonly maxWaiting: number;

  constructor(
    private readonly mapper: SpanDocumentMapper,
    private readonly emitter: XRayDaemonEmitter,
    options: XRaySegmentExporterOptions = {},
  ) {
    this.orphanTimeoutMs = options.orphanTimeoutMs ?? 10_000;
    this.maxWaiting = options.maxWaiting ?? 4096;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    try {
      this.exportNow(spans);
    } catch (error) {
      // A bug here must cost segments, never the batch processor (which would log and retry).
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
      return;
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** Sends what waits for a parent as independent subsegments, then waits for the socket. */
  async forceFlush(): Promise<void> {
    this.releaseWaiting(Infinity);
    await this.emitter.flush();
  }

  async shutdown(): Promise<void> {
    this.releaseWaiting(Infinity);
    clearTimeout(this.timer);
    await this.emitter.close();
  }

  private exportNow(spans: ReadableSpan[]): void {
    const batch = new Map<string, SpanEntity>();
    for (const span of spans) {
      const entity = this.mapper.map(span);
      batch.set(entity.document.id, entity);
    }
    const ready: SpanEntity[] = [];
    // Subsegments that waited for a parent that is in this batch.
    for (const [id, waiting] of this.waiting) {
      const parent = batch.get(waiting.entity.parentId!);
      if (parent) {
        nest(parent.document, waiting.entity.document);
        this.waiting.delete(id);
      }
    }
    const deadline = Date.now() + this.orphanTimeoutMs;
    for (const entity of batch.values()) {
      if (entity.isSegment) {
        ready.push(entity);
        continue;
      }
      const parentId = entity.parentId!;
      const parent = batch.get(parentId) ?? this.waiting.get(parentId)?.entity;
      if (parent) nest(parent.document, entity.document);
      else if (this.sent.has(parentId) || this.previouslySent.has(parentId)) {
        ready.push(independent(entity));
      } else {
        this.wait(entity, deadline);
      }
    }
    for (const entity of ready) this.send(entity.document);
    this.releaseWaiting(Date.now());
  }

  private wait(entity: SpanEntity, deadline: number): void {
    this.waiting.set(entity.document.id, { entity, deadline });
    if (this.waiting.size > this.maxWaiting) {
      const [oldest] = this.waiting.keys();
      const released = this.waiting.get(oldest)!;
      this.waiting.delete(oldest);
      this.send(independent(released.entity).document);
    }
    this.scheduleRelease();
  }

  /** Sends every waiting subsegment whose deadline is before `now`, on its own. */
  private releaseWaiting(now: number): void {
    for (const [id, waiting] of this.waiting) {
      if (waiting.deadline > now) continue;
      this.waiting.delete(id);
      this.send(independent(waiting.entity).document);
    }
    if (this.waiting.size > 0) this.scheduleRelease();
  }

  /** With no further batch, waiting subsegments still go out once their time is up. */
  private scheduleRelease(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.releaseWaiting(Date.now());
    }, this.orphanTimeoutMs + 100);
    this.timer.unref();
  }

  private send(document: XRayEntityDocument): void {
    this.remember(document);
    this.emitter.send(document);
  }

  /** Keeps the ids of what was sent, so a late child knows to go out on its own. */
  private remember(document: XRayEntityDocument): void {
    if (this.sent.size >= SENT_GENERATION) {
      this.previouslySent = this.sent;
      this.sent = new Set();
    }
    this.sent.add(document.id);
    if (document.subsegments) for (const child of document.subsegments) this.remember(child);
  }
}

function nest(parent: XRayEntityDocument, child: XRayEntityDocument): void {
  (parent.subsegments ??= []).push(child);
}

/** A subsegment sent in a document of its own: X-Ray needs its trace and parent. */
function independent(entity: SpanEntity): SpanEntity {
  const document = entity.document;
  document.type = 'subsegment';
  document.trace_id = toXRayTraceId(entity.traceId);
  document.parent_id = entity.parentId;
  return entity;
}
