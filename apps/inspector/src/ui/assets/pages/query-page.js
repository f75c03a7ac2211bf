/**
 * #/query: Honeycomb's model. Calculations (COUNT, COUNT_DISTINCT, AVG, SUM, P50–P99, MAX,
 * HEATMAP) over any numeric attribute, grouped by any attribute, over a time range; a heatmap
 * region opens its traces and what sets them apart (BubbleUp).
 */
import { api } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { formatMs, formatTime, minutesLabel, plural, shortId } from '../lib/format.js';
import { hashOf } from '../lib/router.js';
import { bubbleUpView } from '../components/bubble-up.js';
import { card, notice, serviceChip, table } from '../components/common.js';
import { filterForm } from '../components/filters.js';
import { heatmapView } from '../components/heatmap.js';
import { sparkline } from '../components/sparkline.js';

const DEFAULT_CALCS =
  'COUNT, P50(duration_ms), P90(duration_ms), P99(duration_ms), MAX(duration_ms), HEATMAP(duration_ms)';

/** Renders the query page into `app`. */
export async function queryPage(app, params) {
  if (!params.has('sinceMinutes') && !params.has('fromMs')) params.set('sinceMinutes', '60');
  if (!params.has('groupBy')) params.set('groupBy', 'service.name');
  if (!params.has('calcs')) params.set('calcs', DEFAULT_CALCS);
  const facets = await api('/api/facets');
  const extra = [
    h(
      'label',
      { class: 'wide' },
      'Calculate',
      h('input', {
        name: 'calcs',
        class: 'calcs',
        value: params.get('calcs'),
        title:
          'COUNT, COUNT_DISTINCT(f), AVG(f), SUM(f), P50(f), P90(f), P95(f), P99(f), MAX(f), HEATMAP(f)',
      }),
    ),
    h(
      'label',
      {},
      'Group by',
      h('input', { name: 'groupBy', list: 'group-keys', value: params.get('groupBy') }),
    ),
    h(
      'datalist',
      { id: 'group-keys' },
      [
        'none',
        'service.name',
        'http.route',
        'name',
        'app.user_id',
        'trace.trace_id',
        'status_code',
        ...facets.attributeKeys,
      ].map((key) => h('option', { value: key })),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        name: 'rootOnly',
        value: 'true',
        checked: params.get('rootOnly') === 'true',
      }),
      'Root spans only',
    ),
  ];
  const results = h('div', { class: 'query-results' });
  const region = h('section', { class: 'panel', id: 'region', hidden: true });
  mount(
    app,
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Query'),
      filterForm(
        params,
        facets,
        (next) => (location.hash = hashOf('/query', next)),
        extra,
        '#/query',
      ),
    ),
    h('section', { class: 'panel' }, results),
    region,
  );
  let result;
  try {
    result = await api(`/api/query?${params}`);
  } catch (error) {
    mount(results, notice('error', error.message));
    return;
  }
  if (!result.count) {
    mount(results, notice('empty', 'No span matches this query.'));
    return;
  }
  const showRegion = async (range) => {
    region.hidden = false;
    mount(region, h('h2', {}, 'Selected region'), notice('empty', 'Loading…'));
    const query = new URLSearchParams(params);
    query.set('field', result.heatmap.field);
    query.set('regionFromMs', String(range.fromMs));
    query.set('regionToMs', String(range.toMs));
    query.set('minValue', String(range.minValue));
    query.set('maxValue', String(range.maxValue));
    if (range.includeMax) query.set('includeMax', 'true');
    await showSelection(
      region,
      `/api/query/region?${query}`,
      `${result.heatmap.field} ${format(result.heatmap.field, range.minValue)} – ${format(result.heatmap.field, range.maxValue)}, ${formatTime(range.fromMs)} – ${formatTime(range.toMs)}`,
      result.serviceColors,
    );
  };
  const slow = async () => {
    region.hidden = false;
    const query = new URLSearchParams(params);
    query.set('slowerThan', 'p90');
    await showSelection(
      region,
      `/api/query/region?${query}`,
      'spans slower than the P90 of this query',
      result.serviceColors,
    );
  };
  mount(
    results,
    h(
      'div',
      { class: 'cards' },
      card('Spans', result.count),
      result.calcs
        .filter((calc) => calc.op !== 'HEATMAP')
        .map((calc) => card(calc.label, format(calc.field, result.totals[calc.label], calc.op))),
    ),
    result.heatmap
      ? [
          h(
            'h3',
            {},
            `HEATMAP(${result.heatmap.field})`,
            h(
              'span',
              { class: 'muted' },
              ` ${formatTime(result.fromMs)} – ${formatTime(result.toMs)}, ${formatMs(result.columnMs)} per column`,
            ),
            h(
              'button',
              { type: 'button', id: 'why-slow', class: 'inline', onclick: slow },
              'Why are the slowest 10% slow?',
            ),
          ),
          heatmapView(result, showRegion),
        ]
      : null,
    h(
      'h3',
      {},
      result.groupBy === 'none' ? 'All spans' : `Grouped by ${result.groupBy}`,
      h(
        'span',
        { class: 'muted' },
        params.get('sinceMinutes') ? ` · last ${minutesLabel(params.get('sinceMinutes'))}` : '',
      ),
    ),
    table(
      'groups',
      [
        result.groupBy,
        ...result.calcs.filter((calc) => calc.op !== 'HEATMAP').map((calc) => calc.label),
        'Count over time',
      ],
      result.groups.map((group) =>
        h(
          'tr',
          {},
          h('td', {}, groupCell(result, group.key)),
          result.calcs
            .filter((calc) => calc.op !== 'HEATMAP')
            .map((calc) =>
              h('td', { class: 'num' }, format(calc.field, group.values[calc.label], calc.op)),
            ),
          h('td', {}, sparkline(group.series, result.serviceColors[group.key])),
        ),
      ),
    ),
  );
}

