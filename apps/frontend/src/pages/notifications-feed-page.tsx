import type { ActivitiesClient } from '../api/activities-client';
import { ActivityFeed } from '../activities/activity-feed';
import { feedState, usePageLoad } from '../activities/use-feed';

/** The notifications feed: replies and mentions addressed to you. */
export function NotificationsFeedPage({ client }: { client: ActivitiesClient }) {
  const { state, reload } = usePageLoad('load notifications', client.userHandle, (signal) =>
    client.feed('notifications', signal),
  );
  return (
    <section className="page" aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      <ActivityFeed state={feedState(state, (activities) => activities)} onRetry={reload} />
    </section>
  );
}
