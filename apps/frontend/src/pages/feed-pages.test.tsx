import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ActivitiesClient } from '../api/activities-client';
import { App } from '../app/app';
import { FeedServer, activity } from '../testing/feed-server';
import { HomeFeedPage } from './home-feed-page';
import { NotificationsFeedPage } from './notifications-feed-page';

describe('the feed pages, against a real HTTP gateway', () => {
  let gateway: FeedServer;
  let client: ActivitiesClient;

  beforeAll(async () => {
    gateway = await FeedServer.start();
    client = new ActivitiesClient({ gatewayUrl: gateway.url, userHandle: 'andrewbrown' });
  });

  afterEach(() => {
    cleanup();
    gateway.answers.clear();
    gateway.requests.length = 0;
    window.history.replaceState(null, '', '/');
  });

  afterAll(() => gateway.close());

  it('shows Loading… until the home feed arrives, then each activity with counts and replies', async () => {
    gateway.answers.set('/api/activities/home', {
      status: 200,
      body: [
        activity(),
        activity({
          uuid: 'b',
          handle: 'Worf',
          message: 'I am out of prune juice',
          likes_count: 0,
          replies: [],
          replies_count: 0,
        }),
      ],
      delayMs: 150,
    });
    render(<HomeFeedPage client={client} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');

    const first = await screen.findByRole('article', { name: 'Andrew Brown: Cloud is fun!' });
    expect(screen.queryByRole('status')).toBeNull();
    expect(within(first).getByText('@Andrew Brown')).toBeTruthy();
    expect(within(first).getAllByText('2d')).toHaveLength(2); // the crud and its reply
    const counts = within(first).getAllByRole('list', { name: 'counts' })[0];
    expect(within(counts).getByTitle('replies').textContent).toBe('1 reply');
    expect(within(counts).getByTitle('likes').textContent).toBe('5 likes');
    const replies = within(first).getByRole('region', { name: 'replies' });
    expect(
      within(replies).getByRole('article', { name: 'Worf: This post has no honor!' }),
    ).toBeTruthy();
    expect(screen.getByRole('article', { name: 'Worf: I am out of prune juice' })).toBeTruthy();

    // The notifications count failed (404 here): the feed shows all the same, without a badge.
    expect(screen.queryByLabelText(/notifications$/)).toBeNull();
    expect(gateway.requests.map((request) => request.path).sort()).toEqual([
      '/api/activities/home',
      '/api/activities/notifications',
    ]);
    for (const request of gateway.requests) {
      expect(request.headers['x-cruddur-user-handle']).toBe('andrewbrown');
    }
  });

  it('shows the gateway’s error message and the trace id, and loads again on "Try again"', async () => {
    gateway.answers.set('/api/activities/notifications', {
      status: 503,
      body: {
        statusCode: 503,
        message: 'notifications is unavailable',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      },
    });
    render(<NotificationsFeedPage client={client} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('notifications is unavailable');
    expect(alert.textContent).toContain('Trace 4bf92f3577b34da6a3ce929d0e0e4736');

    gateway.answers.set('/api/activities/notifications', {
      status: 200,
      body: [activity({ handle: 'Coco Melon', message: 'I am a youtube channel' })],
    });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('article', { name: 'Coco Melon: I am a youtube channel' }),
    ).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the gateway cannot be reached at all', async () => {
    const down = new ActivitiesClient({
      gatewayUrl: 'http://127.0.0.1:9',
      userHandle: 'andrewbrown',
    });
    render(<HomeFeedPage client={down} />);
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
  });

  it('refuses an answer that is not a feed', async () => {
    gateway.answers.set('/api/activities/home', { status: 200, body: { not: 'a feed' } });
    render(<HomeFeedPage client={client} />);
    expect((await screen.findByRole('alert')).textContent).toContain('not a feed');
  });

  it('shows an empty feed as such', async () => {
    gateway.answers.set('/api/activities/home', { status: 200, body: [] });
    render(<HomeFeedPage client={client} />);
    expect(await screen.findByText('Nothing to see here yet.')).toBeTruthy();
  });

  it('navigates from Home to Notifications, loading each feed', async () => {
    gateway.answers.set('/api/activities/home', { status: 200, body: [activity()] });
    gateway.answers.set('/api/activities/notifications', {
      status: 200,
      body: [activity({ uuid: 'n', handle: 'Coco Melon', message: 'I am a youtube channel' })],
    });
    render(<App client={client} userHandle="andrewbrown" />);
    await screen.findByRole('article', { name: 'Andrew Brown: Cloud is fun!' });
    expect(screen.getByLabelText('1 notification').textContent).toContain('1');
    expect(screen.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByRole('link', { name: 'Notifications' }));
    expect(await screen.findByRole('heading', { name: 'Notifications' })).toBeTruthy();
    await screen.findByRole('article', { name: 'Coco Melon: I am a youtube channel' });
    expect(window.location.pathname).toBe('/notifications');
    expect(gateway.requests.map((request) => request.path).sort()).toEqual([
      '/api/activities/home',
      '/api/activities/notifications', // the count on Home
      '/api/activities/notifications', // the Notifications page
    ]);
  });
});
