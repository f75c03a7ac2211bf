import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { Activity } from '@cruddur/contracts';

/** How the test gateway answers one path. */
export interface FeedAnswer {
  status: number;
  body: unknown;
  /** Hold the answer this long. @default 0 */
  delayMs?: number;
}

/**
 * A real HTTP server on 127.0.0.1 playing the gateway for component tests: it answers feed paths
 * as told and keeps the headers of every request, so tests see what the browser code really sent.
 */
export class FeedServer {
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  readonly answers = new Map<string, FeedAnswer>();
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push({ path, headers: request.headers });
      const answer = this.answers.get(path) ?? { status: 404, body: { message: 'no such feed' } };
      setTimeout(() => {
        response
          .writeHead(answer.status, { 'content-type': 'application/json' })
          .end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  }

  static async start(): Promise<FeedServer> {
    const feeds = new FeedServer();
    await new Promise<void>((resolve) => feeds.server.listen(0, '127.0.0.1', resolve));
    return feeds;
  }

  get url(): string {
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** An activity as the gateway returns it, with `overrides`. */
export function activity(overrides: Partial<Activity> = {}): Activity {
  return {
    uuid: '68f126b0-1ceb-4a33-88be-d90fa7109eee',
    handle: 'Andrew Brown',
    message: 'Cloud is fun!',
    created_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    expires_at: new Date(Date.now() + 5 * 86_400_000).toISOString(),
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
        created_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      },
    ],
    ...overrides,
  };
}
