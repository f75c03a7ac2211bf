import { describe, expect, it, vi } from 'vitest';
import { logTable } from '../assets/components/log-table.js';
import { rollbarItems } from '../assets/components/rollbar-items.js';
import { layoutMap } from '../assets/lib/map-layout.js';
import { rollbarSummary } from '../assets/lib/rollbar-model.js';
import { scatterPoints } from '../assets/lib/scatter-model.js';

const line = (overrides) => ({
  sequence: 1,
  timestamp: Date.UTC(2026, 11, 2, 14, 0, 0, 5),
  service: 'gateway',
  level: 'info',
  message: 'request served',
  fields: { context: 'AccessLog', user_id: 'worf' },
  logGroupName: 'cruddur',
  logStreamName: 'gateway/x',
  ...overrides,
});

describe('the log table', () => {
  it('shows time, service, level and message as columns, fields on demand, and links the span', () => {
    const onShowSpan = vi.fn();
    const table = logTable(
      [
        line({ spanId: 'a000000000000001' }),
        line({
          sequence: 2,
          level: 'error',
          message: 'boom',
          stack: ['Error: boom', '    at x (y.ts:1:2)'],
          spanId: 'ffffffffffffffff',
        }),
      ],
      { onShowSpan, spanIds: new Set(['a000000000000001']) },
    );
    const rows = [...table.querySelectorAll('tr.log-line')];
    expect(
      rows.map((row) => [...row.children].slice(1, 4).map((cell) => cell.textContent)),
    ).toEqual([
      ['gateway', 'INFO', 'request served'],
      ['gateway', 'ERROR', 'boom'],
    ]);
    const detail = table.querySelector('tr.log-detail');
    expect(detail.hidden).toBe(true);
    rows[0].querySelector('button').click();
    expect(detail.hidden).toBe(false);
    expect(detail.textContent).toContain('user_id');
    rows[0].querySelector('a.span-link').click();
    expect(onShowSpan).toHaveBeenCalledWith('a000000000000001');
    // A span that is not on the page gets no link; the stack is shown as lines.
    expect(rows[1].querySelector('a.span-link')).toBeNull();
    expect([...table.querySelectorAll('.stack .frame')].map((frame) => frame.textContent)).toEqual([
      'Error: boom',
      '    at x (y.ts:1:2)',
    ]);
  });

  it('puts a hostile message in as text', () => {
    const table = logTable([line({ message: '<img src=x onerror=alert(1)>' })], {});
    expect(table.querySelector('img')).toBeNull();
    expect(table.querySelector('.log-message').textContent).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('Rollbar items', () => {
  const item = {
    uuid: 'u-1',
    title: 'TypeError: x is undefined',
    level: 'error',
    environment: 'development',
    ingestedAt: 0,
    data: {
      body: {
        trace: {
          exception: { class: 'TypeError', message: 'x is undefined' },
          frames: [
            { filename: 'main.ts', lineno: 1, method: 'bootstrap' },
            {
              filename: 'home.service.ts',
              lineno: 42,
              colno: 7,
              method: 'HomeService.list',
              code: 'return x.y;',
            },
          ],
        },
      },
      request: { method: 'GET', url: 'http://localhost/rollbar/test' },
    },
  };

  it('reads title, level, exception and frames, throwing frame first', () => {
    const summary = rollbarSummary(item);
    expect(summary.exceptions).toEqual([
      {
        className: 'TypeError',
        message: 'x is undefined',
        description: undefined,
        frames: [
          { where: 'home.service.ts:42:7', method: 'HomeService.list', code: 'return x.y;' },
          { where: 'main.ts:1', method: 'bootstrap', code: '' },
        ],
      },
    ]);
    expect(summary.request).toBe('GET http://localhost/rollbar/test');
    expect(
      rollbarSummary({ title: 'hi', level: 'info', data: { body: { message: { body: 'hi' } } } }),
    ).toMatchObject({ exceptions: [], message: 'hi' });
  });

  it('shows the raw item only on demand', () => {
    const panel = rollbarItems([item]);
    expect(panel.querySelector('.exception-title').textContent).toBe('TypeError: x is undefined');
    expect(panel.querySelectorAll('.frames li')).toHaveLength(2);
    const raw = panel.querySelector('details.raw');
    expect(raw.open).toBe(false);
    expect(raw.querySelector('pre').textContent).toContain('"HomeService.list"');
  });
});

describe('layouts', () => {
  it('puts each service one column right of its callers', () => {
    const layout = layoutMap(
      [{ service: 'gateway' }, { service: 'home-activities' }, { service: 'notifications' }],
      [
        { from: 'gateway', to: 'home-activities' },
        { from: 'gateway', to: 'notifications' },
        { from: 'home-activities', to: 'notifications' },
      ],
    );
    const x = (service) => layout.positions.get(service).x;
    expect(x('gateway')).toBeLessThan(x('home-activities'));
    expect(x('home-activities')).toBeLessThan(x('notifications'));
  });

  it('scatters traces by time and duration (log scale)', () => {
    const { points } = scatterPoints(
      [
        { traceId: 'a', startMs: 0, durationMs: 1, errorCount: 0 },
        { traceId: 'b', startMs: 100, durationMs: 1000, errorCount: 1 },
        { traceId: 'c', startMs: 50, durationMs: Math.sqrt(1000), errorCount: 0 },
      ],
      { width: 116, height: 116, padding: 8 },
    );
    expect(points.map((p) => [p.traceId, Math.round(p.x), Math.round(p.y), p.error])).toEqual([
      ['a', 8, 108, false],
      ['b', 108, 8, true],
      ['c', 58, 58, false],
    ]);
  });
});
