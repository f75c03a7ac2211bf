import { useCallback, useEffect, useState } from 'react';
import type { Activity } from '@cruddur/contracts';
import { FeedError } from '../api/activities-client';
import { tracedLoad } from '../telemetry/traced-load';

/** Where a page's load stands. */
export type LoadState<T> =
  { status: 'loading' } | { status: 'error'; error: FeedError } | { status: 'ready'; data: T };

/** A feed's load state. */
export type FeedState =
  | { status: 'loading' }
  | { status: 'error'; error: FeedError }
  | { status: 'ready'; activities: Activity[] };

/**
 * Loads a page's data once when the page mounts (and again on `reload`), as one traced load named
 * `spanName`; a load still running when the page goes away is aborted, so its answer never lands
 * on another page. `load` must start its fetches synchronously (see tracedLoad).
 */
export function usePageLoad<T>(
  spanName: string,
  userHandle: string,
  load: (signal: AbortSignal) => Promise<T>,
) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    tracedLoad(spanName, userHandle, () => load(controller.signal)).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof FeedError ? error : new FeedError(String(error), 0),
        });
      },
    );
    return () => controller.abort();
    // `load` is a new function each render; the page's identity is its span name and user.
  }, [spanName, userHandle, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}

/** The feed part of a page's load state. */
export function feedState<T>(state: LoadState<T>, activities: (data: T) => Activity[]): FeedState {
  return state.status === 'ready' ? { status: 'ready', activities: activities(state.data) } : state;
}
