/**
 * Message patterns of the Cruddur microservices. The gateway sends them and the services handle
 * them, so both sides import these constants instead of repeating string literals.
 */
export const MessagePatterns = {
  /** home-activities: the home feed. Request-response. */
  HomeFeed: 'activities.home',
  /** notifications: the notifications feed. Request-response. */
  NotificationsFeed: 'notifications.list',
  /** notifications: a user opened their notifications (fire-and-forget event). */
  NotificationsViewed: 'notifications.viewed',
  /** Every service: answers a HealthReport. */
  HealthCheck: 'health.check',
} as const;

export type MessagePattern = (typeof MessagePatterns)[keyof typeof MessagePatterns];
