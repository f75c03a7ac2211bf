/**
 * The inspector's single-page UI: hash routes (#/ traces, #/trace/<id>, #/query, #/map) rendered
 * from the JSON API with DOM calls only. Every value from telemetry goes in as text, never as
 * HTML: span attributes and log lines are user data.
 */

const app = document.getElementById('app');
const SVG_NS = 'http://www.w3.org/2000/svg';
let refreshTimer;

// ---------- small helpers ----------

/** Creates an element: h('div', {class: 'x', onclick: fn}, 'text', child). */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** The same for SVG elements. */
function s(tag, props = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

function applyProps(element, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'style') {
      for (const [property, setting] of Object.entries(value)) {
        if (property.startsWith('--')) element.style.setProperty(property, setting);
        else element.style[property] = setting;
      }
    } else if (key === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok)
    throw Object.assign(new Error(body.error || response.statusText), { status: response.status });
  return body;
}

function formatMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 0.9995) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function formatTime(ms) {
  if (!ms) return '–';
  const date = new Date(ms);
  return `${date.toLocaleTimeString([], { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function formatDateTime(ms) {
  return ms ? `${new Date(ms).toLocaleDateString()} ${formatTime(ms)}` : '–';
}

function percent(rate) {
  return `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 0)}%`;
}

/**
 * The distinguishing end of a trace id: ids made for X-Ray start with the epoch seconds, so every
 * trace of the same second shares its first 8 digits.
 */
function shortId(id) {
  return id ? `…${id.slice(-8)}` : '';
}

function valueText(value) {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function serviceChip(service, colors) {
  return h('span', { class: 'chip', style: { '--service': colors[service] || '#888' } }, service);
}

function message(kind, text) {
  return h('div', { class: `notice ${kind}` }, text);
}

function parseHash() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  return { path, params: new URLSearchParams(query) };
}

function setHashParams(path, params) {
  const query = params.toString();
  location.hash = `#${path}${query ? `?${query}` : ''}`;
}

// ---------- filters (shared by the trace list and the query page) ----------

const FILTER_FIELDS = [
  'service',
  'route',
  'status',
  'user',
  'minDurationMs',
  'attr',
  'sinceMinutes',
];

function filterForm(params, facets, onApply, extra = []) {
  const select = (name, label, options) =>
    h(
      'label',
      {},
      label,
      h(
        'select',
        { name },
        h('option', { value: '' }, 'any'),
        options.map((option) =>
          h('option', { value: option, selected: params.get(name) === option }, option),
        ),
      ),
    );
  const input = (name, label, props = {}) =>
    h('label', {}, label, h('input', { name, value: params.get(name) || '', ...props }));
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        for (const [key, value] of new FormData(form).entries()) {
          if (String(value).trim()) next.set(key, String(value).trim());
        }
        onApply(next);
      },
    },
    select('service', 'Service', facets.services),
    select('route', 'Route', facets.routes),
    select('status', 'Status', ['ok', 'error']),
    select('user', 'User', facets.users),
    input('minDurationMs', 'Min ms', { type: 'number', min: '0', step: 'any', placeholder: '0' }),
    input('attr', 'Attribute', { list: 'attribute-keys', placeholder: 'key or key=value' }),
    h(
      'datalist',
      { id: 'attribute-keys' },
      facets.attributeKeys.map((key) => h('option', { value: key })),
    ),
    select('sinceMinutes', 'Last', ['5', '15', '60', '360', '1440']),
    extra,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('a', { class: 'reset', href: '#' + parseHash().path }, 'Reset'),
    ),
  );
  return form;
}

// ---------- #/ : recent traces ----------

