/**
 * The service map: services as nodes (last heard, replicas, requests, P90, errors), calls as
 * edges, requests solid and events dashed, each with rate, error % and P90. Click a node or an
 * edge: its traces.
 */
import { s } from '../lib/dom.js';
import { formatMs, formatTime, percent, plural } from '../lib/format.js';
import { layoutMap } from '../lib/map-layout.js';

/** The SVG of a /api/service-map answer. */
export function serviceMapView(map) {
  const layout = layoutMap(map.nodes, map.edges);
  const { positions, width, height, nodeWidth, nodeHeight } = layout;
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
  // Requests and events between the same two services are drawn apart.
  map.edges.forEach((edge) => {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (!from || !to) return;
    const shift = edge.kind === 'event' ? 14 : 0;
    const x1 = from.x + nodeWidth;
    const y1 = from.y + nodeHeight / 2 + shift;
    const x2 = to.x;
    const y2 = to.y + nodeHeight / 2 + shift;
    const middle = (x1 + x2) / 2;
    const open = () => (location.hash = edgeHash(edge));
    svg.append(
      s(
        'g',
        {
          class: `edge-group ${edge.kind}`,
          dataset: { from: edge.from, to: edge.to, kind: edge.kind },
          tabindex: '0',
          onclick: open,
          onkeydown: (event) => event.key === 'Enter' && open(),
        },
        s('path', {
          d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`,
          class: `edge ${edge.kind}${edge.errorRate > 0 ? ' failing' : ''}`,
          'marker-end': 'url(#arrow)',
        }),
        s('path', {
          d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`,
          class: 'edge-hit',
        }),
        // Request labels sit by the arrow head, where edges into one service have fanned apart;
        // event labels by the tail, so the two kinds between the same services do not overlap.
        edge.kind === 'event'
          ? [
              s(
                'text',
                { x: x1 + 12, y: y1 + 18, class: 'edge-label' },
                `events ${edge.ratePerMinute.toFixed(1)}/min · P90 ${formatMs(edge.p90Ms)}`,
              ),
              s(
                'text',
                {
                  x: x1 + 12,
                  y: y1 + 32,
                  class: `edge-label${edge.errorRate > 0 ? ' error' : ''}`,
                },
                `${plural(edge.count, 'event')} · ${percent(edge.errorRate)} errors`,
              ),
            ]
          : [
              s(
                'text',
                { x: x2 - 14, y: y2 - 9, 'text-anchor': 'end', class: 'edge-label' },
                `requests ${edge.ratePerMinute.toFixed(1)}/min · P90 ${formatMs(edge.p90Ms)}`,
              ),
              s(
                'text',
                {
                  x: x2 - 14,
                  y: y2 + 17,
                  'text-anchor': 'end',
                  class: `edge-label${edge.errorRate > 0 ? ' error' : ''}`,
                },
                `${plural(edge.count, 'call')} · ${percent(edge.errorRate)} errors`,
              ),
            ],
      ),
    );
  });
  for (const node of map.nodes) {
    const { x, y } = positions.get(node.service);
    const color = map.serviceColors[node.service] || '#888';
    const open = () => (location.hash = `#/?service=${encodeURIComponent(node.service)}`);
    svg.append(
      s(
        'g',
        {
          class: 'node',
          dataset: { service: node.service },
          tabindex: '0',
          onclick: open,
          onkeydown: (event) => event.key === 'Enter' && open(),
        },
        s('rect', { x, y, width: nodeWidth, height: nodeHeight, rx: 10, stroke: color }),
        s('rect', { x, y, width: 8, height: nodeHeight, rx: 3, fill: color }),
        s('text', { x: x + 18, y: y + 22, class: 'node-name' }, node.service),
        s(
          'text',
          { x: x + 18, y: y + 42, class: 'node-stats' },
          `${node.requests} req · P90 ${formatMs(node.p90Ms)} · ${percent(node.errorRate)} err`,
        ),
        s(
          'text',
          { x: x + 18, y: y + 62, class: 'node-stats node-heard' },
          `${plural(Math.max(1, node.instances.length), 'replica')} · last heard ${formatTime(node.lastHeardMs)}`,
        ),
        s(
          'title',
          {},
          node.instances.length
            ? `service.instance.id: ${node.instances.join(', ')}`
            : 'no service.instance.id sent',
        ),
      ),
    );
  }
  return svg;
}

/** The trace list of one edge. */
export function edgeHash(edge) {
  const params = new URLSearchParams({ caller: edge.from, callee: edge.to, edgeKind: edge.kind });
  return `#/?${params}`;
}
