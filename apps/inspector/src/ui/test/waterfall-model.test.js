import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  barGeometry,
  criticalStretches,
  searchSpans,
  subtreeSizes,
  visibleRows,
} from '../assets/lib/waterfall-model.js';

/** root > (a > a1, a2), b — in waterfall order with depths, as the API sends them. */
const spans = [
  {
    spanId: 'root',
    depth: 0,
    name: 'GET /api/activities/home',
    service: 'gateway',
    attributes: { 'http.route': '/api/activities/home' },
    offsetMs: 0,
    durationMs: 100,
  },
  {
    spanId: 'a',
    parentSpanId: 'root',
    depth: 1,
    name: 'home-activities/activities.home',
    service: 'gateway',
    attributes: { 'rpc.service': 'home-activities' },
    offsetMs: 10,
    durationMs: 50,
  },
  {
    spanId: 'a1',
    parentSpanId: 'a',
    depth: 2,
    name: 'activities.home',
    service: 'home-activities',
    attributes: { 'app.user_id': 'worf' },
    offsetMs: 12,
    durationMs: 40,
  },
  {
    spanId: 'a2',
    parentSpanId: 'a',
    depth: 2,
    name: 'db query',
    service: 'home-activities',
    attributes: {},
    status: { message: 'deadlock' },
    offsetMs: 20,
    durationMs: 5,
  },
  {
    spanId: 'b',
    parentSpanId: 'root',
    depth: 1,
    name: 'notifications/list',
    service: 'gateway',
    attributes: {},
    offsetMs: 70,
    durationMs: 20,
  },
];

describe('the waterfall model', () => {
  it('sizes subtrees and hides what a collapsed span holds', () => {
    expect(Object.fromEntries(subtreeSizes(spans))).toEqual({ root: 4, a: 2, a1: 0, a2: 0, b: 0 });
    expect(
      visibleRows(spans, new Set(['a'])).map((row) => [row.span.spanId, row.collapsed]),
    ).toEqual([
      ['root', false],
      ['a', true],
      ['b', false],
    ]);
    expect(visibleRows(spans, new Set(['root'])).map((row) => row.span.spanId)).toEqual(['root']);
    // Collapsing a leaf hides nothing and shows no collapsed state.
    expect(visibleRows(spans, new Set(['b'])).map((row) => row.collapsed)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('searches names, services, attributes and status messages, every word', () => {
    expect([...searchSpans(spans, 'worf')]).toEqual(['a1']);
    expect([...searchSpans(spans, 'HOME-activities')].sort()).toEqual(['a', 'a1', 'a2']);
    expect([...searchSpans(spans, 'home db')]).toEqual(['a2']);
    expect([...searchSpans(spans, 'deadlock')]).toEqual(['a2']);
    expect([...searchSpans(spans, 'rpc.service=home')]).toEqual(['a']);
    expect(searchSpans(spans, '  ').size).toBe(0);
    expect([...ancestorsOf(spans, ['a2'])].sort()).toEqual(['a', 'root']);
  });

  it('places bars and critical stretches on the track', () => {
    expect(barGeometry(spans[1], 100)).toEqual({ left: 10, width: 50 });
    // A zero-length span still shows.
    expect(barGeometry({ offsetMs: 50, durationMs: 0 }, 100)).toEqual({ left: 50, width: 0.4 });
    expect(
      criticalStretches(
        [
          { spanId: 'a', startMs: 52, endMs: 60 },
          { spanId: 'root', startMs: 0, endMs: 10 },
          { spanId: 'a', startMs: 10, endMs: 12 },
        ],
        'a',
        100,
      ),
    ).toEqual([
      { left: 10, width: 2 },
      { left: 52, width: 8 },
    ]);
  });
});
