import { describe, expect, it } from 'vitest';
import {
  axisLabels,
  cellColor,
  countInBlock,
  legendStops,
  selectionRange,
} from '../assets/lib/heatmap-scale.js';

const heatmap = {
  field: 'duration_ms',
  rowEdges: [1, 10, 100],
  cells: [
    [3, 0, 1],
    [0, 2, 0],
  ],
  maxCell: 3,
  minValue: 1,
  maxValue: 250,
};

describe('the heatmap scale', () => {
  it('labels the top of the value axis with the largest value, not the top row edge', () => {
    expect(axisLabels(heatmap.rowEdges, heatmap.maxValue)).toEqual([
      { position: 0, value: 1 },
      { position: 1 / 3, value: 10 },
      { position: 1, value: 250 },
    ]);
  });

  it('has a legend from one to the fullest cell, in the cells’ colours', () => {
    expect(legendStops(3).map((stop) => stop.count)).toEqual([1, 2, 3]);
    expect(legendStops(100).map((stop) => stop.count)).toEqual([1, 26, 51, 75, 100]);
    expect(legendStops(3).at(-1).color).toBe(cellColor(3, 3));
    expect(cellColor(1, 3)).not.toBe(cellColor(3, 3));
    expect(legendStops(0)).toEqual([]);
  });

  it('turns a dragged block of cells into its time and value range', () => {
    expect(selectionRange(heatmap, 1000, 60, 1, 0, 2, 1)).toEqual({
      fromMs: 1000,
      toMs: 1120,
      minValue: 10,
      maxValue: 250,
      includeMax: true,
    });
    expect(selectionRange(heatmap, 1000, 60, 0, 0, 0, 0)).toEqual({
      fromMs: 1000,
      toMs: 1060,
      minValue: 1,
      maxValue: 10,
      includeMax: false,
    });
    expect(countInBlock(heatmap.cells, 0, 1, 0, 2)).toBe(6);
    expect(countInBlock(heatmap.cells, 1, 1, 1, 1)).toBe(2);
  });
});
