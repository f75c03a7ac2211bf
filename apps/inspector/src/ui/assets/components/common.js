/** Small pieces every page uses: notices, service chips, count badges, cards, facts. */
import { h } from '../lib/dom.js';

/** A coloured notice: kind is `error` or `empty`. */
export function notice(kind, text) {
  return h('div', { class: `notice ${kind}` }, text);
}

/** A service's name on its colour (the API's serviceColors). */
export function serviceChip(service, colors) {
  return h('span', { class: 'chip', style: { '--service': colors[service] || '#888' } }, service);
}

/** A count beside a heading, dimmed when zero. */
export function countBadge(count) {
  return h('span', { class: count ? 'count' : 'count zero' }, count);
}

/** One figure of a results row (Count, P90…). */
export function card(label, value) {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'card-label' }, label),
    h('div', { class: 'card-value' }, value),
  );
}

/** A term and its value in a facts list. */
export function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** A table: `head` titles and rows of cells (each an element or text). */
export function table(className, head, rows) {
  return h(
    'table',
    { class: className },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((title) => h('th', {}, title)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

/** A stack trace, one frame per line (not `\n` inside one string). */
export function stackTrace(lines) {
  return h(
    'pre',
    { class: 'stack' },
    lines.map((line) => h('div', { class: 'frame' }, line)),
  );
}
