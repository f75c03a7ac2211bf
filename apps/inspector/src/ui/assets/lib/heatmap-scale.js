/**
 * The heatmap's pure parts: cell colours, the legend, axis labels (the top one is the largest
 * value, not the top row's lower edge) and turning a drag-selected block of cells into the
 * time and value range it covers.
 */

/** The colour of a cell holding `count` of at most `maxCell`: light blue to dark purple. */
export function cellColor(count, maxCell) {
  const intensity = maxCell > 0 ? Math.sqrt(Math.min(count, maxCell) / maxCell) : 0;
  return `hsl(${Math.round(225 + intensity * 35)}, 75%, ${Math.round(88 - intensity * 52)}%)`;
}

/** Legend stops: counts from 1 to maxCell (at most `steps`, no repeats) with their colours. */
export function legendStops(maxCell, steps = 5) {
  if (maxCell <= 0) return [];
  const counts = new Set();
  for (let i = 0; i < steps; i++) {
    counts.add(Math.max(1, Math.round(1 + ((maxCell - 1) * i) / Math.max(1, steps - 1))));
  }
  return [...counts].map((count) => ({ count, color: cellColor(count, maxCell) }));
}

/**
 * Labels of the value axis: the bottom row's lower edge, a middle row's, and at the top the
 * largest value seen (the top row holds values up to it).
 */
export function axisLabels(rowEdges, maxValue) {
  const rows = rowEdges.length;
  if (!rows) return [];
  const middle = Math.floor(rows / 2);
  return [
    { position: 0, value: rowEdges[0] },
    { position: middle / rows, value: rowEdges[middle] },
    { position: 1, value: maxValue },
  ];
}

/**
 * The range a block of cells covers (columns c0..c1, rows r0..r1 in any order): times from the
 * first column's start to the last column's end, values from the lowest row's lower edge to the
 * highest row's upper edge (the next row's lower edge, or the largest value for the top row).
 */
export function selectionRange(heatmap, fromMs, columnMs, c0, c1, r0, r1) {
  const [firstColumn, lastColumn] = [Math.min(c0, c1), Math.max(c0, c1)];
  const [lowRow, highRow] = [Math.min(r0, r1), Math.max(r0, r1)];
  const edges = heatmap.rowEdges;
  return {
    fromMs: fromMs + firstColumn * columnMs,
    toMs: fromMs + (lastColumn + 1) * columnMs,
    minValue: lowRow === 0 ? (heatmap.minValue ?? edges[0]) : edges[lowRow],
    maxValue: highRow + 1 < edges.length ? edges[highRow + 1] : heatmap.maxValue,
    includeMax: highRow + 1 >= edges.length,
  };
}

/** How many values lie in a block of cells (the selection's count, shown while dragging). */
export function countInBlock(cells, c0, c1, r0, r1) {
  let count = 0;
  for (let c = Math.min(c0, c1); c <= Math.max(c0, c1); c++) {
    for (let r = Math.min(r0, r1); r <= Math.max(r0, r1); r++) count += cells[c]?.[r] ?? 0;
  }
  return count;
}