async function tracesPage(params) {
  const [facets] = await Promise.all([api('/api/facets')]);
  const list = h('div', { class: 'trace-list' });
  const summary = h('div', { class: 'list-summary' });
  app.replaceChildren(
    h(
      'section',
      { class: 'panel' },
      filterForm(params, facets, (next) => setHashParams('/', next)),
    ),
    h('section', { class: 'panel' }, summary, list),
  );
  const query = new URLSearchParams();
  for (const field of FILTER_FIELDS) if (params.get(field)) query.set(field, params.get(field));
  query.set('limit', '100');
  const render = async () => {
    let result;
    try {
      result = await api(`/api/traces?${query}`);
    } catch (error) {
      list.replaceChildren(message('error', error.message));
      return;
    }
    summary.replaceChildren(
      h('h2', {}, 'Recent traces'),
      h(
        'span',
        { class: 'muted' },
        `${result.traces.length} shown of ${result.total} matching · refreshes every 3 s`,
      ),
    );
    if (!result.traces.length) {
      list.replaceChildren(
        message(
          'empty',
          result.total === 0 && !query.toString().replace('limit=100', '')
            ? 'No traces yet. Send a request through the mesh (curl http://127.0.0.1:4567/api/activities/home) and it shows up here.'
            : 'No trace matches these filters.',
        ),
      );
      return;
    }
    const longest = Math.max(...result.traces.map((trace) => trace.durationMs), 0.001);
    list.replaceChildren(
      h(
        'table',
        { class: 'traces' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'Started',
              'Root span',
              'Services',
              'Duration',
              'Spans',
              'User',
              'Signals',
              'Trace id',
            ].map((title) => h('th', {}, title)),
          ),
        ),
        h(
          'tbody',
          {},
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
                  ? h(
                      'span',
                      { class: 'badge error' },
                      `${trace.errorCount} error${trace.errorCount > 1 ? 's' : ''}`,
                    )
                  : null,
                trace.partial
                  ? h(
                      'span',
                      { class: 'badge muted', title: 'The root span is not here (yet)' },
                      'partial',
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
                      `${trace.logEvents} logs`,
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
        ),
      ),
    );
  };
  await render();
  refreshTimer = setInterval(() => {
    if (!document.hidden) render();
  }, 3000);
}

// ---------- #/trace/<id> : one request, every signal ----------

