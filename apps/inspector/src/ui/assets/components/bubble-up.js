/** BubbleUp: which attribute values are over-represented in the selected spans, ranked. */
import { h } from '../lib/dom.js';
import { percent, plural } from '../lib/format.js';
import { notice } from './common.js';

/** The ranked dimensions of a /api/bubble-up answer. */
export function bubbleUpView(result) {
  if (!result.selection.count) return notice('empty', 'No span in the selection.');
  if (!result.baseline.count) {
    return notice(
      'empty',
      'The selection holds every span of the query, so nothing sets it apart: select a smaller region.',
    );
  }
  const head = h(
    'p',
    { class: 'muted' },
    `${plural(result.selection.count, 'selected span')} against ${plural(result.baseline.count, 'other span')}: the attribute values most over-represented in the selection first.`,
  );
  if (!result.dimensions.length)
    return [head, notice('empty', 'No attribute sets the selection apart.')];
  return [
    head,
    h(
      'div',
      { class: 'bubble-up' },
      result.dimensions.map((dimension) =>
        h(
          'div',
          { class: 'dimension', dataset: { key: dimension.key } },
          h(
            'h4',
            {},
            dimension.key,
            h('span', { class: 'muted' }, ` +${percent(dimension.score)}`),
          ),
          h(
            'table',
            { class: 'bars' },
            dimension.values.map((value) =>
              h(
                'tr',
                {},
                h('td', { class: 'mono value', title: value.value }, value.value),
                h(
                  'td',
                  { class: 'bar-cell' },
                  h('div', {
                    class: 'bar selection',
                    style: { width: `${value.selectionShare * 100}%` },
                    title: `selection ${percent(value.selectionShare)}`,
                  }),
                  h('div', {
                    class: 'bar baseline',
                    style: { width: `${value.baselineShare * 100}%` },
                    title: `baseline ${percent(value.baselineShare)}`,
                  }),
                ),
                h(
                  'td',
                  { class: 'num' },
                  `${percent(value.selectionShare)} vs ${percent(value.baselineShare)}`,
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}
