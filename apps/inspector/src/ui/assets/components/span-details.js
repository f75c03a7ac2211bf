/** A span's detail panel: attributes, events (exceptions with their stack as lines), resource, its log lines. */
import { h } from '../lib/dom.js';
import { formatMs, valueText } from '../lib/format.js';
import { stackTrace } from './common.js';
import { logTable } from './log-table.js';

/** The panel under a waterfall row; `logLines` are the trace's lines written in this span. */
export function spanDetails(span, logLines, onShowSpan) {
  return [
    h(
      'div',
      { class: 'detail-head' },
      h('strong', {}, span.name),
      h(
        'span',
        { class: 'muted' },
        ` ${span.kind} · ${span.service} · started +${formatMs(span.offsetMs)} · ${formatMs(span.durationMs)} · self ${formatMs(span.selfTimeMs)} · span ${span.spanId}`,
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
      ? h('div', { class: 'kv-block' }, h('h4', {}, 'Events'), span.events.map(eventRow))
      : null,
    logLines.length
      ? h(
          'div',
          { class: 'kv-block span-logs' },
          h('h4', {}, 'Log lines of this span'),
          logTable(logLines, { onShowSpan, colors: {} }),
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

/** One span event; an exception's stack trace is shown as its lines, not one escaped string. */
function eventRow(event) {
  const { 'exception.stacktrace': stack, ...rest } = event.attributes;
  return h(
    'div',
    { class: 'event' },
    h('span', { class: 'mono' }, `+${formatMs(event.offsetMs)}`),
    ' ',
    h('strong', {}, event.name),
    ' ',
    h('span', { class: 'muted mono' }, Object.keys(rest).length ? JSON.stringify(rest) : ''),
    typeof stack === 'string' ? stackTrace(stack.split(/\r?\n/)) : null,
  );
}

/** Attributes as a key/value table, keys sorted. */
export function keyValues(title, attributes) {
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
