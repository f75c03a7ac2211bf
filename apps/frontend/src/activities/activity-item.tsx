import type { Activity, ActivityReply } from '@cruddur/contracts';
import { plural } from '../text/plural';

/** One crud or reply: who, when, what, and its counts. */
export function ActivityItem({ activity }: { activity: Activity | ActivityReply }) {
  return (
    <article className="activity" aria-label={`${activity.handle}: ${activity.message}`}>
      <header className="activity-meta">
        <span className="activity-handle">@{activity.handle}</span>
        <time dateTime={activity.created_at}>{ago(activity.created_at)}</time>
      </header>
      <p className="activity-message">{activity.message}</p>
      <ul className="activity-counts" aria-label="counts">
        {/* Words, not emoji: a browser without an emoji font shows those as empty boxes. */}
        <li title="replies">
          <strong>{activity.replies_count}</strong>{' '}
          {plural(activity.replies_count, 'reply', 'replies')}
        </li>
        <li title="reposts">
          <strong>{activity.reposts_count}</strong>{' '}
          {plural(activity.reposts_count, 'repost', 'reposts')}
        </li>
        <li title="likes">
          <strong>{activity.likes_count}</strong> {plural(activity.likes_count, 'like', 'likes')}
        </li>
      </ul>
      {'replies' in activity && activity.replies.length > 0 && (
        <section className="activity-replies" aria-label="replies">
          {activity.replies.map((reply) => (
            <ActivityItem key={reply.uuid} activity={reply} />
          ))}
        </section>
      )}
    </article>
  );
}

/** "2d", "5h", "3m" or "now", like the Cruddur front end shows ages. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(seconds)) return '';
  if (seconds >= 86_400) return `${Math.floor(seconds / 86_400)}d`;
  if (seconds >= 3_600) return `${Math.floor(seconds / 3_600)}h`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m`;
  return 'now';
}
