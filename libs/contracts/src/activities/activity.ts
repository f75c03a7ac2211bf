/** A reply under an activity, as the Cruddur front end renders it. */
export interface ActivityReply {
  uuid: string;
  reply_to_activity_uuid: string;
  handle: string;
  message: string;
  likes_count: number;
  replies_count: number;
  reposts_count: number;
  created_at: string;
}

/** One Cruddur post ("crud") in a feed; the shape the journals' Flask backend returned. */
export interface Activity {
  uuid: string;
  handle: string;
  message: string;
  created_at: string;
  expires_at: string;
  likes_count: number;
  replies_count: number;
  reposts_count: number;
  replies: ActivityReply[];
}

/** What a feed request carries to the service that builds the feed. */
export interface FeedRequest {
  /** The caller's user handle, when the gateway knows it. */
  userHandle?: string;
}

/** What every service answers to a health check. */
export interface HealthReport {
  service: string;
  status: 'up';
}
