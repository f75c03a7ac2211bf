/** #/accounting: what the inspector evicted or refused, and what each service says it dropped. */
import { api } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { formatTime } from '../lib/format.js';
import { notice, table } from '../components/common.js';

/** Renders telemetry accounting into `app`. */
export async function accountingPage(app) {
  const accounting = await api('/api/accounting');
  mount(
    app,
    h(
      'section',
      { class: 'panel', id: 'accounting' },
      h(
        'h2',
        {},
        'Telemetry accounting',
        h('span', { class: 'muted' }, ' so that "no data" is never silent'),
      ),
      h('h3', {}, 'In the inspector'),
      table(
        'groups signals',
        ['Signal', 'Received', 'Stored', 'Evicted', 'Refused', 'Why'],
        accounting.signals.map((signal) =>
          h(
            'tr',
            {
              dataset: { signal: signal.signal },
              class: signal.evicted || signal.refused ? 'has-loss' : '',
            },
            h('td', {}, signal.signal),
            h('td', { class: 'num' }, signal.received ?? '–'),
            h('td', { class: 'num' }, signal.stored),
            h('td', { class: 'num' }, signal.evicted),
            h('td', { class: 'num' }, signal.refused),
            h(
              'td',
              {},
              signal.reasons.map((reason) =>
                h('div', { class: 'reason' }, `${reason.count} × ${reason.reason}`),
              ),
            ),
          ),
        ),
      ),
      h('h3', {}, 'What the services say they dropped'),
      accounting.services.length
        ? table(
            'groups service-drops',
            ['Service', 'What', 'Count', 'Last said', 'Source'],
            accounting.services.map((report) =>
              h(
                'tr',
                {},
                h('td', {}, report.service),
                h('td', {}, report.what),
                h('td', { class: 'num' }, report.count),
                h('td', { class: 'nowrap' }, formatTime(report.lastMs)),
                h('td', { class: 'muted' }, report.source),
              ),
            ),
          )
        : notice(
            'empty',
            'No service reported dropping anything (dropped attribute/event/link counts on spans, telemetry.dropped.* attributes, delivery-failure log lines).',
          ),
    ),
  );
}
