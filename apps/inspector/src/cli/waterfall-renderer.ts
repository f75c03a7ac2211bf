import type { TraceView } from '../analysis/trace-view';
import { plural } from '../api/plural';
import { paletteIndexOf } from '../api/service-colors';

/** How to draw the waterfall. */
export interface WaterfallRenderOptions {
  /** Terminal columns. @default 120 */
  width?: number;
  /** ANSI colours per service and red errors. @default false */
  color?: boolean;
}

/** Terminal colours for services; a service's is picked by its name, so it is the same every run. */
const SERVICE_COLORS = [36, 33, 35, 32, 34, 96, 93, 95];
const LEVEL_COLORS: Record<string, number> = { fatal: 31, error: 31, warn: 33 };
const RED = 31;
const DIM = 2;
const BOLD = 1;

/** A trace page as text: header, the waterfall with indentation and bars, then the other signals. */
export function renderWaterfall(view: TraceView, options: WaterfallRenderOptions = {}): string {
  const width = Math.max(80, options.width ?? 120);
  const paint = (code: number, text: string) =>
    options.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  const { summary } = view;
  const colorOf = new Map(
    summary.services.map((service) => [
      service,
      SERVICE_COLORS[paletteIndexOf(service, SERVICE_COLORS.length)],
    ]),
  );
  const lines: string[] = [];
  lines.push(
    `${paint(BOLD, summary.rootName)}  ${formatMs(summary.durationMs)}  ${plural(summary.spanCount, 'span')}  ${plural(summary.services.length, 'service')}${summary.user ? `  user ${summary.user}` : ''}${summary.errorCount ? `  ${paint(RED, plural(summary.errorCount, 'error'))}` : ''}`,
  );
  lines.push(
    paint(
      DIM,
      `trace ${view.traceId}  (X-Ray ${view.xrayTraceId})  started ${new Date(summary.startMs).toISOString()}`,
    ),
  );
  lines.push('');

  const serviceWidth = Math.min(20, Math.max(7, ...view.spans.map((span) => span.service.length)));
  const timingWidth = 22;
  const barWidth = Math.max(20, Math.floor(width * 0.3));
  const nameWidth = Math.max(20, width - serviceWidth - timingWidth - barWidth - 6);
  const total = Math.max(summary.durationMs, 0.001);
  lines.push(
    paint(
      DIM,
      `${'SERVICE'.padEnd(serviceWidth)}  ${'SPAN'.padEnd(nameWidth)} ${'START'.padStart(10)} ${'DURATION'.padStart(10)}  TIMELINE`,
    ),
  );
  for (const span of view.spans) {
    const isError = span.status.code === 'error';
    const label = `${'  '.repeat(span.depth)}${span.name}${isError ? ' ✗' : ''}`;
    const start = Math.min(barWidth - 1, Math.floor((span.offsetMs / total) * barWidth));
    const length = Math.max(1, Math.round((span.durationMs / total) * barWidth));
    const bar = ' '.repeat(start) + '█'.repeat(Math.min(length, barWidth - start));
    const color = colorOf.get(span.service) ?? 37;
    lines.push(
      [
        paint(color, truncate(span.service, serviceWidth).padEnd(serviceWidth)),
        '  ',
        (isError ? (text: string) => paint(RED, text) : (text: string) => text)(
          truncate(label, nameWidth).padEnd(nameWidth),
        ),
        ' ',
        `+${formatMs(span.offsetMs)}`.padStart(10),
        ' ',
        formatMs(span.durationMs).padStart(10),
        '  ',
        paint(isError ? RED : color, bar),
      ].join(''),
    );
    if (isError && span.status.message) {
      lines.push(
        paint(
          RED,
          `${' '.repeat(serviceWidth + 2)}${'  '.repeat(span.depth + 1)}${span.status.message}`,
        ),
      );
    }
  }
  if (!view.spans.length) lines.push(paint(DIM, '(no spans received for this trace)'));

  lines.push(...criticalPathLines(view, paint, colorOf));
  if (view.propagationIssues.length) {
    lines.push('', paint(BOLD, `Broken propagation (${view.propagationIssues.length})`));
    for (const issue of view.propagationIssues) lines.push(`  ${paint(RED, '!')} ${issue.message}`);
  }

  lines.push('', paint(BOLD, `Log lines (${view.logLines.length})`));
  const logServiceWidth = Math.min(20, Math.max(7, ...view.logLines.map((l) => l.service.length)));
  for (const line of view.logLines) {
    // Time, service and level are columns; the message gets the rest of the width.
    const time = new Date(line.timestamp).toISOString().slice(11, 23);
    const service = truncate(line.service, logServiceWidth).padEnd(logServiceWidth);
    const level = (line.level || '-').toUpperCase().padEnd(5);
    const indent = 2 + time.length + 1 + logServiceWidth + 1 + level.length + 1;
    const message = line.message.replace(/\s+/g, ' ') || JSON.stringify(line.fields);
    lines.push(
      `  ${paint(DIM, time)} ${paint(colorOf.get(line.service) ?? 37, service)} ${paint(LEVEL_COLORS[line.level] ?? DIM, level)} ${truncate(message, Math.max(20, width - indent))}`,
    );
    // A stack trace as lines under its message (its first line repeats the message).
    for (const frame of line.stack?.slice(1) ?? []) {
      lines.push(paint(DIM, `${' '.repeat(indent)}${truncate(frame.trim(), width - indent)}`));
    }
  }
  lines.push(paint(BOLD, `Rollbar items (${view.rollbarItems.length})`));
  for (const item of view.rollbarItems) {
    lines.push(
      `  ${paint(item.level === 'error' || item.level === 'critical' ? RED : DIM, item.level)} ${item.title}  ${paint(DIM, item.uuid)}`,
    );
  }
  lines.push(paint(BOLD, `X-Ray segments (${view.xraySegments.length})`));
  for (const { document } of view.xraySegments) {
    const duration = document.end_time
      ? formatMs((document.end_time - document.start_time) * 1000)
      : 'in progress';
    const flags = ['error', 'fault', 'throttle'].filter((flag) => document[flag]).join(',');
    lines.push(
      `  ${document.name}  ${paint(DIM, document.id)}  ${duration}${flags ? `  ${paint(RED, flags)}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * "Critical path": the spans the request waited on, in time order, each with how long it held
 * the request up (its stretches of the path added up), and its share of the whole.
 */
function criticalPathLines(
  view: TraceView,
  paint: (code: number, text: string) => string,
  colorOf: ReadonlyMap<string, number>,
): string[] {
  if (!view.criticalPath.length) return [];
  const total = Math.max(view.summary.durationMs, 0.001);
  const bySpan = new Map(view.spans.map((span) => [span.spanId, span]));
  const order: string[] = [];
  for (const section of [...view.criticalPath].reverse()) {
    if (!order.includes(section.spanId)) order.push(section.spanId);
  }
  const lines = ['', paint(BOLD, `Critical path (${plural(order.length, 'span')})`)];
  for (const spanId of order) {
    const span = bySpan.get(spanId);
    if (!span) continue;
    const share = Math.round((span.criticalMs / total) * 100);
    lines.push(
      `  ${formatMs(span.criticalMs).padStart(10)} ${`${share}%`.padStart(4)}  ${paint(colorOf.get(span.service) ?? 37, span.service)} ${span.name}${span.criticalMs < span.durationMs ? paint(DIM, `  (of ${formatMs(span.durationMs)}, self ${formatMs(span.selfTimeMs)})`) : ''}`,
    );
  }
  return lines;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** 0.42 ms, 12.3 ms, 1.20 s. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
