import { existsSync } from 'node:fs';
import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';
import { parseDaemonAddress } from './daemon-address';
import type { DaemonAddress } from './daemon-address';
import { DEFAULT_SAMPLING_RULE, loadSamplingRules } from './sampling-rules';
import type { SamplingRule } from './sampling-rules';
import { resolveServiceName } from '../bootstrap/service-name';
import { DEFAULT_SAMPLING_RULES_PATH } from './xray.constants';

/** How a service's spans become X-Ray segments. Every field can also come from the environment. */
export interface XRayOptions {
  /** AWS_XRAY_SDK_ENABLED: false sends no segments and loads no X-Ray code. @default true */
  enabled: boolean;
  /** AWS_XRAY_DAEMON_ADDRESS. @default 127.0.0.1:2000 */
  daemonAddress: DaemonAddress;
  /** AWS_XRAY_TRACING_NAME. @default the service name (OTEL_SERVICE_NAME, else the service's own) */
  segmentName: string;
  /**
   * AWS_XRAY_URL: a host pattern (`*` and `?` wildcards). A request whose Host header matches gets
   * a segment named after that host, as the journals' `dynamic_naming`. @default none (fixed name)
   */
  dynamicNaming?: string;
  /**
   * AWS_XRAY_SAMPLING_RULES: a file in `create-sampling-rule --cli-input-json` form. It is the
   * sampler of every span (OpenTelemetry's and so X-Ray's) unless OTEL_TRACES_SAMPLER is set.
   * @default the repository's aws/json/xray.json if present (found from this library's location,
   * not the working directory), else X-Ray's default rule (1/s then 5%)
   */
  samplingRules: SamplingRule[];
  /** True when AWS_XRAY_SAMPLING_RULES (or `samplingRules`) was given explicitly. */
  samplingRulesConfigured: boolean;
  /**
   * Span attributes shown as annotations on every entity that has them: attribute key → annotation
   * key (the AWS Distro's `indexed_attributes`, with a name). @default {}
   */
  annotations: Record<string, string>;
  /** Span attributes shown as metadata (namespace `default`): attribute key → metadata key. @default {} */
  metadata: Record<string, string>;
  /** The span attribute that becomes a segment's `user`. @default app.user_id (else enduser.id) */
  userAttribute: string;
}

/**
 * The X-Ray options of `serviceName` (the service's own name; OTEL_SERVICE_NAME wins over it, as
 * for every other backend): `overrides` first, then the environment, then the defaults. A
 * malformed variable fails here, at start-up, naming the variable.
 */
export function resolveXRayOptions(
  serviceName: string,
  overrides: Partial<XRayOptions> = {},
  env: Environment = process.env,
): XRayOptions {
  const enabled = overrides.enabled ?? read(env, Variables.AWS_XRAY_SDK_ENABLED);
  const rulesFile = read(env, Variables.AWS_XRAY_SAMPLING_RULES);
  return {
    enabled,
    daemonAddress:
      overrides.daemonAddress ?? parseDaemonAddress(read(env, Variables.AWS_XRAY_DAEMON_ADDRESS)),
    segmentName:
      overrides.segmentName ??
      read(env, Variables.AWS_XRAY_TRACING_NAME, resolveServiceName(serviceName, env)),
    dynamicNaming: overrides.dynamicNaming ?? read(env, Variables.AWS_XRAY_URL),
    samplingRules: overrides.samplingRules ?? readSamplingRules(rulesFile),
    samplingRulesConfigured: overrides.samplingRules !== undefined || rulesFile !== undefined,
    annotations: overrides.annotations ?? {},
    metadata: overrides.metadata ?? {},
    userAttribute: overrides.userAttribute ?? 'app.user_id',
  };
}

function readSamplingRules(configured: string | undefined): SamplingRule[] {
  const name = Variables.AWS_XRAY_SAMPLING_RULES.name;
  if (configured) return loadSamplingRules(configured, name);
  return existsSync(DEFAULT_SAMPLING_RULES_PATH)
    ? loadSamplingRules(DEFAULT_SAMPLING_RULES_PATH, name)
    : [DEFAULT_SAMPLING_RULE];
}
