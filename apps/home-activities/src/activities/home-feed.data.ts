import type { Activity } from '@cruddur/contracts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function shift(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}

/** The journals' mock home feed, dated relative to `now`. */
export function homeFeed(now: Date): Activity[] {
  return [
    {
      uuid: '68f126b0-1ceb-4a33-88be-d90fa7109eee',
      handle: 'Andrew Brown',
      message: 'Cloud is fun!',
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
    {
      uuid: '66e12864-8c26-4c3a-9658-95a10f8fea67',
      handle: 'Worf',
      message: 'I am out of prune juice',
      created_at: shift(now, -7 * DAY),
      expires_at: shift(now, 9 * DAY),
      likes_count: 0,
      replies_count: 0,
      reposts_count: 0,
      replies: [],
    },
    {
      uuid: '248959df-3079-4947-b847-9e0892d1bab4',
      handle: 'Garek',
      message: 'My dear doctor, I am just simple tailor',
      created_at: shift(now, -1 * HOUR),
      expires_at: shift(now, 12 * HOUR),
      likes_count: 0,
      replies_count: 0,
      reposts_count: 0,
      replies: [],
    },
  ];
}
