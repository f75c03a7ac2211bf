import { useCallback, useEffect, useState } from 'react';
import type { Activity } from '@cruddur/contracts';
import { FeedError } from '../api/activities-client';
import type { ActivitiesClient, FeedName } from '../api/activities-client';

/** Where a feed's load stands. */
export type FeedState =
  | { status: 'loading' }
  | { status: 'error'; error: FeedError }
  | { status: 'ready'; activities: Activity[] };

/**
 * Loads `feed` once when the page mounts (and again on `reload`); a load still running when the
 * page goes away is aborted, so its answer never lands on another page.
 */
export function useFeed(client: ActivitiesClient, feed: FeedName) {
  const [state, setState] = useState<FeedState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    client.feed(feed, controller.signal).then(
      (activities) => setState({ status: 'ready', activities }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof FeedError ? error : new FeedError(String(error), 0),
        });
      },
    );
    return () => controller.abort();
  }, [client, feed, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
