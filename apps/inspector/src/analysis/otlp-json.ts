import type { Attributes, DecodedSpan } from '@cruddur/telemetry-wire';

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } };
interface KeyValue {
  key: string;
  value: AnyValue;
}

/**
 * A trace as an OTLP/JSON ExportTraceServiceRequest (the protobuf JSON mapping: hex ids, string
 * nanoseconds, enum numbers), spans grouped by resource and scope as an SDK exports them, so
 * the download can be POSTed to any OTLP/HTTP receiver (another inspector, a collector, Jaeger).
 */
export function toOtlpJson(spans: readonly DecodedSpan[]): { resourceSpans: unknown[] } {
  const resources = new Map<
    string,
    {
      resource: Attributes;
      scopes: Map<string, { scope: DecodedSpan['scope']; spans: DecodedSpan[] }>;
    }
  >();
  for (const span of spans) {
    const resourceKey = JSON.stringify(span.resource);
    let resource = resources.get(resourceKey);
    if (!resource)
      resources.set(resourceKey, (resource = { resource: span.resource, scopes: new Map() }));
    const scopeKey = `${span.scope.name}\u0000${span.scope.version ?? ''}`;
    let scope = resource.scopes.get(scopeKey);
    if (!scope) resource.scopes.set(scopeKey, (scope = { scope: span.scope, spans: [] }));
    scope.spans.push(span);
  }
  return {
    resourceSpans: [...resources.values()].map(({ resource, scopes }) => ({
      resource: { attributes: keyValues(resource) },
      scopeSpans: [...scopes.values()].map(({ scope, spans: scopeSpans }) => ({
        scope: { name: scope.name, ...(scope.version ? { version: scope.version } : {}) },
        spans: scopeSpans.map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
          ...(span.traceState ? { traceState: span.traceState } : {}),
          name: span.name,
          kind: span.kind,
          startTimeUnixNano: span.startTimeUnixNano,
          endTimeUnixNano: span.endTimeUnixNano,
          attributes: keyValues(span.attributes),
          events: span.events.map((event) => ({
            timeUnixNano: event.timeUnixNano,
            name: event.name,
            attributes: keyValues(event.attributes),
          })),
          status: {
            code: span.status.code,
            ...(span.status.message ? { message: span.status.message } : {}),
          },
        })),
      })),
    })),
  };
}

function keyValues(attributes: Attributes): KeyValue[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

function anyValue(value: unknown): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  }
  if (typeof value === 'bigint') return { intValue: value.toString() };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (value && typeof value === 'object') {
    return {
      kvlistValue: {
        values: Object.entries(value).map(([key, v]) => ({ key, value: anyValue(v) })),
      },
    };
  }
  return { stringValue: String(value) };
}
