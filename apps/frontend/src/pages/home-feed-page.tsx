import type { ActivitiesClient } from '../api/activities-client';
import { ActivityFeed } from '../activities/activity-feed';
import { useFeed } from '../activities/use-feed';

/** The home feed: what the people you follow are saying. */
export function HomeFeedPage({ client }: { client: ActivitiesClient }) {
  const { state, reload } = useFeed(client, 'home');
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">Home</h1>
      <ActivityFeed state={state} onRetry={reload} />
    </section>
  );
}
