/**
 * Stops supervised processes group by group, in the `stopOrder` of their service (lowest first):
 * SIGTERM to every process of a group at once, then wait for all of them to exit (each is killed
 * after its `stopTimeoutMs`) before the next group gets its signal.
 *
 * @param {import('./supervisor.mjs').Supervisor[]} supervisors
 */
export async function stopInOrder(supervisors) {
  const orders = [...new Set(supervisors.map(({ service }) => service.stopOrder ?? 0))].sort(
    (a, b) => a - b,
  );
  for (const order of orders) {
    await Promise.all(
      supervisors
        .filter(({ service }) => (service.stopOrder ?? 0) === order)
        .map((supervisor) => supervisor.stop('SIGTERM', supervisor.service.stopTimeoutMs)),
    );
  }
}
