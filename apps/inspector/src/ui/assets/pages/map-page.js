/** #/map: the service map and its edges as a table. */
import { api } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { formatMs, formatTime, percent } from '../lib/format.js';
import { notice, serviceChip, table } from '../components/common.js';
import { edgeHash, serviceMapView } from '../components/service-map.js';

/** Renders the service map into `app`. */
export async function mapPage(app, params) {
  const map = await api(`/api/service-map?${params}`);
  if (!map.nodes.length) {
    mount(
      app,
      h(
        'section',
        { class: 'panel' },
        h('h2', {}, 'Service map'),
        notice('empty', 'No spans yet.'),
      ),
    );
    return;
  }
  mount(
    app,
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
          ' requests (solid) and events (dashed) between services; click a service or a call for its traces',
        ),
      ),
      h('div', { class: 'map-wrap' }, serviceMapView(map)),
      table(
        'groups edges',
        ['Caller', 'Callee', 'Kind', 'Count', 'Rate', 'Error rate', 'P90', ''],
        map.edges.map((edge) =>
          h(
            'tr',
            {},
            h('td', {}, serviceChip(edge.from, map.serviceColors)),
            h('td', {}, serviceChip(edge.to, map.serviceColors)),
            h('td', {}, edge.kind),
            h('td', { class: 'num' }, edge.count),
            h('td', { class: 'num' }, `${edge.ratePerMinute.toFixed(1)}/min`),
            h('td', { class: 'num' }, percent(edge.errorRate)),
            h('td', { class: 'num' }, formatMs(edge.p90Ms)),
            h('td', {}, h('a', { href: edgeHash(edge) }, 'traces')),
          ),
        ),
      ),
      h('h3', {}, 'Services'),
      table(
        'groups nodes',
        [
          'Service',
          'Requests',
          'P90',
          'Error rate',
          'Last heard',
          'Replicas (service.instance.id)',
        ],
        map.nodes.map((node) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              h(
                'a',
                { href: `#/?service=${encodeURIComponent(node.service)}` },
                serviceChip(node.service, map.serviceColors),
              ),
            ),
            h('td', { class: 'num' }, node.requests),
            h('td', { class: 'num' }, formatMs(node.p90Ms)),
            h('td', { class: 'num' }, percent(node.errorRate)),
            h('td', { class: 'nowrap' }, formatTime(node.lastHeardMs)),
            h(
              'td',
              { class: 'mono' },
              node.instances.length
                ? node.instances.join(', ')
                : h('span', { class: 'muted' }, 'not sent'),
            ),
          ),
        ),
      ),
    ),
  );
}
