import { OtlpSpanKind, OtlpStatusCode } from '@cruddur/telemetry-wire';
import type { DecodedSpan } from '@cruddur/telemetry-wire';

/** A decoded span as the OTLP decoder makes it, for unit specs; times in ms from `baseMs`. */
export function makeSpan(
  overrides: Partial<DecodedSpan> & { traceId: string; spanId: string },
  timing: { startMs?: number; durationMs?: number; baseMs?: number } = {},
): DecodedSpan {
  const base = timing.baseMs ?? 1_700_000_000_000;
  const start = base + (timing.startMs ?? 0);
  const duration = timing.durationMs ?? 10;
  const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
  return {
    name: 'span',
    kind: OtlpSpanKind.Internal,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(start + duration),
    durationMs: duration,
    attributes: {},
    events: [],
    status: { code: OtlpStatusCode.Unset },
    serviceName: 'gateway',
    resource: {},
    scope: { name: 'spec' },
    ...overrides,
  };
}

/** 32 hex digits ending in `n`. */
export function traceIdOf(n: number): string {
  return n.toString(16).padStart(32, '0').replace(/^0/, 'a');
}

/** 16 hex digits ending in `n`. */
export function spanIdOf(n: number): string {
  return n.toString(16).padStart(16, '0').replace(/^0/, 'b');
}

/**
 * The mesh's /api/health request: gateway server span, two client spans and the two services'
 * server spans beneath them.
 */
export function healthTrace(traceId: string, baseMs?: number, user = 'andrewbrown'): DecodedSpan[] {
  const at = (startMs: number, durationMs: number) => ({ startMs, durationMs, baseMs });
  const attributes = { 'app.user_id': user };
  return [
    makeSpan(
      {
        traceId,
        spanId: 'a000000000000001',
        name: 'GET /api/health',
        kind: OtlpSpanKind.Server,
        attributes: { ...attributes, 'http.route': '/api/health' },
      },
      at(0, 20),
    ),
    makeSpan(
      {
        traceId,
        spanId: 'a000000000000002',
        parentSpanId: 'a000000000000001',
        name: 'home-activities/health.check',
        kind: OtlpSpanKind.Client,
        attributes: { ...attributes, 'rpc.service': 'home-activities' },
      },
      at(2, 8),
    ),
    makeSpan(
      {
        traceId,
        spanId: 'a000000000000003',
        parentSpanId: 'a000000000000002',
        name: 'home-activities/health.check',
        kind: OtlpSpanKind.Server,
        serviceName: 'home-activities',
        attributes,
      },
      at(3, 5),
    ),
    makeSpan(
      {
        traceId,
        spanId: 'a000000000000004',
        parentSpanId: 'a000000000000001',
        name: 'notifications/health.check',
        kind: OtlpSpanKind.Client,
        attributes: { ...attributes, 'rpc.service': 'notifications' },
      },
      at(2, 15),
    ),
    makeSpan(
      {
        traceId,
        spanId: 'a000000000000005',
        parentSpanId: 'a000000000000004',
        name: 'notifications/health.check',
        kind: OtlpSpanKind.Server,
        serviceName: 'notifications',
        attributes,
      },
      at(4, 10),
    ),
  ];
}
