/** The X-Ray segments of a trace, subsegments indented under their segment. */
import { h } from '../lib/dom.js';
import { formatDateTime, formatMs } from '../lib/format.js';
import { notice, table } from './common.js';

/** The trace page's X-Ray panel. */
export function xrayTable(records, traceStartMs) {
  if (!records.length) {
    return notice(
      'empty',
      'No X-Ray segment of this trace was received (UDP, the X-Ray daemon port).',
    );
  }
  const rows = [];
  const add = (document, depth) => {
    rows.push({ document, depth });
    for (const child of document.subsegments || []) add(child, depth + 1);
  };
  for (const record of records) add(record.document, 0);
  return table(
    'xray',
    ['Segment', 'Id', 'Start', 'Duration', 'Flags', 'Annotations'],
    rows.map(({ document, depth }) => {
      const flags = ['error', 'fault', 'throttle', 'in_progress'].filter((flag) => document[flag]);
      return h(
        'tr',
        { class: flags.some((flag) => flag !== 'in_progress') ? 'has-error' : '' },
        h(
          'td',
          { style: { paddingLeft: `${depth * 16 + 8}px` } },
          document.name,
          depth === 0 && document.type !== 'subsegment'
            ? h('span', { class: 'muted' }, ' segment')
            : null,
        ),
        h('td', { class: 'mono muted' }, document.id),
        h(
          'td',
          { class: 'mono' },
          traceStartMs
            ? `+${formatMs(document.start_time * 1000 - traceStartMs)}`
            : formatDateTime(document.start_time * 1000),
        ),
        h(
          'td',
          { class: 'mono' },
          document.end_time ? formatMs((document.end_time - document.start_time) * 1000) : '…',
        ),
        h(
          'td',
          {},
          flags.map((flag) =>
            h('span', { class: `badge ${flag === 'in_progress' ? 'muted' : 'error'}` }, flag),
          ),
        ),
        h(
          'td',
          { class: 'mono' },
          document.annotations ? JSON.stringify(document.annotations) : '',
        ),
      );
    }),
  );
}
