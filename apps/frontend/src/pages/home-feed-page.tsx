import type { ActivitiesClient } from '../api/activities-client';
import { ActivityFeed } from '../activities/activity-feed';
import { feedState, usePageLoad } from '../activities/use-feed';
import { counted } from '../text/plural';

/**
 * The home feed, with how many notifications wait. Both come in one traced load - the browser span
 * `load home` is the root of a trace through the gateway, home-activities and notifications. The
 * count is a nicety: when notifications fail, the feed still shows.
 */
export function HomeFeedPage({ client }: { client: ActivitiesClient }) {
  const { state, reload } = usePageLoad('load home', client.userHandle, (signal) =>
    Promise.all([
      client.feed('home', signal),
      client.feed('notifications', signal).then(
        (notifications) => notifications.length,
        () => undefined,
      ),
    ]),
  );
  const waiting = state.status === 'ready' ? state.data[1] : undefined;
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">
        Home
        {waiting !== undefined && waiting > 0 && (
          <span className="badge" aria-label={counted(waiting, 'notification', 'notifications')}>
            {waiting} new
          </span>
        )}
      </h1>
      <ActivityFeed state={feedState(state, ([activities]) => activities)} onRetry={reload} />
    </section>
  );
}
