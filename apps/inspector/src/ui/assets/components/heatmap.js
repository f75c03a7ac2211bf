/**
 * The HEATMAP: time across, value (log-spaced rows) up, a cell's colour its count, with a colour
 * legend and the largest value as the top label. Click a cell or drag across cells to select a
 * region: `onSelect(range)` gets its time and value bounds.
 */
import { h, s } from '../lib/dom.js';
import { formatMs, formatTime, plural } from '../lib/format.js';
import {
  axisLabels,
  cellColor,
  countInBlock,
  legendStops,
  selectionRange,
} from '../lib/heatmap-scale.js';

/** The heatmap of a /api/query result (its `heatmap`, `fromMs`, `columnMs`). */
export function heatmapView(result, onSelect) {
  const map = result.heatmap;
  const { cells, rowEdges, maxCell } = map;
  const isDuration = map.field === 'duration_ms';
  const valueText = (value) => (isDuration ? formatMs(value) : formatNumber(value));
  const columns = cells.length;
  const rows = rowEdges.length;
  const width = 760;
  const height = 220;
  const left = 70;
  const bottom = 20;
  const cellWidth = (width - left) / columns;
  const cellHeight = (height - bottom) / rows;
  const svg = s('svg', {
    class: 'heatmap',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `heatmap of ${map.field}`,
  });
  const cellAt = (event) => {
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * width;
    const y = ((event.clientY - box.top) / box.height) * height;
    return {
      column: Math.min(columns - 1, Math.max(0, Math.floor((x - left) / cellWidth))),
      row: Math.min(rows - 1, Math.max(0, Math.floor((height - bottom - y) / cellHeight))),
    };
  };
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      const count = cells[column][row];
      if (!count) continue;
      svg.append(
        s(
          'rect',
          {
            class: 'cell',
            x: left + column * cellWidth,
            y: height - bottom - (row + 1) * cellHeight,
            width: Math.max(1, cellWidth - 1),
            height: Math.max(1, cellHeight - 1),
            fill: cellColor(count, maxCell),
            dataset: { column, row, count },
          },
          s('title', {}, `${plural(count, 'span')} of ${valueText(rowEdges[row])} or more`),
        ),
      );
    }
  }
  for (const label of axisLabels(rowEdges, map.maxValue)) {
    svg.append(
      s(
        'text',
        {
          x: left - 6,
          y: Math.max(10, height - bottom - label.position * (height - bottom) - 2),
          'text-anchor': 'end',
          class: 'axis',
          dataset: { position: label.position },
        },
        valueText(label.value),
      ),
    );
  }
  svg.append(
    s('text', { x: left, y: height - 4, class: 'axis' }, formatTime(result.fromMs)),
    s(
      'text',
      { x: width, y: height - 4, 'text-anchor': 'end', class: 'axis' },
      formatTime(result.fromMs + result.columnMs * columns),
    ),
    s('line', {
      x1: left,
      y1: height - bottom,
      x2: width,
      y2: height - bottom,
      class: 'axis-line',
    }),
  );
  const selection = s('rect', { class: 'selection', visibility: 'hidden' });
  svg.append(selection);
  let drag;
  const drawSelection = (a, b) => {
    const [c0, c1] = [Math.min(a.column, b.column), Math.max(a.column, b.column)];
    const [r0, r1] = [Math.min(a.row, b.row), Math.max(a.row, b.row)];
    selection.setAttribute('x', left + c0 * cellWidth);
    selection.setAttribute('y', height - bottom - (r1 + 1) * cellHeight);
    selection.setAttribute('width', (c1 - c0 + 1) * cellWidth);
    selection.setAttribute('height', (r1 - r0 + 1) * cellHeight);
    selection.setAttribute('visibility', 'visible');
    hint.textContent = `${plural(countInBlock(cells, a.column, b.column, a.row, b.row), 'span')} selected`;
  };
  svg.addEventListener('pointerdown', (event) => {
    drag = { start: cellAt(event) };
    svg.setPointerCapture?.(event.pointerId);
    drawSelection(drag.start, drag.start);
  });
  svg.addEventListener('pointermove', (event) => {
    if (drag) drawSelection(drag.start, cellAt(event));
  });
  svg.addEventListener('pointerup', (event) => {
    if (!drag) return;
    const end = cellAt(event);
    const start = drag.start;
    drag = undefined;
    drawSelection(start, end);
    onSelect?.(
      selectionRange(
        map,
        result.fromMs,
        result.columnMs,
        start.column,
        end.column,
        start.row,
        end.row,
      ),
    );
  });
  const hint = h(
    'span',
    { class: 'muted heatmap-hint' },
    'Click a cell or drag across cells: the traces inside, and what sets them apart',
  );
  return h('div', { class: 'heatmap-wrap' }, svg, legend(maxCell), hint);
}

/** The colour legend: from one span to the fullest cell. */
function legend(maxCell) {
  return h(
    'div',
    { class: 'heatmap-legend', 'aria-label': 'colour legend' },
    h('span', { class: 'muted' }, 'spans per cell'),
    legendStops(maxCell).map((stop) =>
      h(
        'span',
        { class: 'legend-stop' },
        h('span', { class: 'swatch', style: { background: stop.color } }),
        String(stop.count),
      ),
    ),
  );
}

function formatNumber(value) {
  if (!Number.isFinite(value)) return '–';
  return Math.abs(value) >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(3)));
}
