import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { AttributeValue, Attributes, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { toXRayTraceId } from '@cruddur/telemetry-wire';
import type { XRayEntityDocument } from '@cruddur/telemetry-wire';
import { TransportAttributes } from '../tracing/tracing.constants';
import { wildcardPattern } from './wildcard-pattern';
import {
  AWS_NAMESPACE,
  REMOTE_NAMESPACE,
  XRAY_ANNOTATION_PREFIX,
  XRAY_METADATA_PREFIX,
  XRayAnnotations,
  XRayAttributes,
} from './xray.constants';
import type { XRayOptions } from './xray.options';

/** What the SDK adds to every segment (`aws.xray` SDK fields, `service`), and how errors look. */
export interface SegmentDecorations {
  /** `aws.xray.sdk`, `sdk_version`, `package`: merged into each segment's `aws.xray`. */
  sdk: Record<string, unknown>;
  /** The `service` block (runtime, version). */
  service: Record<string, unknown>;
  /** X-Ray's `cause` for an error (the SDK's exception format). */
  cause(error: { name: string; message: string; stack?: string }, remote: boolean): unknown;
}

/** An X-Ray entity derived from one span, before it is nested into its segment. */
export interface SpanEntity {
  document: XRayEntityDocument;
  /** A segment (SERVER, CONSUMER, or a span whose parent is remote or absent); else a subsegment. */
  isSegment: boolean;
  /** The parent span's id: the enclosing entity of a subsegment, `parent_id` of a segment. */
  parentId?: string;
  traceId: string;
}

/** Attribute names of the HTTP instrumentation (stable semantic conventions). */
const Http = {
  Method: 'http.request.method',
  Status: 'http.response.status_code',
  Scheme: 'url.scheme',
  Path: 'url.path',
  Full: 'url.full',
  UserAgent: 'user_agent.original',
  Client: 'client.address',
  Peer: 'network.peer.address',
  ServerAddress: 'server.address',
  ServerPort: 'server.port',
} as const;

const ENDUSER = 'enduser.id';
const RPC_SYSTEM_AWS = 'aws-api';

/**
 * Turns a finished span into the X-Ray entity it stands for, the way the AWS Distro's `awsxray`
 * exporter maps them: SERVER and CONSUMER spans (and local roots) are segments named after the
 * service, CLIENT and PRODUCER spans `remote` subsegments named after the service they call,
 * INTERNAL spans subsegments named after the span; HTTP attributes become the `http` block and the
 * fault/error/throttle flags, exceptions the `cause`, and the attributes marked for X-Ray
 * annotations and metadata. The ids are the span's: segment id = span id, parent = parent span.
 */
export class SpanDocumentMapper {
  private readonly dynamicNaming?: RegExp;

  constructor(
    private readonly options: Pick<
      XRayOptions,
      'segmentName' | 'dynamicNaming' | 'annotations' | 'metadata' | 'userAttribute'
    >,
    private readonly decorations: SegmentDecorations,
  ) {
    this.dynamicNaming = options.dynamicNaming ? wildcardPattern(options.dynamicNaming) : undefined;
  }

  /** The segment name for a request to `host` (the journals' dynamic naming), else the fixed one. */
  segmentNameFor(host: string | undefined): string {
    if (this.dynamicNaming && host && this.dynamicNaming.test(host)) return host;
    return this.options.segmentName;
  }

  map(span: ReadableSpan): SpanEntity {
    const spanContext = span.spanContext();
    const attributes = span.attributes;
    const parent = span.parentSpanContext;
    const isSegment =
      span.kind === SpanKind.SERVER ||
      span.kind === SpanKind.CONSUMER ||
      parent === undefined ||
      parent.isRemote === true;
    const document: XRayEntityDocument = {
      name: '',
      id: spanContext.spanId,
      start_time: seconds(span.startTime),
      end_time: seconds(span.endTime),
    };
    const http = httpBlock(attributes, span.kind);
    if (http) document.http = http;
    if (isSegment) {
      const traceId = spanContext.traceId;
      document.name = this.segmentNameFor(hostOf(attributes));
      document.trace_id = toXRayTraceId(traceId);
      if (parent) document.parent_id = parent.spanId;
      const user = attributes[this.options.userAttribute] ?? attributes[ENDUSER];
      if (typeof user === 'string') document.user = user;
      const rule = attributes[XRayAttributes.RuleName];
      document.aws = {
        xray:
          typeof rule === 'string'
            ? { ...this.decorations.sdk, rule_name: rule }
            : this.decorations.sdk,
      };
      document.service = this.decorations.service;
      const pattern =
        span.kind === SpanKind.CONSUMER
          ? attributes[TransportAttributes.MessagingDestination]
          : attributes[TransportAttributes.RpcMethod];
      if (typeof pattern === 'string') {
        document.annotations = { [XRayAnnotations.MessagePattern]: pattern };
      }
    } else {
      document.name = subsegmentName(span);
      const namespace = namespaceOf(span);
      if (namespace) document.namespace = namespace;
    }
    this.addMarked(document, attributes);
    this.addOutcome(document, span);
    return { document, isSegment, parentId: parent?.spanId, traceId: spanContext.traceId };
  }

  /** Annotations and metadata: configured attributes, marked attributes, X-Ray-only attributes. */
  private addMarked(document: XRayEntityDocument, attributes: Attributes): void {
    for (const key in this.options.annotations) {
      const value = attributes[key];
      if (value !== undefined) annotate(document, this.options.annotations[key], value);
    }
    for (const key in this.options.metadata) {
      const value = attributes[key];
      if (value !== undefined) addMetadata(document, 'default', this.options.metadata[key], value);
    }
    const name = attributes[XRayAttributes.Name];
    if (typeof name === 'string' && !document.trace_id) document.name = name;
    forEachMarked(attributes[XRayAttributes.Annotations], (target, source) => {
      const value = attributes[source];
      if (value !== undefined) annotate(document, target, value);
    });
    forEachMarked(attributes[XRayAttributes.Metadata], (target, source) => {
      const value = attributes[source];
      if (value !== undefined) addMetadata(document, 'default', target, value);
    });
    for (const key in attributes) {
      if (key.charCodeAt(0) !== 97 /* a */ || !key.startsWith('aws.xray.')) continue;
      if (key.startsWith(XRAY_ANNOTATION_PREFIX)) {
        annotate(document, key.slice(XRAY_ANNOTATION_PREFIX.length), attributes[key]!);
      } else if (key.startsWith(XRAY_METADATA_PREFIX)) {
        const rest = key.slice(XRAY_METADATA_PREFIX.length);
        const dot = rest.indexOf('.');
        if (dot > 0)
          addMetadata(document, rest.slice(0, dot), rest.slice(dot + 1), attributes[key]!);
      }
    }
  }

  /** Flags from the HTTP status (429 throttle, 4xx error, 5xx fault) or the span status; the cause. */
  private addOutcome(document: XRayEntityDocument, span: ReadableSpan): void {
    const status = span.attributes[Http.Status];
    const failed = span.status.code === SpanStatusCode.ERROR;
    if (typeof status === 'number' && status >= 400) {
      if (status === 429) document.throttle = true;
      if (status >= 500) document.fault = true;
      else document.error = true;
    } else if (failed) {
      document.fault = true;
    }
    if (!document.fault) return;
    const remote = span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER;
    const exceptions: unknown[] = [];
    for (const event of span.events) {
      if (event.name !== 'exception') continue;
      const attributes = event.attributes ?? {};
      exceptions.push(
        this.decorations.cause(
          {
            name: String(attributes['exception.type'] ?? ''),
            message: String(attributes['exception.message'] ?? ''),
            stack: attributes['exception.stacktrace'] as string | undefined,
          },
          remote,
        ),
      );
    }
    if (exceptions.length === 0 && failed && span.status.message) {
      exceptions.push(this.decorations.cause({ name: '', message: span.status.message }, remote));
    }
    if (exceptions.length > 0) {
      document.cause = { working_directory: process.cwd(), exceptions };
    }
  }
}

function seconds(time: HrTime): number {
  return time[0] + time[1] / 1e9;
}

/** The Host header the request carried, rebuilt from `server.address` and `server.port`. */
export function hostOf(attributes: Attributes): string | undefined {
  const address = attributes[Http.ServerAddress];
  if (typeof address !== 'string' || attributes[Http.Method] === undefined) return undefined;
  const port = attributes[Http.ServerPort];
  return port === undefined ? address : `${address}:${String(port)}`;
}

function httpBlock(attributes: Attributes, kind: SpanKind): XRayEntityDocument['http'] {
  const method = attributes[Http.Method];
  if (method === undefined) return undefined;
  const request: Record<string, unknown> = { method };
  if (kind === SpanKind.SERVER) {
    const host = hostOf(attributes);
    const path = attributes[Http.Path];
    // The query string may carry tokens: X-Ray gets the URL without it, as before.
    if (host && typeof path === 'string') {
      request.url = `${String(attributes[Http.Scheme] ?? 'http')}://${host}${path}`;
    }
    const agent = attributes[Http.UserAgent];
    if (agent !== undefined) request.user_agent = agent;
    const client = attributes[Http.Client] ?? attributes[Http.Peer];
    if (client !== undefined) request.client_ip = client;
    if (client !== undefined && client !== attributes[Http.Peer]) request.x_forwarded_for = true;
  } else {
    const full = attributes[Http.Full];
    if (typeof full === 'string') request.url = full.split('?')[0];
  }
  const status = attributes[Http.Status];
  return status === undefined ? { request } : { request, response: { status } };
}

/** A call is named after what it calls (the service, the event, the host); anything else by the span. */
function subsegmentName(span: ReadableSpan): string {
  if (span.kind !== SpanKind.CLIENT && span.kind !== SpanKind.PRODUCER) return span.name;
  const attributes = span.attributes;
  const name =
    attributes[TransportAttributes.RpcService] ??
    attributes[TransportAttributes.MessagingDestination] ??
    attributes[TransportAttributes.ServerAddress];
  return name === undefined ? span.name : String(name);
}

function namespaceOf(span: ReadableSpan): string | undefined {
  if (span.kind !== SpanKind.CLIENT && span.kind !== SpanKind.PRODUCER) return undefined;
  return span.attributes[TransportAttributes.RpcSystem] === RPC_SYSTEM_AWS
    ? AWS_NAMESPACE
    : REMOTE_NAMESPACE;
}

/** Calls `visit(xrayKey, attributeKey)` for each `key` or `xrayKey=attributeKey` of a marking list. */
function forEachMarked(
  marking: AttributeValue | undefined,
  visit: (target: string, source: string) => void,
): void {
  if (!Array.isArray(marking)) return;
  for (const entry of marking) {
    if (typeof entry !== 'string') continue;
    const equals = entry.indexOf('=');
    if (equals < 0) visit(entry, entry);
    else visit(entry.slice(0, equals), entry.slice(equals + 1));
  }
}

/** X-Ray annotation keys may hold letters, digits and underscores only. */
function annotate(document: XRayEntityDocument, key: string, value: AttributeValue): void {
  const annotation =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : JSON.stringify(value);
  (document.annotations ??= {})[key.replace(/[^A-Za-z0-9_]/g, '_')] = annotation;
}

function addMetadata(
  document: XRayEntityDocument,
  namespace: string,
  key: string,
  value: AttributeValue,
): void {
  const metadata = (document.metadata ??= {});
  (metadata[namespace] ??= {})[key] = value;
}
