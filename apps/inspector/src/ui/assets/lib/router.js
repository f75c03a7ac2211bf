/** Hash routes: #/ traces, #/trace/<id>, #/query, #/map, #/accounting. */

/** The path and parameters of a location hash (`#/query?groupBy=service`). */
export function parseHash(hash) {
  const text = String(hash || '').replace(/^#/, '') || '/';
  const [path, query = ''] = text.split('?');
  return { path, params: new URLSearchParams(query) };
}

/** The hash of a path and parameters (the reverse of {@link parseHash}). */
export function hashOf(path, params = new URLSearchParams()) {
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** Which page a path shows, and its argument: the navigation highlights the section. */
export function matchRoute(path) {
  if (path.startsWith('/trace/')) {
    const rest = decodeURIComponent(path.slice('/trace/'.length));
    const [id, view] = rest.split('/');
    return { page: view === 'compare' ? 'compare' : 'trace', section: 'traces', id };
  }
  if (path === '/query') return { page: 'query', section: 'query' };
  if (path === '/map') return { page: 'map', section: 'map' };
  if (path === '/accounting') return { page: 'accounting', section: 'accounting' };
  return { page: 'traces', section: 'traces' };
}
