import type { TelemetryStore } from '../store/telemetry-store';
import { toLogLine } from './log-lines';

/** What the receivers refused or dropped, per signal, with reasons (the inspector gathers it). */
export interface ReceiverRefusals {
  signal: string;
  /** How many arrived (accepted or not), when the receiver counts it. */
  received?: number;
  reasons: Array<{ reason: string; count: number }>;
}

/** One signal's line of the accounting. */
export interface SignalAccount {
  signal: string;
  received?: number;
  stored: number;
  evicted: number;
  refused: number;
  /** Why: the cap that evicted, each refusal reason. */
  reasons: Array<{ reason: string; count: number }>;
}

/** What a service said it dropped (from its own telemetry). */
export interface ServiceDropReport {
  service: string;
  what: string;
  count: number;
  lastMs: number;
  source: string;
}

/** Everything the inspector knows about telemetry that did not make it. */
export interface TelemetryAccounting {
  signals: SignalAccount[];
  services: ServiceDropReport[];
}

/** Numeric log fields a service uses to say it dropped something. */
const DROP_FIELDS = ['dropped', 'dropped_count', 'droppedEvents', 'undelivered', 'lost'];

/**
 * The accounting page: per signal, what arrived, what is stored, what the caps evicted (oldest
 * first) and what the receivers refused and why; per service, what its own telemetry says it
 * dropped: lines its logger cut (`truncated_bytes`), delivery failures its CloudWatch Logs
 * transport logged, and counts in `dropped`/`undelivered` fields.
 */
export function accountTelemetry(
  store: TelemetryStore,
  refusals: readonly ReceiverRefusals[],
): TelemetryAccounting {
  const stats = store.stats();
  const refusalsOf = (signal: string) => refusals.find((entry) => entry.signal === signal);
  const line = (
    signal: string,
    stored: number,
    evicted: number,
    cap: string,
    limit: number,
  ): SignalAccount => {
    const refused = refusalsOf(signal);
    const reasons = [
      ...(evicted
        ? [{ reason: `evicted oldest first: ${cap}=${limit} reached`, count: evicted }]
        : []),
      ...(refused?.reasons ?? []),
    ];
    return {
      signal,
      ...(refused?.received !== undefined ? { received: refused.received } : {}),
      stored,
      evicted,
      refused: (refused?.reasons ?? []).reduce((sum, reason) => sum + reason.count, 0),
      reasons,
    };
  };
  const spanLine = line(
    'spans',
    stats.spans,
    stats.evicted.spans,
    'INSPECTOR_MAX_SPANS/INSPECTOR_MAX_TRACES',
    stats.limits.maxSpans,
  );
  if (stats.evicted.traces) {
    spanLine.reasons.unshift({
      reason: `whole traces evicted with them`,
      count: stats.evicted.traces,
    });
  }
  const signals = [
    spanLine,
    line(
      'X-Ray segments',
      stats.xraySegments,
      stats.evicted.xraySegments,
      'INSPECTOR_MAX_XRAY_SEGMENTS',
      stats.limits.maxXraySegments,
    ),
    line(
      'log events',
      stats.logEvents,
      stats.evicted.logEvents,
      'INSPECTOR_MAX_LOG_EVENTS',
      stats.limits.maxLogEvents,
    ),
    line(
      'Rollbar items',
      stats.rollbarItems,
      stats.evicted.rollbarItems,
      'INSPECTOR_MAX_ROLLBAR_ITEMS',
      stats.limits.maxRollbarItems,
    ),
  ];
  return { signals, services: serviceReports(store) };
}

function serviceReports(store: TelemetryStore): ServiceDropReport[] {
  const reports = new Map<string, ServiceDropReport>();
  const add = (service: string, what: string, count: number, at: number, source: string) => {
    const key = `${service}\u0000${what}`;
    const report = reports.get(key);
    if (report) {
      report.count += count;
      report.lastMs = Math.max(report.lastMs, at);
    } else reports.set(key, { service, what, count, lastMs: at, source });
  };
  for (const event of store.recentLogEvents(Number.MAX_SAFE_INTEGER)) {
    // A cheap test first: most lines say nothing about drops.
    if (!/truncated_bytes|CloudWatchLogs|dropped|undelivered|"lost"/.test(event.message)) continue;
    const line = toLogLine(event);
    const truncated = line.fields.truncated_bytes;
    if (typeof truncated === 'number' && truncated > 0) {
      add(
        line.service,
        'log lines cut to fit CloudWatch Logs (lines)',
        1,
        line.timestamp,
        'truncated_bytes on its log lines',
      );
      add(
        line.service,
        'bytes cut from log lines',
        truncated,
        line.timestamp,
        'truncated_bytes on its log lines',
      );
    }
    if (
      line.fields.context === 'CloudWatchLogs' &&
      (line.level === 'warn' || line.level === 'error')
    ) {
      add(
        line.service,
        `CloudWatch Logs delivery: ${line.message.replace(/\d+/g, 'N').slice(0, 80)}`,
        1,
        line.timestamp,
        'its CloudWatch Logs transport',
      );
    }
    for (const field of DROP_FIELDS) {
      const value = line.fields[field];
      if (typeof value === 'number' && value > 0) {
        add(
          line.service,
          `${field}${typeof line.fields.signal === 'string' ? ` ${line.fields.signal}` : ''}`,
          value,
          line.timestamp,
          `"${field}" in its log lines`,
        );
      }
    }
  }
  return [...reports.values()].sort(
    (a, b) => a.service.localeCompare(b.service) || b.count - a.count,
  );
}
