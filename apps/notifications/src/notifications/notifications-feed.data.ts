import type { Activity } from '@cruddur/contracts';

const DAY = 24 * 60 * 60 * 1000;

function shift(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}

/** The journals' mock notifications feed, dated relative to `now`. */
export function notificationsFeed(now: Date): Activity[] {
  return [
    {
      uuid: '68f126b0-1ceb-4a33-88be-d90fa7109eee',
      handle: 'Coco Melon',
      message: 'I am a youtube channel',
      created_at: shift(now, -2 * DAY),
      expires_at: shift(now, 5 * DAY),
      likes_count: 5,
      replies_count: 1,
      reposts_count: 0,
      replies: [
        {
          uuid: '26e12864-1c26-5c3a-9658-97a10f8fea67',
          reply_to_activity_uuid: '68f126b0-1ceb-4a33-88be-d90fa7109eee',
          handle: 'Worf',
          message: 'This post has no honor!',
          likes_count: 0,
          replies_count: 0,
          reposts_count: 0,
          created_at: shift(now, -2 * DAY),
        },
      ],
    },
  ];
}