function groupCell(result, key) {
  if (result.groupBy === 'service.name') return serviceChip(key, result.serviceColors);
  if (result.groupBy === 'trace.trace_id')
    return h('a', { href: `#/trace/${key}`, class: 'mono' }, key);
  return key;
}

/** A calculation's value: durations as times, counts as whole numbers. */
function format(field, value, op) {
  if (value === null || value === undefined) return '–';
  if (op === 'COUNT' || op === 'COUNT_DISTINCT') return String(value);
  if (field === 'duration_ms') return formatMs(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The traces of a selection and its BubbleUp. */
async function showSelection(region, url, what, colors) {
  let answer;
  try {
    answer = await api(url);
  } catch (error) {
    mount(region, h('h2', {}, 'Selected region'), notice('error', error.message));
    return;
  }
  mount(
    region,
    h(
      'h2',
      {},
      'Selection',
      h(
        'span',
        { class: 'muted' },
        ` ${what}: ${plural(answer.spanCount, 'span')} in ${plural(answer.traceCount, 'trace')}`,
      ),
    ),
    h('h3', {}, 'Traces'),
    answer.traces.length
      ? table(
          'traces region-traces',
          ['Started', 'Root span', 'Services', 'Duration', 'Trace id'],
          answer.traces.map((trace) =>
            h(
              'tr',
              { onclick: () => (location.hash = `#/trace/${trace.traceId}`) },
              h('td', { class: 'nowrap' }, formatTime(trace.startMs)),
              h('td', {}, h('a', { href: `#/trace/${trace.traceId}` }, trace.rootName)),
              h(
                'td',
                {},
                trace.services.map((service) => serviceChip(service, colors)),
              ),
              h('td', { class: 'num' }, formatMs(trace.durationMs)),
              h('td', { class: 'mono muted' }, shortId(trace.traceId)),
            ),
          ),
        )
      : notice('empty', 'No trace in the selection.'),
    h('h3', {}, 'Why is this different? (BubbleUp)'),
    bubbleUpView(answer.bubbleUp),
  );
}
