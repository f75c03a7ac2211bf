/** A duration scatter of the listed traces: click a dot to open its trace. */
import { s } from '../lib/dom.js';
import { formatMs, formatTime } from '../lib/format.js';
import { scatterPoints } from '../lib/scatter-model.js';

/** The SVG; `traces` are /api/traces rows. */
export function durationScatter(traces) {
  const width = 900;
  const height = 140;
  const left = 64;
  const { points, minMs, maxMs, fromMs, toMs } = scatterPoints(traces, {
    width: width - left,
    height: height - 16,
  });
  const svg = s('svg', {
    class: 'scatter',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': 'duration of recent traces over time',
  });
  svg.append(
    s('text', { x: left - 6, y: 12, 'text-anchor': 'end', class: 'axis' }, formatMs(maxMs)),
    s(
      'text',
      { x: left - 6, y: height - 20, 'text-anchor': 'end', class: 'axis' },
      formatMs(minMs),
    ),
    s('text', { x: left, y: height - 2, class: 'axis' }, formatTime(fromMs)),
    s('text', { x: width, y: height - 2, 'text-anchor': 'end', class: 'axis' }, formatTime(toMs)),
  );
  const byId = new Map(traces.map((trace) => [trace.traceId, trace]));
  for (const point of points) {
    const trace = byId.get(point.traceId);
    const dot = s(
      'circle',
      {
        class: `dot${point.error ? ' error' : ''}`,
        cx: left + point.x,
        cy: point.y,
        r: 4,
        tabindex: '0',
        dataset: { traceId: point.traceId },
        onclick: () => (location.hash = `#/trace/${point.traceId}`),
        onkeydown: (event) => {
          if (event.key === 'Enter') location.hash = `#/trace/${point.traceId}`;
        },
      },
      s(
        'title',
        {},
        `${trace.rootName} · ${formatMs(trace.durationMs)} · ${formatTime(trace.startMs)}`,
      ),
    );
    svg.append(dot);
  }
  return svg;
}
