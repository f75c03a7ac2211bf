/**
 * The inspector's single-page UI: hash routes rendered from the JSON API with DOM calls only
 * (lib/dom.js puts every value in as text: span attributes and log lines are user data). One
 * module per page (pages/) and per component (components/); the pure parts are in lib/.
 */
import { api } from './lib/api.js';
import { h, mount } from './lib/dom.js';
import { matchRoute, parseHash } from './lib/router.js';
import { notice } from './components/common.js';
import { traceIdBox } from './components/trace-id-box.js';
import { accountingPage } from './pages/accounting-page.js';
import { comparePage } from './pages/compare-page.js';
import { mapPage } from './pages/map-page.js';
import { queryPage } from './pages/query-page.js';
import { tracePage } from './pages/trace-page.js';
import { tracesPage } from './pages/traces-page.js';

const app = document.getElementById('app');
let refreshTimer;

async function refreshStats() {
  const target = document.getElementById('store-stats');
  try {
    const stats = await api('/api/stats');
    const store = stats.store;
    const evicted = Object.values(store.evicted).reduce((sum, count) => sum + count, 0);
    mount(
      target,
      `${store.traces} traces · ${store.spans} spans · ${store.logEvents} logs · ${store.xraySegments} segments · ${store.rollbarItems} items`,
      evicted
        ? h(
            'a',
            { class: 'evicted', href: '#/accounting', title: JSON.stringify(store.evicted) },
            ` · ${evicted} evicted`,
          )
        : '',
    );
  } catch {
    target.textContent = 'inspector unreachable';
  }
}

async function route() {
  clearInterval(refreshTimer);
  // Tests wait for data-ready: it must not say "ready" for the page being replaced.
  delete document.body.dataset.ready;
  const { path, params } = parseHash(location.hash);
  const target = matchRoute(path);
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === target.section);
  }
  document.title = 'Cruddur Inspector';
  try {
    if (target.page === 'trace') await tracePage(app, target.id);
    else if (target.page === 'compare') await comparePage(app, target.id);
    else if (target.page === 'query') await queryPage(app, params);
    else if (target.page === 'map') await mapPage(app, params);
    else if (target.page === 'accounting') await accountingPage(app);
    else {
      const refresh = await tracesPage(app, params);
      refreshTimer = setInterval(() => {
        if (!document.hidden) refresh();
      }, 3000);
    }
  } catch (error) {
    mount(
      app,
      h('section', { class: 'panel' }, notice('error', `Could not load: ${error.message}`)),
    );
  }
  document.body.dataset.ready = path;
  refreshStats();
}

document.getElementById('find-slot').replaceChildren(traceIdBox());
window.addEventListener('hashchange', route);
route();
setInterval(() => {
  if (!document.hidden) refreshStats();
}, 5000);
