import { describe, expect, it } from 'vitest';
import {
  formatMs,
  minutesLabel,
  percent,
  plural,
  shortId,
  TIME_RANGES,
} from '../assets/lib/format.js';
import { hashOf, matchRoute, parseHash } from '../assets/lib/router.js';

describe('formatting', () => {
  it('writes one of a thing in the singular', () => {
    expect(plural(1, 'span')).toBe('1 span');
    expect(plural(2, 'span')).toBe('2 spans');
    expect(plural(0, 'span')).toBe('0 spans');
    expect(plural(1, 'reply', 'replies')).toBe('1 reply');
    expect(plural(3, 'reply', 'replies')).toBe('3 replies');
  });

  it('gives every time range a unit', () => {
    for (const range of TIME_RANGES) expect(range.label).toMatch(/\d+ (minutes|hours?)$/);
    expect(minutesLabel('60')).toBe('1 hour');
    expect(minutesLabel(120)).toBe('2 hours');
    expect(minutesLabel(1)).toBe('1 minute');
  });

  it('writes durations, rates and id ends', () => {
    expect([0.42, 4.2, 12.34, 1234].map(formatMs)).toEqual([
      '420 µs',
      '4.20 ms',
      '12.3 ms',
      '1.23 s',
    ]);
    expect(formatMs(NaN)).toBe('–');
    expect(percent(0.005)).toBe('0.50%');
    expect(percent(0.25)).toBe('25%');
    expect(shortId('5759e988bd862e3fe1be46a994272793')).toBe('…94272793');
  });
});

describe('routes', () => {
  it('reads and writes hashes', () => {
    const { path, params } = parseHash('#/query?groupBy=service.name&sinceMinutes=60');
    expect(path).toBe('/query');
    expect(params.get('groupBy')).toBe('service.name');
    expect(hashOf(path, params)).toBe('#/query?groupBy=service.name&sinceMinutes=60');
    expect(parseHash('').path).toBe('/');
  });

  it('knows every page', () => {
    expect(matchRoute('/trace/abc')).toEqual({ page: 'trace', section: 'traces', id: 'abc' });
    expect(matchRoute('/trace/abc/compare')).toMatchObject({ page: 'compare', id: 'abc' });
    expect(matchRoute('/map').page).toBe('map');
    expect(matchRoute('/accounting').page).toBe('accounting');
    expect(matchRoute('/anything').page).toBe('traces');
  });
});
