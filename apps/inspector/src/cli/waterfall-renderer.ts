import type { TraceView } from '../analysis/trace-view';

/** How to draw the waterfall. */
export interface WaterfallRenderOptions {
  /** Terminal columns. @default 120 */
  width?: number;
  /** ANSI colours per service and red errors. @default false */
  color?: boolean;
}

/** Terminal colours for services, in the order a trace names them. */
const SERVICE_COLORS = [36, 33, 35, 32, 34, 96, 93, 95];
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
    summary.services.map((service, index) => [
      service,
      SERVICE_COLORS[index % SERVICE_COLORS.length],
    ]),
  );
  const lines: string[] = [];
  lines.push(
    `${paint(BOLD, summary.rootName)}  ${formatMs(summary.durationMs)}  ${summary.spanCount} spans  ${summary.services.length} services${summary.user ? `  user ${summary.user}` : ''}${summary.errorCount ? `  ${paint(RED, `${summary.errorCount} error(s)`)}` : ''}`,
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

  lines.push('', paint(BOLD, `Log lines (${view.logEvents.length})`));
  for (const event of view.logEvents) {
    lines.push(
      `  ${paint(DIM, new Date(event.timestamp).toISOString().slice(11, 23))} ${event.logStreamName}  ${truncate(event.message.replace(/\s+/g, ' '), width - 40)}`,
    );
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

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** 0.42 ms, 12.3 ms, 1.20 s. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
