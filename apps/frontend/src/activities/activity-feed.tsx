import type { Activity } from '@cruddur/contracts';
import type { FeedState } from './use-feed';
import { ActivityItem } from './activity-item';

/** A feed in any of its states: loading, failed (with the trace to look for), empty or full. */
export function ActivityFeed({ state, onRetry }: { state: FeedState; onRetry: () => void }) {
  if (state.status === 'loading') {
    return (
      <p className="feed-loading" role="status">
        Loading…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="feed-error" role="alert">
        <p>{state.error.message}</p>
        {state.error.traceId && <p className="feed-trace">Trace {state.error.traceId}</p>}
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return <ActivityList activities={state.activities} />;
}

function ActivityList({ activities }: { activities: Activity[] }) {
  if (activities.length === 0) return <p className="feed-empty">Nothing to see here yet.</p>;
  return (
    <div className="feed" aria-label="activities">
      {activities.map((activity) => (
        <ActivityItem key={activity.uuid} activity={activity} />
      ))}
    </div>
  );
}
