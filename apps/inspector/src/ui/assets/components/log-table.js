/**
 * Log lines as a table in time order: time, service, level, message; the rest of the fields and
 * the stack trace on demand; each line linked to the span it was written in.
 */
import { h } from '../lib/dom.js';
import { formatTime } from '../lib/format.js';
import { notice, stackTrace } from './common.js';

/**
 * The table. `onShowSpan(spanId)` opens a span in the waterfall (absent: no span links);
 * `spanIds` are the spans on the page (a line naming another span gets no link).
 */
export function logTable(lines, { onShowSpan, colors = {}, spanIds } = {}) {
  if (!lines.length) {
    return notice(
      'empty',
      'No log line of this trace was received (CloudWatch Logs API on the inspector port).',
    );
  }
  return h(
    'table',
    { class: 'log-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Time', 'Service', 'Level', 'Message', 'Span', ''].map((title) => h('th', {}, title)),
      ),
    ),
    h(
      'tbody',
      {},
      lines.map((line) => logRows(line, { onShowSpan, colors, spanIds })),
    ),
  );
}

function logRows(line, { onShowSpan, colors, spanIds }) {
  const extra = Object.keys(line.fields).length || line.stack;
  const detail = h(
    'tr',
    { class: 'log-detail', hidden: true },
    h(
      'td',
      { colspan: '6' },
      line.stack ? stackTrace(line.stack) : null,
      h(
        'table',
        { class: 'kv' },
        Object.entries(line.fields).map(([key, value]) =>
          h(
            'tr',
            {},
            h('th', {}, key),
            h(
              'td',
              { class: 'mono' },
              typeof value === 'object' ? JSON.stringify(value) : String(value),
            ),
          ),
        ),
        h(
          'tr',
          {},
          h('th', {}, 'stream'),
          h('td', { class: 'mono' }, `${line.logGroupName} / ${line.logStreamName}`),
        ),
      ),
    ),
  );
  const linked = line.spanId && onShowSpan && (!spanIds || spanIds.has(line.spanId));
  const row = h(
    'tr',
    {
      class: `log-line level-${line.level || 'none'}`,
      dataset: { spanId: line.spanId || '', timestamp: String(line.timestamp) },
    },
    h('td', { class: 'mono nowrap log-time' }, formatTime(line.timestamp)),
    h(
      'td',
      { class: 'nowrap' },
      h(
        'span',
        { class: 'chip', style: { '--service': colors[line.service] || '#888' } },
        line.service,
      ),
    ),
    h('td', { class: 'log-level' }, line.level ? line.level.toUpperCase() : '–'),
    h(
      'td',
      { class: 'log-message' },
      line.message || h('span', { class: 'muted' }, '(no message)'),
    ),
    h(
      'td',
      { class: 'mono nowrap' },
      linked
        ? h(
            'a',
            {
              href: '#',
              class: 'span-link',
              title: 'show this span in the waterfall',
              onclick: (event) => {
                event.preventDefault();
                onShowSpan(line.spanId);
              },
            },
            line.spanId.slice(-6),
          )
        : line.spanId
          ? h(
              'span',
              { class: 'muted', title: 'not among this trace’s spans' },
              line.spanId.slice(-6),
            )
          : '',
    ),
    h(
      'td',
      {},
      extra
        ? h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              'aria-expanded': 'false',
              onclick: (event) => {
                detail.hidden = !detail.hidden;
                event.currentTarget.setAttribute('aria-expanded', String(!detail.hidden));
                event.currentTarget.textContent = detail.hidden ? 'fields' : 'hide';
              },
            },
            'fields',
          )
        : '',
    ),
  );
  return [row, detail];
}