async function tracePage(traceId) {
  let trace;
  try {
    trace = await api(`/api/traces/${encodeURIComponent(traceId)}`);
  } catch (error) {
    app.replaceChildren(
      h(
        'section',
        { class: 'panel' },
        message('error', error.message),
        h('a', { href: '#/' }, '← all traces'),
      ),
    );
    return;
  }
  const { summary, serviceColors: colors } = trace;
  document.title = `${summary.rootName} · Cruddur Inspector`;
  app.replaceChildren(
    h(
      'section',
      { class: 'panel trace-header' },
      h('a', { href: '#/', class: 'back' }, '← traces'),
      h(
        'h1',
        {},
        summary.rootName,
        summary.errorCount
          ? h(
              'span',
              { class: 'badge error' },
              `${summary.errorCount} error${summary.errorCount > 1 ? 's' : ''}`,
            )
          : null,
      ),
      h(
        'dl',
        { class: 'facts' },
        fact('Trace id', h('span', { class: 'mono', id: 'trace-id' }, trace.traceId)),
        fact('X-Ray id', h('span', { class: 'mono' }, trace.xrayTraceId)),
        fact('Started', formatDateTime(summary.startMs)),
        fact('Duration', formatMs(summary.durationMs)),
        fact('Spans', summary.spanCount),
        summary.user ? fact('User', summary.user) : null,
      ),
      h(
        'div',
        { class: 'legend' },
        summary.services.map((service) => serviceChip(service, colors)),
      ),
    ),
    h('section', { class: 'panel' }, h('h2', {}, 'Waterfall'), waterfall(trace, colors)),
    h(
      'section',
      { class: 'panel', id: 'logs' },
      h('h2', {}, 'Log lines', countBadge(trace.logLines.length)),
      logPanel(trace.logLines),
    ),
    h(
      'section',
      { class: 'panel', id: 'rollbar' },
      h('h2', {}, 'Rollbar items', countBadge(trace.rollbarItems.length)),
      rollbarPanel(trace.rollbarItems),
    ),
    h(
      'section',
      { class: 'panel', id: 'xray' },
      h('h2', {}, 'X-Ray segments', countBadge(trace.xraySegments.length)),
      xrayPanel(trace.xraySegments, summary.startMs),
    ),
  );
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function countBadge(count) {
  return h('span', { class: count ? 'count' : 'count zero' }, count);
}

function waterfall(trace, colors) {
  const total = Math.max(trace.summary.durationMs, 0.001);
  if (!trace.spans.length)
    return message('empty', 'No spans of this trace were received; its other signals are below.');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const rows = h('div', { class: 'waterfall' });
  rows.append(
    h(
      'div',
      { class: 'wf-row wf-axis' },
      h('div', { class: 'wf-label' }, h('span', { class: 'muted' }, 'Service · span')),
      h(
        'div',
        { class: 'wf-track' },
        ticks.map((tick) =>
          h('span', { class: 'tick', style: { left: `${tick * 100}%` } }, formatMs(total * tick)),
        ),
      ),
    ),
  );
  for (const span of trace.spans) {
    const color = colors[span.service] || '#888';
    const details = h('div', { class: 'wf-details', hidden: true }, spanDetails(span));
    const isError = span.status.code === 'error';
    const row = h(
      'div',
      {
        class: `wf-row span-row${isError ? ' error' : ''}`,
        dataset: { service: span.service, spanId: span.spanId },
        tabindex: '0',
        onclick: () => (details.hidden = !details.hidden),
        onkeydown: (event) => {
          if (event.key === 'Enter') details.hidden = !details.hidden;
        },
      },
      h(
        'div',
        { class: 'wf-label', style: { paddingLeft: `${span.depth * 16 + 6}px` } },
        h('span', { class: 'svc-dot', style: { background: color } }),
        h('span', { class: 'svc-name', style: { color } }, span.service),
        h('span', { class: 'span-name', title: span.name }, span.name),
        isError
          ? h('span', { class: 'err-icon', title: span.status.message || 'error' }, '!')
          : null,
        span.missingParent
          ? h(
              'span',
              { class: 'badge muted', title: `parent ${span.parentSpanId} not received` },
              'orphan',
            )
          : null,
      ),
      h(
        'div',
        { class: 'wf-track' },
        h(
          'div',
          {
            class: 'wf-bar',
            style: {
              left: `${(span.offsetMs / total) * 100}%`,
              width: `${Math.max(0.4, (span.durationMs / total) * 100)}%`,
              background: color,
            },
          },
          span.events.map((event) =>
            h('span', {
              class: 'event-dot',
              title: event.name,
              style: {
                left: `${Math.min(100, Math.max(0, ((event.offsetMs - span.offsetMs) / Math.max(span.durationMs, 0.001)) * 100))}%`,
              },
            }),
          ),
        ),
        durationLabel(span, total),
      ),
    );
    rows.append(row, details);
  }
  return rows;
}

/** The duration beside the bar, or inside its end when the bar reaches the right edge. */
function durationLabel(span, total) {
  const end = ((span.offsetMs + span.durationMs) / total) * 100;
  return end > 85
    ? h(
        'span',
        { class: 'wf-duration inside', style: { right: `calc(${100 - end}% + 6px)` } },
        formatMs(span.durationMs),
      )
    : h(
        'span',
        { class: 'wf-duration', style: { left: `calc(${end}% + 6px)` } },
        formatMs(span.durationMs),
      );
}

function spanDetails(span) {
  return [
    h(
      'div',
      { class: 'detail-head' },
      h('strong', {}, span.name),
      h(
        'span',
        { class: 'muted' },
        ` ${span.kind} · ${span.service} · started +${formatMs(span.offsetMs)} · ${formatMs(span.durationMs)} · span ${span.spanId}`,
      ),
      span.status.code !== 'unset'
        ? h(
            'span',
            { class: `badge ${span.status.code === 'error' ? 'error' : 'ok'}` },
            `${span.status.code}${span.status.message ? `: ${span.status.message}` : ''}`,
          )
        : null,
    ),
    keyValues('Attributes', span.attributes),
    span.events.length
      ? h(
          'div',
          { class: 'kv-block' },
          h('h4', {}, 'Events'),
          span.events.map((event) =>
            h(
              'div',
              { class: 'event' },
              h('span', { class: 'mono' }, `+${formatMs(event.offsetMs)}`),
              ' ',
              h('strong', {}, event.name),
              ' ',
              h(
                'span',
                { class: 'muted mono' },
                Object.keys(event.attributes).length ? JSON.stringify(event.attributes) : '',
              ),
            ),
          ),
        )
      : null,
    h(
      'details',
      {},
      h(
        'summary',
        {},
        `Resource (${Object.keys(span.resource).length}) · scope ${span.scope.name}`,
      ),
      keyValues(null, span.resource),
    ),
  ];
}

function keyValues(title, attributes) {
  const keys = Object.keys(attributes).sort();
  return h(
    'div',
    { class: 'kv-block' },
    title ? h('h4', {}, title) : null,
    keys.length
      ? h(
          'table',
          { class: 'kv' },
          keys.map((key) =>
            h('tr', {}, h('th', {}, key), h('td', { class: 'mono' }, valueText(attributes[key]))),
          ),
        )
      : h('span', { class: 'muted' }, 'none'),
  );
}

function logPanel(events) {
  if (!events.length)
    return message(
      'empty',
      'No log line of this trace was received (CloudWatch Logs API on the inspector port).',
    );
  return h(
    'div',
    { class: 'logs' },
    events.map((event) =>
      h(
        'div',
        { class: `log-line ${logLevel(event.message)}` },
        h('span', { class: 'log-time mono' }, formatTime(event.timestamp)),
        h(
          'span',
          { class: 'log-stream', title: `${event.logGroupName} / ${event.logStreamName}` },
          event.logStreamName,
        ),
        h('span', { class: 'log-message mono' }, event.message),
      ),
    ),
  );
}

function logLevel(text) {
  const match = /\b(error|warn|info|debug)\b/i.exec(text.slice(0, 200));
  return match ? `level-${match[1].toLowerCase()}` : '';
}

function rollbarPanel(items) {
  if (!items.length)
    return message(
      'empty',
      'No Rollbar item of this trace was received (POST /api/1/item/ on the inspector port).',
    );
  return h(
    'div',
    { class: 'items' },
    items.map((item) =>
      h(
        'details',
        { class: 'item' },
        h(
          'summary',
          {},
          h('span', { class: `badge level-${item.level}` }, item.level),
          h('strong', {}, item.title),
          h(
            'span',
            { class: 'muted' },
            ` ${item.environment ? `${item.environment} · ` : ''}${formatTime(item.ingestedAt)} · ${item.uuid}`,
          ),
        ),
        h('pre', { class: 'json' }, JSON.stringify(item.data, null, 2)),
      ),
    ),
  );
}

function xrayPanel(records, traceStartMs) {
  if (!records.length)
    return message(
      'empty',
      'No X-Ray segment of this trace was received (UDP, the X-Ray daemon port).',
    );
  const rows = [];
  const add = (document, depth) => {
    rows.push({ document, depth });
    for (const child of document.subsegments || []) add(child, depth + 1);
  };
  for (const record of records) add(record.document, 0);
  return h(
    'table',
    { class: 'xray' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Segment', 'Id', 'Start', 'Duration', 'Flags', 'Annotations'].map((title) =>
          h('th', {}, title),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(({ document, depth }) => {
        const flags = ['error', 'fault', 'throttle', 'in_progress'].filter(
          (flag) => document[flag],
        );
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
    ),
  );
}

// ---------- #/query : count, percentiles, heatmap ----------

async function queryPage(params) {
  if (!params.has('sinceMinutes')) params.set('sinceMinutes', '60');
  if (!params.has('groupBy')) params.set('groupBy', 'service');
  const facets = await api('/api/facets');
  const groupSelect = h(
    'label',
    {},
    'Group by',
    h(
      'select',
      { name: 'groupBy' },
      ['none', 'service', 'route', 'user', 'name', 'trace'].map((value) =>
        h('option', { value, selected: params.get('groupBy') === value }, value),
      ),
    ),
  );
  const rootOnly = h(
    'label',
    { class: 'check' },
    h('input', {
      type: 'checkbox',
      name: 'rootOnly',
      value: 'true',
      checked: params.get('rootOnly') === 'true',
    }),
    'Root spans only',
  );
  const results = h('div', { class: 'query-results' });
  app.replaceChildren(
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Query: COUNT, P50, P90, P99, HEATMAP(duration_ms)'),
      filterForm(params, facets, (next) => setHashParams('/query', next), [groupSelect, rootOnly]),
    ),
    h('section', { class: 'panel' }, results),
  );
  let result;
  try {
    result = await api(`/api/query?${params}`);
  } catch (error) {
    results.replaceChildren(message('error', error.message));
    return;
  }
  if (!result.count) {
    results.replaceChildren(message('empty', 'No span matches this query.'));
    return;
  }
  results.replaceChildren(
    h(
      'div',
      { class: 'cards' },
      card('Count', result.count),
      card('P50', formatMs(result.p50)),
      card('P90', formatMs(result.p90)),
      card('P99', formatMs(result.p99)),
      card('Max', formatMs(result.maxMs)),
      card('Errors', `${result.errorCount} (${percent(result.errorCount / result.count)})`),
    ),
    h(
      'h3',
      {},
      'Latency heatmap',
      h(
        'span',
        { class: 'muted' },
        ` ${formatTime(result.fromMs)} – ${formatTime(result.toMs)}, ${formatMs(result.columnMs)} per column`,
      ),
    ),
    heatmap(result),
    h('h3', {}, `Grouped by ${result.groupBy}`),
    h(
      'table',
      { class: 'groups' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [result.groupBy, 'Count', 'Errors', 'P50', 'P90', 'P99', 'Max', 'Count over time'].map(
            (title) => h('th', {}, title),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        result.groups.map((group) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              result.groupBy === 'service'
                ? serviceChip(group.key, result.serviceColors)
                : result.groupBy === 'trace'
                  ? h('a', { href: `#/trace/${group.key}`, class: 'mono' }, group.key)
                  : group.key,
            ),
            h('td', { class: 'num' }, group.count),
            h(
              'td',
              { class: 'num' },
              group.errorCount
                ? h('span', { class: 'error-text' }, percent(group.errorCount / group.count))
                : '0%',
            ),
            h('td', { class: 'num' }, formatMs(group.p50)),
            h('td', { class: 'num' }, formatMs(group.p90)),
            h('td', { class: 'num' }, formatMs(group.p99)),
            h('td', { class: 'num' }, formatMs(group.maxMs)),
            h('td', {}, sparkline(group.series, result.serviceColors[group.key])),
          ),
        ),
      ),
    ),
  );
}

function card(label, value) {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'card-label' }, label),
    h('div', { class: 'card-value' }, value),
  );
}

