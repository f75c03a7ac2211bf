import { join } from 'node:path';

/** The header AWS services and SDKs carry the X-Ray trace in. */
export const XRAY_TRACE_HEADER = 'x-amzn-trace-id';

/**
 * The sampling rule file used unless AWS_XRAY_SAMPLING_RULES names another: the repository's
 * aws/json/xray.json, found from this file's own location (src/xray or dist/xray, four folders
 * below the repository root, and below /app in the images) so that a service started from any
 * working directory finds it.
 */
export const DEFAULT_SAMPLING_RULES_PATH = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'aws',
  'json',
  'xray.json',
);

/** Annotation names this project writes (X-Ray allows letters, digits and underscores). */
export enum XRayAnnotations {
  MessagePattern = 'message_pattern',
}

/**
 * Span attributes that say how a span is shown in X-Ray. The X-Ray exporter reads them; nothing
 * else needs to. `aws.xray.annotations` is the AWS Distro for OpenTelemetry's own convention.
 */
export enum XRayAttributes {
  /** The entity's name in X-Ray when it differs from the span's (set by `@XRaySubsegment`). */
  Name = 'aws.xray.name',
  /** Attribute keys shown as annotations: `key` (annotation named like the attribute) or `annotation=key`. */
  Annotations = 'aws.xray.annotations',
  /** Attribute keys shown as metadata (namespace `default`): `key` or `metadata key=attribute key`. */
  Metadata = 'aws.xray.metadata',
  /** The sampling rule that sampled the trace (written by the rule sampler on root spans). */
  RuleName = 'aws.xray.rule_name',
}

/** Prefix of an attribute that is an X-Ray annotation only: `aws.xray.annotation.<key>`. */
export const XRAY_ANNOTATION_PREFIX = 'aws.xray.annotation.';

/** Prefix of an attribute that is X-Ray metadata only: `aws.xray.metadata.<namespace>.<key>`. */
export const XRAY_METADATA_PREFIX = 'aws.xray.metadata.';

/** `namespace` of a subsegment that stands for a call to another service. */
export const REMOTE_NAMESPACE = 'remote';

/** `namespace` of a subsegment that stands for a call to an AWS service (`rpc.system` aws-api). */
export const AWS_NAMESPACE = 'aws';
