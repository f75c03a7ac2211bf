/** #/trace/<id>/compare: a trace beside the median trace of its root route, span by span. */
import { api } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { formatMs, plural } from '../lib/format.js';
import { notice, table } from '../components/common.js';

/** Renders the comparison into `app`. */
export async function comparePage(app, traceId) {
  let diff;
  try {
    diff = await api(`/api/traces/${encodeURIComponent(traceId)}/compare`);
  } catch (error) {
    mount(
      app,
      h(
        'section',
        { class: 'panel' },
        notice('error', error.message),
        h('a', { href: `#/trace/${traceId}` }, '← the trace'),
      ),
    );
    return;
  }
  const signed = (ms) =>
    ms === null ? '–' : `${ms > 0 ? '+' : ms < 0 ? '−' : ''}${formatMs(Math.abs(ms))}`;
  mount(
    app,
    h(
      'section',
      { class: 'panel', id: 'compare' },
      h('a', { href: `#/trace/${traceId}`, class: 'back' }, '← the trace'),
      h('h1', {}, `Compared with normal: ${diff.route}`),
      h(
        'p',
        { class: 'muted' },
        `This trace took ${formatMs(diff.trace.durationMs)}; the median of ${plural(diff.sampleSize, 'trace')} of the same root route took ${formatMs(diff.baseline.durationMs)} (`,
        h('a', { href: `#/trace/${diff.baseline.traceId}` }, 'open it'),
        `). Rows are matched by service, span name and place in the tree; the largest self-time difference first.`,
      ),
      table(
        'compare',
        [
          'Service',
          'Span',
          'Self time here',
          'Self time normally',
          'Difference',
          'Duration here',
          'Duration normally',
        ],
        diff.rows.map((row) =>
          h(
            'tr',
            { class: row.only ? `only-${row.only}` : row.selfDiffMs > 0 ? 'slower' : 'faster' },
            h('td', {}, row.service),
            h(
              'td',
              { style: { paddingLeft: `${row.depth * 14 + 6}px` } },
              row.name,
              row.only
                ? h(
                    'span',
                    { class: 'badge muted' },
                    row.only === 'trace' ? 'only here' : 'only normally',
                  )
                : null,
            ),
            h('td', { class: 'num' }, row.selfMs === null ? '–' : formatMs(row.selfMs)),
            h(
              'td',
              { class: 'num' },
              row.baselineSelfMs === null ? '–' : formatMs(row.baselineSelfMs),
            ),
            h(
              'td',
              { class: `num diff ${row.selfDiffMs > 0 ? 'error-text' : ''}` },
              signed(row.selfDiffMs),
            ),
            h('td', { class: 'num' }, row.durationMs === null ? '–' : formatMs(row.durationMs)),
            h(
              'td',
              { class: 'num' },
              row.baselineDurationMs === null ? '–' : formatMs(row.baselineDurationMs),
            ),
          ),
        ),
      ),
    ),
  );
}
