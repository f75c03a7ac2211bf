import type { ActivitiesClient } from '../api/activities-client';
import { ActivityFeed } from '../activities/activity-feed';
import { useFeed } from '../activities/use-feed';

/** The notifications feed: replies and mentions addressed to you. */
export function NotificationsFeedPage({ client }: { client: ActivitiesClient }) {
  const { state, reload } = useFeed(client, 'notifications');
  return (
    <section className="page" aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      <ActivityFeed state={state} onRetry={reload} />
    </section>
  );
}
