import { useEffect, useState } from 'react';
import type { MouseEvent } from 'react';
import type { ActivitiesClient } from '../api/activities-client';
import { HomeFeedPage } from '../pages/home-feed-page';
import { NotificationsFeedPage } from '../pages/notifications-feed-page';

/** The pages and their paths; any other path shows Home. */
const PAGES = [
  { path: '/', label: 'Home', Page: HomeFeedPage },
  { path: '/notifications', label: 'Notifications', Page: NotificationsFeedPage },
] as const;

function pageFor(path: string) {
  return PAGES.find((page) => page.path === path) ?? PAGES[0];
}

/**
 * The Cruddur shell: navigation and the current page. Two pages do not need a router library;
 * links push history entries, and Back/Forward are followed through `popstate`.
 */
export function App({ client, userHandle }: { client: ActivitiesClient; userHandle: string }) {
  const [path, setPath] = useState(() => window.location.pathname);

  useEffect(() => {
    const follow = () => setPath(window.location.pathname);
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);

  const navigate = (event: MouseEvent<HTMLAnchorElement>, to: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (to !== window.location.pathname) window.history.pushState(null, '', to);
    setPath(to);
  };

  const current = pageFor(path);
  return (
    <div className="layout">
      <nav className="navigation" aria-label="main">
        <span className="brand">Cruddur</span>
        {PAGES.map((page) => (
          <a
            key={page.path}
            href={page.path}
            aria-current={page === current ? 'page' : undefined}
            onClick={(event) => navigate(event, page.path)}
          >
            {page.label}
          </a>
        ))}
        <span className="user">@{userHandle}</span>
      </nav>
      <main>
        <current.Page key={current.path} client={client} />
      </main>
    </div>
  );
}
