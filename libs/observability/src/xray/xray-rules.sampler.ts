import { SamplingDecision } from '@opentelemetry/sdk-trace';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace';
import type { Attributes, Context, SpanKind } from '@opentelemetry/api';
import { TransportAttributes } from '../tracing/tracing.constants';
import type { XRayLocalSampler } from './local-sampler';
import { hostOf } from './span-document.mapper';
import { XRayAttributes } from './xray.constants';

/** Names a segment as the exporter will (the journals' dynamic naming by Host). */
export interface SegmentNaming {
  segmentNameFor(host: string | undefined): string;
}

const NOT_SAMPLED: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });

/**
 * The X-Ray sampling rules (aws/json/xray.json: reservoir, then fixed rate, matched on service,
 * host, method and path) as an OpenTelemetry root Sampler, so that one decision serves every
 * backend: a trace is recorded, exported over OTLP and sent to X-Ray, or nothing is recorded at all.
 * Wrap it in a ParentBasedSampler: a caller's decision (`X-Amzn-Trace-Id` `Sampled=` or the
 * `traceparent` flag) is then followed and this sampler only decides for new traces.
 *
 * What a rule matches: the segment name (service), the Host header, the HTTP method and URL path
 * of an incoming request, or the message pattern as the path of a microservice message. A
 * sampled span carries the rule's name in `aws.xray.rule_name` (the segment's `aws.xray.rule_name`).
 */
export class XRayRulesSampler implements Sampler {
  private readonly results = new Map<string, SamplingResult>();

  constructor(
    private readonly rules: XRayLocalSampler,
    private readonly naming: SegmentNaming,
  ) {}

  shouldSample(
    _context: Context,
    _traceId: string,
    spanName: string,
    _spanKind: SpanKind,
    attributes: Attributes,
  ): SamplingResult {
    const host = hostOf(attributes);
    const path =
      attributes['url.path'] ??
      attributes[TransportAttributes.RpcMethod] ??
      attributes[TransportAttributes.MessagingDestination] ??
      spanName;
    const method = attributes['http.request.method'];
    const decision = this.rules.shouldSample({
      serviceName: this.naming.segmentNameFor(host),
      host,
      httpMethod: typeof method === 'string' ? method : undefined,
      urlPath: String(path),
    });
    if (!decision.sampled) return NOT_SAMPLED;
    let result = this.results.get(decision.ruleName);
    if (!result) {
      // One frozen result per rule: the SDK copies its attributes, so nothing is allocated per span.
      result = Object.freeze({
        decision: SamplingDecision.RECORD_AND_SAMPLED,
        attributes: Object.freeze({ [XRayAttributes.RuleName]: decision.ruleName }),
      });
      this.results.set(decision.ruleName, result);
    }
    return result;
  }

  toString(): string {
    return 'XRayRulesSampler';
  }
}
