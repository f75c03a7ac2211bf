/** The filter form shared by the trace list and the query page. */
import { h } from '../lib/dom.js';
import { TIME_RANGES } from '../lib/format.js';

/** Parameters the form sets, passed on to /api/traces and /api/query as they are. */
export const FILTER_FIELDS = [
  'service',
  'route',
  'status',
  'user',
  'minDurationMs',
  'where',
  'sinceMinutes',
];

/**
 * The form; `onApply(params)` gets the non-empty fields (plus those of `extra` controls). `where`
 * takes attribute conditions separated by commas or `and`: `key=value`, `key!=value`, `key>n`,
 * `key<=n`, `key exists`, `key !exists`.
 */
export function filterForm(params, facets, onApply, extra = [], resetHash = '#/') {
  const select = (name, label, options) =>
    h(
      'label',
      {},
      label,
      h(
        'select',
        { name },
        h('option', { value: '' }, 'any'),
        options.map((option) => {
          const { value, text } =
            typeof option === 'string' ? { value: option, text: option } : option;
          return h('option', { value, selected: params.get(name) === value }, text);
        }),
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
    input('where', 'Where', {
      list: 'attribute-keys',
      class: 'where',
      placeholder: 'http.status_code>=500, app.user_id exists',
      title:
        'key=value, key!=value, key>n, key<=n, key exists, key !exists; several joined by , or and',
    }),
    h(
      'datalist',
      { id: 'attribute-keys' },
      facets.attributeKeys.map((key) => h('option', { value: key })),
    ),
    select(
      'sinceMinutes',
      'Last',
      TIME_RANGES.map((range) => ({ value: range.minutes, text: range.label })),
    ),
    extra,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('a', { class: 'reset', href: resetHash }, 'Reset'),
    ),
  );
  return form;
}
