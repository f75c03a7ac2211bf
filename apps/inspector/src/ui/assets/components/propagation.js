/** The broken-propagation findings of a trace, each linked to its span and to the other trace. */
import { h } from '../lib/dom.js';

const TITLES = {
  'missing-parent': 'Parent never arrived',
  'context-lost': 'Call lost its context',
  'started-new-trace': 'Started a new trace',
  'segment-without-span': 'X-Ray segment without a span',
  'span-without-segment': 'Span without an X-Ray segment',
};

/** The list; `onShowSpan(id)` opens a span of this trace in the waterfall. */
export function propagationPanel(issues, onShowSpan) {
  return h(
    'ul',
    { class: 'issues' },
    issues.map((issue) =>
      h(
        'li',
        { class: `issue ${issue.kind}`, dataset: { kind: issue.kind } },
        h('strong', {}, TITLES[issue.kind] ?? issue.kind),
        ' ',
        issue.message,
        issue.spanId
          ? [
              ' ',
              h(
                'a',
                {
                  href: '#',
                  onclick: (event) => (event.preventDefault(), onShowSpan(issue.spanId)),
                },
                'show span',
              ),
            ]
          : null,
        issue.other
          ? [
              ' · ',
              h(
                'a',
                { href: `#/trace/${issue.other.traceId}`, class: 'other-trace' },
                'the other trace',
              ),
            ]
          : null,
      ),
    ),
  );
}
