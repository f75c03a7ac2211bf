/**
 * The waterfall: one row per span, indented under its parent, one colour per service. Subtrees
 * collapse and expand, a search highlights matching spans (opening what hides them), the
 * critical path is drawn over the bars, and a row opens its details (with its log lines).
 */
import { h, mount } from '../lib/dom.js';
import { formatMs } from '../lib/format.js';
import {
  ancestorsOf,
  barGeometry,
  criticalStretches,
  searchSpans,
  visibleRows,
} from '../lib/waterfall-model.js';
import { notice } from './common.js';
import { spanDetails } from './span-details.js';

/**
 * Makes the waterfall of `trace` (the /api/traces/<id> answer). Returns the element and what the
 * page drives it with: showSpan(id) opens and scrolls to a span, search(text) returns the match
 * count, collapseAll/expandAll.
 */
export function createWaterfall(trace, colors) {
  const element = h('div', { class: 'waterfall' });
  const total = Math.max(trace.summary.durationMs, 0.001);
  const logsBySpan = new Map();
  for (const line of trace.logLines) {
    if (!line.spanId) continue;
    if (!logsBySpan.has(line.spanId)) logsBySpan.set(line.spanId, []);
    logsBySpan.get(line.spanId).push(line);
  }
  const state = { collapsed: new Set(), open: new Set(), matches: new Set(), critical: true };

  const showSpan = (spanId) => {
    for (const ancestor of ancestorsOf(trace.spans, [spanId])) state.collapsed.delete(ancestor);
    state.open.add(spanId);
    render();
    const row = element.querySelector(`.span-row[data-span-id="${CSS.escape(spanId)}"]`);
    row?.scrollIntoView({ block: 'center' });
    row?.classList.add('flash');
    row?.focus({ preventScroll: true });
  };

  function render() {
    if (!trace.spans.length) {
      mount(
        element,
        notice('empty', 'No spans of this trace were received; its other signals are below.'),
      );
      return;
    }
    element.classList.toggle('show-critical', state.critical);
    mount(element, axisRow(total), ...visibleRows(trace.spans, state.collapsed).flatMap(spanRow));
  }

  function spanRow({ span, childCount, collapsed }) {
    const color = colors[span.service] || '#888';
    const isError = span.status.code === 'error';
    const isOpen = state.open.has(span.spanId);
    const toggleDetails = () => {
      if (state.open.has(span.spanId)) state.open.delete(span.spanId);
      else state.open.add(span.spanId);
      render();
      element
        .querySelector(`.span-row[data-span-id="${CSS.escape(span.spanId)}"]`)
        ?.focus({ preventScroll: true });
    };
    const { left, width } = barGeometry(span, total);
    const classes = ['wf-row', 'span-row'];
    if (isError) classes.push('error');
    if (state.matches.has(span.spanId)) classes.push('match');
    if (state.matches.size && !state.matches.has(span.spanId)) classes.push('dimmed');
    if (span.criticalMs > 0) classes.push('critical');
    const row = h(
      'div',
      {
        class: classes.join(' '),
        dataset: { service: span.service, spanId: span.spanId },
        tabindex: '0',
        'aria-expanded': String(isOpen),
        onclick: toggleDetails,
        onkeydown: (event) => {
          if (event.key === 'Enter') toggleDetails();
        },
      },
      h(
        'div',
        { class: 'wf-label', style: { paddingLeft: `${span.depth * 16 + 4}px` } },
        childCount
          ? h(
              'button',
              {
                type: 'button',
                class: 'toggle',
                title: collapsed ? `expand (${childCount} hidden)` : 'collapse',
                'aria-label': collapsed ? 'expand' : 'collapse',
                onclick: (event) => {
                  event.stopPropagation();
                  if (collapsed) state.collapsed.delete(span.spanId);
                  else state.collapsed.add(span.spanId);
                  render();
                },
              },
              collapsed ? '▸' : '▾',
            )
          : h('span', { class: 'toggle-space' }),
        h('span', { class: 'svc-dot', style: { background: color } }),
        h('span', { class: 'svc-name', style: { color } }, span.service),
        h('span', { class: 'span-name', title: span.name }, span.name),
        collapsed ? h('span', { class: 'badge muted hidden-count' }, `+${childCount}`) : null,
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
        logsBySpan.has(span.spanId)
          ? h(
              'span',
              { class: 'badge logs', title: 'log lines written in this span' },
              `${logsBySpan.get(span.spanId).length} log`,
            )
          : null,
      ),
      h(
        'div',
        { class: 'wf-track' },
        h(
          'div',
          { class: 'wf-bar', style: { left: `${left}%`, width: `${width}%`, background: color } },
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
        criticalStretches(trace.criticalPath, span.spanId, total).map((stretch) =>
          h('div', {
            class: 'wf-critical',
            title: `the request waited on this span for ${formatMs(span.criticalMs)}`,
            style: { left: `${stretch.left}%`, width: `${stretch.width}%` },
          }),
        ),
        durationLabel(span, total),
      ),
      h(
        'div',
        { class: 'wf-self mono', title: 'self time: the span less its children' },
        formatMs(span.selfTimeMs),
      ),
    );
    if (!isOpen) return [row];
    return [
      row,
      h(
        'div',
        { class: 'wf-details' },
        spanDetails(span, logsBySpan.get(span.spanId) ?? [], showSpan),
      ),
    ];
  }

  render();
  return {
    element,
    showSpan,
    /** Highlights the spans matching `text` and opens the subtrees they are in; returns how many. */
    search(text) {
      state.matches = searchSpans(trace.spans, text);
      for (const ancestor of ancestorsOf(trace.spans, state.matches))
        state.collapsed.delete(ancestor);
      render();
      return state.matches.size;
    },
    collapseAll() {
      for (const span of trace.spans) if (span.depth >= 1) state.collapsed.add(span.spanId);
      render();
    },
    expandAll() {
      state.collapsed.clear();
      render();
    },
    setCritical(visible) {
      state.critical = visible;
      render();
    },
  };
}

function axisRow(total) {
  return h(
    'div',
    { class: 'wf-row wf-axis' },
    h('div', { class: 'wf-label' }, h('span', { class: 'muted' }, 'Service · span')),
    h(
      'div',
      { class: 'wf-track' },
      [0, 0.25, 0.5, 0.75, 1].map((tick) =>
        h('span', { class: 'tick', style: { left: `${tick * 100}%` } }, formatMs(total * tick)),
      ),
    ),
    h('div', { class: 'wf-self muted' }, 'self'),
  );
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
