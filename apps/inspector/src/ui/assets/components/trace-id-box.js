/** The trace-id box: a W3C id, an X-Ray id, a traceparent/traceresponse or X-Amzn-Trace-Id value, or an id's end. */
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';

/** The form in the top bar; it opens the trace or says why it cannot. */
export function traceIdBox() {
  const input = h('input', {
    type: 'search',
    id: 'trace-id-input',
    name: 'id',
    placeholder: 'Trace id, X-Ray id, traceresponse…',
    'aria-label': 'find a trace by id',
    autocomplete: 'off',
  });
  const status = h('span', { class: 'find-status', role: 'status' });
  // The answer is about the last try: another page clears it.
  window.addEventListener('hashchange', () => (status.textContent = ''));
  return h(
    'form',
    {
      class: 'find-trace',
      id: 'find-trace',
      onsubmit: async (event) => {
        event.preventDefault();
        status.textContent = '';
        const value = input.value.trim();
        if (!value) return;
        try {
          const found = await api(`/api/find?id=${encodeURIComponent(value)}`);
          input.value = '';
          location.hash = `#/trace/${found.traceId}`;
        } catch (error) {
          status.textContent = error.message;
        }
      },
    },
    input,
    h('button', { type: 'submit' }, 'Find'),
    status,
  );
}
