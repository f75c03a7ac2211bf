/** #/ : recent traces, a duration scatter and the filters. */
import { api } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { formatMs, formatTime, plural, shortId } from '../lib/format.js';
import { hashOf } from '../lib/router.js';
import { notice, serviceChip, table } from '../components/common.js';
import { FILTER_FIELDS, filterForm } from '../components/filters.js';
import { durationScatter } from '../components/scatter.js';

/** Parameters of the list beyond the form's: a service map click names an edge. */
const LINK_FIELDS = ['caller', 'callee', 'edgeKind', 'fromMs', 'toMs'];

/** Renders the trace list into `app`; returns a function that refreshes it. */
export async function tracesPage(app, params) {
  const facets = await api('/api/facets');
  const list = h('div', { class: 'trace-list' });
  const summary = h('div', { class: 'list-summary' });
  const scatter = h('div', { class: 'scatter-wrap' });
  const linked = LINK_FIELDS.filter((field) => params.get(field));
  mount(
    app,
    h(
      'section',
      { class: 'panel' },
      filterForm(params, facets, (next) => (location.hash = hashOf('/', next))),
    ),
    h('section', { class: 'panel' }, summary, scatter, list),
  );
  const query = new URLSearchParams();
  for (const field of [...FILTER_FIELDS, 'attr', ...LINK_FIELDS]) {
    for (const value of params.getAll(field)) query.append(field, value);
  }
  query.set('limit', '100');
  const render = async () => {
    let result;
    try {
      result = await api(`/api/traces?${query}`);
    } catch (error) {
      mount(list, notice('error', error.message));
      return;
    }
    mount(
      summary,
      h('h2', {}, 'Recent traces'),
      h(
        'span',
        { class: 'muted' },
        `${result.traces.length} shown of ${result.total} matching · refreshes every 3 s`,
      ),
      linked.length
        ? h(
            'span',
            { class: 'badge muted' },
            linked.map((field) => `${field} ${params.get(field)}`).join(' · '),
          )
        : null,
    );
    if (!result.traces.length) {
      mount(scatter);
      mount(
        list,
        notice(
          'empty',
          result.total === 0 && query.toString() === 'limit=100'
            ? 'No traces yet. Send a request through the mesh (curl http://127.0.0.1:4567/api/activities/home) and it shows up here.'
            : 'No trace matches these filters.',
        ),
      );
      return;
    }
    mount(scatter, durationScatter(result.traces));
    mount(list, traceTable(result));
  };
  await render();
  return render;
}

function traceTable(result) {
  const longest = Math.max(...result.traces.map((trace) => trace.durationMs), 0.001);
  return table(
    'traces',
    ['Started', 'Root span', 'Services', 'Duration', 'Spans', 'User', 'Signals', 'Trace id'],
    result.traces.map((trace) =>
      h(
        'tr',
        {
          class: trace.errorCount ? 'has-error' : '',
          onclick: () => (location.hash = `#/trace/${trace.traceId}`),
        },
        h('td', { class: 'nowrap' }, formatTime(trace.startMs)),
        h(
          'td',
          {},
          h('a', { href: `#/trace/${trace.traceId}`, class: 'root-name' }, trace.rootName),
          trace.errorCount
            ? h('span', { class: 'badge error' }, plural(trace.errorCount, 'error'))
            : null,
          trace.partial
            ? h(
                'span',
                { class: 'badge muted', title: 'The root span is not here (yet)' },
                'partial',
              )
            : null,
          trace.propagationIssues
            ? h(
                'span',
                {
                  class: 'badge warn propagation',
                  title: 'where the trace context was lost: see the trace page',
                },
                plural(trace.propagationIssues, 'propagation issue'),
              )
            : null,
        ),
        h(
          'td',
          {},
          trace.services.map((service) => serviceChip(service, result.serviceColors)),
        ),
        h(
          'td',
          { class: 'duration-cell' },
          h('div', {
            class: 'duration-bar',
            style: { width: `${Math.max(2, (trace.durationMs / longest) * 100)}%` },
          }),
          h('span', {}, formatMs(trace.durationMs)),
        ),
        h('td', { class: 'num' }, trace.spanCount),
        h('td', {}, trace.user || h('span', { class: 'muted' }, '–')),
        h(
          'td',
          { class: 'signals' },
          trace.logEvents
            ? h(
                'span',
                { class: 'signal logs', title: 'log lines' },
                plural(trace.logEvents, 'log'),
              )
            : null,
          trace.xraySegments
            ? h(
                'span',
                { class: 'signal xray', title: 'X-Ray segments' },
                `${trace.xraySegments} X-Ray`,
              )
            : null,
          trace.rollbarItems
            ? h(
                'span',
                { class: 'signal rollbar', title: 'Rollbar items' },
                `${trace.rollbarItems} Rollbar`,
              )
            : null,
        ),
        h('td', { class: 'mono muted' }, shortId(trace.traceId)),
      ),
    ),
  );
}