function heatmap(result) {
  const { cells, rowEdgesMs, maxCell } = result.heatmap;
  const columns = cells.length;
  const rows = rowEdgesMs.length;
  const width = 760;
  const height = 220;
  const left = 70;
  const bottom = 20;
  const cellWidth = (width - left) / columns;
  const cellHeight = (height - bottom) / rows;
  const svg = s('svg', {
    class: 'heatmap',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': 'latency heatmap',
  });
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      const count = cells[column][row];
      if (!count) continue;
      const intensity = Math.sqrt(count / maxCell);
      svg.append(
        s(
          'rect',
          {
            x: left + column * cellWidth,
            y: height - bottom - (row + 1) * cellHeight,
            width: Math.max(1, cellWidth - 1),
            height: Math.max(1, cellHeight - 1),
            fill: `hsl(${225 + intensity * 35}, 75%, ${88 - intensity * 52}%)`,
          },
          s('title', {}, `${count} spans ≥ ${formatMs(rowEdgesMs[row])}`),
        ),
      );
    }
  }
  for (const row of [0, Math.floor(rows / 2), rows - 1]) {
    svg.append(
      s(
        'text',
        {
          x: left - 6,
          y: height - bottom - row * cellHeight - 2,
          'text-anchor': 'end',
          class: 'axis',
        },
        formatMs(rowEdgesMs[row]),
      ),
    );
  }
  svg.append(
    s('text', { x: left, y: height - 4, class: 'axis' }, formatTime(result.fromMs)),
    s(
      'text',
      { x: width, y: height - 4, 'text-anchor': 'end', class: 'axis' },
      formatTime(result.fromMs + result.columnMs * columns),
    ),
    s('line', {
      x1: left,
      y1: height - bottom,
      x2: width,
      y2: height - bottom,
      class: 'axis-line',
    }),
  );
  return svg;
}

