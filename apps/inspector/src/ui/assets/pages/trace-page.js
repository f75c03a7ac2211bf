/** #/trace/<id>: one request, every signal. */
import { api } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { formatDateTime, formatMs, plural } from '../lib/format.js';
import { countBadge, fact, notice, serviceChip } from '../components/common.js';
import { logTable } from '../components/log-table.js';
import { propagationPanel } from '../components/propagation.js';
import { rollbarItems } from '../components/rollbar-items.js';
import { createWaterfall } from '../components/waterfall.js';
import { xrayTable } from '../components/xray-table.js';

/** Renders the trace page into `app`. */
export async function tracePage(app, traceId) {
  let trace;
  try {
    trace = await api(`/api/traces/${encodeURIComponent(traceId)}`);
  } catch (error) {
    mount(
      app,
      h(
        'section',
        { class: 'panel' },
        notice('error', error.message),
        h('a', { href: '#/' }, '← all traces'),
      ),
    );
    return;
  }
  const { summary, serviceColors: colors } = trace;
  document.title = `${summary.rootName} · Cruddur Inspector`;
  const waterfall = createWaterfall(trace, colors);
  const matchCount = h('span', { class: 'muted search-count' });
  const critical = trace.criticalPath.length ? criticalSummary(trace) : null;
  mount(
    app,
    h(
      'section',
      { class: 'panel trace-header' },
      h('a', { href: '#/', class: 'back' }, '← traces'),
      h(
        'h1',
        {},
        summary.rootName,
        summary.errorCount
          ? h('span', { class: 'badge error' }, plural(summary.errorCount, 'error'))
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
      h(
        'div',
        { class: 'trace-actions' },
        h(
          'a',
          {
            class: 'button',
            id: 'download-otlp',
            href: `/api/traces/${trace.traceId}/otlp`,
            download: `trace-${trace.traceId}.json`,
          },
          'Download OTLP JSON',
        ),
        trace.spans.length
          ? h(
              'a',
              { class: 'button', id: 'compare-link', href: `#/trace/${trace.traceId}/compare` },
              'Compare with the median trace of this route',
            )
          : null,
      ),
    ),
    trace.propagationIssues.length
      ? h(
          'section',
          { class: 'panel', id: 'propagation' },
          h('h2', {}, 'Broken propagation', countBadge(trace.propagationIssues.length)),
          propagationPanel(trace.propagationIssues, waterfall.showSpan),
        )
      : null,
    h(
      'section',
      { class: 'panel', id: 'waterfall' },
      h('h2', {}, 'Waterfall', critical),
      h(
        'div',
        { class: 'wf-toolbar' },
        h('input', {
          type: 'search',
          id: 'span-search',
          placeholder: 'Search spans: name, service, attribute…',
          oninput: (event) => {
            const count = waterfall.search(event.target.value);
            matchCount.textContent = event.target.value.trim()
              ? plural(count, 'match', 'matches')
              : '';
          },
        }),
        matchCount,
        h(
          'button',
          { type: 'button', id: 'collapse-all', onclick: () => waterfall.collapseAll() },
          'Collapse all',
        ),
        h(
          'button',
          { type: 'button', id: 'expand-all', onclick: () => waterfall.expandAll() },
          'Expand all',
        ),
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            id: 'show-critical',
            checked: true,
            onchange: (event) => waterfall.setCritical(event.target.checked),
          }),
          'Critical path',
        ),
      ),
      waterfall.element,
    ),
    h(
      'section',
      { class: 'panel', id: 'logs' },
      h(
        'h2',
        {},
        'Log lines',
        countBadge(trace.logLines.length),
        h('span', { class: 'muted' }, ' in the order they were written'),
      ),
      logTable(trace.logLines, {
        onShowSpan: waterfall.showSpan,
        colors,
        spanIds: new Set(trace.spans.map((span) => span.spanId)),
      }),
    ),
    h(
      'section',
      { class: 'panel', id: 'rollbar' },
      h('h2', {}, 'Rollbar items', countBadge(trace.rollbarItems.length)),
      rollbarItems(trace.rollbarItems),
    ),
    h(
      'section',
      { class: 'panel', id: 'xray' },
      h('h2', {}, 'X-Ray segments', countBadge(trace.xraySegments.length)),
      xrayTable(trace.xraySegments, summary.startMs),
    ),
  );
}

/** "critical path: 3 spans, most in <span>" beside the heading. */
function criticalSummary(trace) {
  const onPath = trace.spans.filter((span) => span.criticalMs > 0);
  const top = onPath.reduce(
    (best, span) => (span.criticalMs > (best?.criticalMs ?? -1) ? span : best),
    undefined,
  );
  return h(
    'span',
    { class: 'muted critical-summary' },
    ` critical path through ${plural(onPath.length, 'span')}; longest wait: ${top.service} "${top.name}" ${formatMs(top.criticalMs)}`,
  );
}
