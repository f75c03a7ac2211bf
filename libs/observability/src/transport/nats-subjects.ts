/**
 * The NATS subject of a request to `service`: `<service>.<pattern>` (`home-activities.activities.home`,
 * `notifications.health.check`). Over TCP the address names the service; over NATS the subject must,
 * because several services answer the same pattern (`health.check`) and a subject shared by two
 * queue groups would be answered by whichever replies first. Events keep their pattern as the
 * subject: every service that cares about `notifications.viewed` subscribes to it.
 */
export function requestSubject(service: string, pattern: string): string {
  return `${service}.${pattern}`;
}
