/** Rollbar items as Rollbar shows them: title, level, exception and frames; the raw item on demand. */
import { h } from '../lib/dom.js';
import { formatTime } from '../lib/format.js';
import { rollbarSummary } from '../lib/rollbar-model.js';
import { notice } from './common.js';

/** The trace page's Rollbar panel. */
export function rollbarItems(items) {
  if (!items.length) {
    return notice(
      'empty',
      'No Rollbar item of this trace was received (POST /api/1/item/ on the inspector port).',
    );
  }
  return h('div', { class: 'items' }, items.map(rollbarItem));
}

function rollbarItem(item) {
  const summary = rollbarSummary(item);
  return h(
    'div',
    { class: 'item' },
    h(
      'div',
      { class: 'item-head' },
      h('span', { class: `badge level-${summary.level}` }, summary.level),
      h('strong', { class: 'item-title' }, summary.title),
      h(
        'span',
        { class: 'muted' },
        ` ${summary.environment ? `${summary.environment} · ` : ''}${formatTime(item.ingestedAt)} · ${item.uuid}`,
      ),
    ),
    summary.request ? h('div', { class: 'muted mono' }, summary.request) : null,
    summary.exceptions.map((exception) =>
      h(
        'div',
        { class: 'exception' },
        h(
          'div',
          { class: 'exception-title' },
          h('strong', {}, exception.className),
          exception.message ? `: ${exception.message}` : '',
        ),
        exception.frames.length
          ? h(
              'ol',
              { class: 'frames' },
              exception.frames.map((frame) =>
                h(
                  'li',
                  { class: 'frame mono' },
                  frame.method ? h('span', { class: 'frame-method' }, frame.method) : null,
                  ' ',
                  h('span', { class: 'muted' }, frame.where),
                  frame.code ? h('div', { class: 'frame-code' }, frame.code) : null,
                ),
              ),
            )
          : null,
      ),
    ),
    summary.message && !summary.exceptions.length
      ? h('div', { class: 'item-message' }, summary.message)
      : null,
    h(
      'details',
      { class: 'raw' },
      h('summary', {}, 'Raw item'),
      h('pre', { class: 'json' }, JSON.stringify(item.data, null, 2)),
    ),
  );
}