function sparkline(series, color = '#4e79a7') {
  const width = 160;
  const height = 28;
  const max = Math.max(1, ...series.map((point) => point.count));
  const barWidth = width / series.length;
  return s(
    'svg',
    { class: 'sparkline', viewBox: `0 0 ${width} ${height}`, width, height },
    series.map((point, index) =>
      point.count
        ? s(
            'rect',
            {
              x: index * barWidth,
              y: height - (point.count / max) * height,
              width: Math.max(1, barWidth - 1),
              height: (point.count / max) * height,
              fill: color,
            },
            s('title', {}, `${point.count} spans, P90 ${formatMs(point.p90)}`),
          )
        : null,
    ),
  );
}

// ---------- #/map : the service map ----------

async function mapPage(params) {
  const map = await api(`/api/service-map?${params}`);
  if (!map.nodes.length) {
    app.replaceChildren(
      h(
        'section',
        { class: 'panel' },
        h('h2', {}, 'Service map'),
        message('empty', 'No spans yet.'),
      ),
    );
    return;
  }
  // Layered layout: a service's column is its longest call path from a service nobody calls.
  const level = new Map(map.nodes.map((node) => [node.service, 0]));
  for (let pass = 0; pass < map.nodes.length; pass++) {
    for (const edge of map.edges) {
      if (edge.from !== edge.to && level.get(edge.to) <= level.get(edge.from))
        level.set(edge.to, level.get(edge.from) + 1);
    }
  }
  const columns = new Map();
  for (const node of map.nodes) {
    const column = Math.min(level.get(node.service), map.nodes.length);
    if (!columns.has(column)) columns.set(column, []);
    columns.get(column).push(node);
  }
  const nodeWidth = 190;
  const nodeHeight = 64;
  const columnGap = 230;
  const rowGap = 40;
  const tallest = Math.max(...[...columns.values()].map((nodes) => nodes.length));
  const width = columns.size * nodeWidth + (columns.size - 1) * columnGap + 40;
  const height = tallest * nodeHeight + (tallest - 1) * rowGap + 60;
  const position = new Map();
  [...columns.keys()]
    .sort((a, b) => a - b)
    .forEach((column, columnIndex) => {
      const nodes = columns.get(column);
      const offset = (height - (nodes.length * nodeHeight + (nodes.length - 1) * rowGap)) / 2;
      nodes.forEach((node, index) => {
        position.set(node.service, {
          x: 20 + columnIndex * (nodeWidth + columnGap),
          y: offset + index * (nodeHeight + rowGap),
        });
      });
    });
  const svg = s(
    'svg',
    { class: 'service-map', viewBox: `0 0 ${width} ${height}`, width, height },
    s(
      'defs',
      {},
      s(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 10 10',
          refX: '10',
          refY: '5',
          markerWidth: '8',
          markerHeight: '8',
          orient: 'auto-start-reverse',
        },
        s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }),
      ),
    ),
  );
  for (const edge of map.edges) {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + nodeWidth;
    const y1 = from.y + nodeHeight / 2;
    const x2 = to.x;
    const y2 = to.y + nodeHeight / 2;
    const middle = (x1 + x2) / 2;
    svg.append(
      s('path', {
        d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`,
        class: `edge${edge.errorRate > 0 ? ' failing' : ''}`,
        'marker-end': 'url(#arrow)',
      }),
      // Labels sit by the arrow head, where edges from one caller have fanned apart.
      s(
        'text',
        { x: x2 - 14, y: y2 - 9, 'text-anchor': 'end', class: 'edge-label' },
        `${edge.count} calls · P90 ${formatMs(edge.p90Ms)}`,
      ),
      s(
        'text',
        {
          x: x2 - 14,
          y: y2 + 17,
          'text-anchor': 'end',
          class: `edge-label${edge.errorRate > 0 ? ' error' : ''}`,
        },
        `${percent(edge.errorRate)} errors`,
      ),
    );
  }
  for (const node of map.nodes) {
    const { x, y } = position.get(node.service);
    const color = map.serviceColors[node.service] || '#888';
    svg.append(
      s(
        'g',
        { class: 'node', dataset: { service: node.service } },
        s('rect', { x, y, width: nodeWidth, height: nodeHeight, rx: 10, stroke: color }),
        s('rect', { x, y, width: 8, height: nodeHeight, rx: 3, fill: color }),
        s('text', { x: x + 18, y: y + 24, class: 'node-name' }, node.service),
        s(
          'text',
          { x: x + 18, y: y + 46, class: 'node-stats' },
          `${node.requests} req · P90 ${formatMs(node.p90Ms)} · ${percent(node.errorRate)} err`,
        ),
      ),
    );
  }
  app.replaceChildren(
    h(
      'section',
      { class: 'panel' },
      h(
        'h2',
        {},
        'Service map',
        h(
          'span',
          { class: 'muted' },
          ' calls between services, from parent/child spans across a service boundary',
        ),
      ),
      h('div', { class: 'map-wrap' }, svg),
      h(
        'table',
        { class: 'groups' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Caller', 'Callee', 'Calls', 'Error rate', 'P90'].map((title) => h('th', {}, title)),
          ),
        ),
        h(
          'tbody',
          {},
          map.edges.map((edge) =>
            h(
              'tr',
              {},
              h('td', {}, serviceChip(edge.from, map.serviceColors)),
              h('td', {}, serviceChip(edge.to, map.serviceColors)),
              h('td', { class: 'num' }, edge.count),
              h('td', { class: 'num' }, percent(edge.errorRate)),
              h('td', { class: 'num' }, formatMs(edge.p90Ms)),
            ),
          ),
        ),
      ),
    ),
  );
}

// ---------- shell ----------

async function refreshStats() {
  const target = document.getElementById('store-stats');
  try {
    const stats = await api('/api/stats');
    const store = stats.store;
    const evicted = Object.values(store.evicted).reduce((sum, count) => sum + count, 0);
    target.replaceChildren(
      `${store.traces} traces · ${store.spans} spans · ${store.logEvents} logs · ${store.xraySegments} segments · ${store.rollbarItems} items`,
      evicted
        ? h(
            'span',
            { class: 'evicted', title: JSON.stringify(store.evicted) },
            ` · ${evicted} evicted`,
          )
        : '',
    );
  } catch {
    target.textContent = 'inspector unreachable';
  }
}

async function route() {
  clearInterval(refreshTimer);
  const { path, params } = parseHash();
  for (const link of document.querySelectorAll('[data-nav]')) {
    const section = path.startsWith('/query')
      ? 'query'
      : path.startsWith('/map')
        ? 'map'
        : 'traces';
    link.classList.toggle('active', link.dataset.nav === section);
  }
  document.title = 'Cruddur Inspector';
  try {
    if (path.startsWith('/trace/'))
      await tracePage(decodeURIComponent(path.slice('/trace/'.length)));
    else if (path === '/query') await queryPage(params);
    else if (path === '/map') await mapPage(params);
    else await tracesPage(params);
  } catch (error) {
    app.replaceChildren(
      h('section', { class: 'panel' }, message('error', `Could not load: ${error.message}`)),
    );
  }
  document.body.dataset.ready = path;
  refreshStats();
}

window.addEventListener('hashchange', route);
route();
setInterval(() => {
  if (!document.hidden) refreshStats();
}, 5000);
