/**
 * What the healthy backends were owed and what they got: for every request the gateway answered
 * 200, the trace's spans (OTLP), segments (X-Ray), log events with its trace id (CloudWatch Logs)
 * and, for /rollbar/test, its item (Rollbar). "Owed" per route is learned from the healthy
 * baseline run (`expectPerRoute`), so a change in how many spans a request makes needs no edit.
 */

/** Counts per trace id, from each healthy receiver. */
function countsByTrace(receivers) {
  const counts = { otlp: new Map(), xray: new Map(), cloudwatch: new Map(), rollbar: new Map() };
  const add = (map, id) => map.set(id, (map.get(id) ?? 0) + 1);
  for (const span of receivers.otlp?.spans ?? []) add(counts.otlp, span.traceId);
  for (const entity of receivers.xray?.entities ?? []) {
    // 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy is the same id as xxxxxxxxyyyyyyyyyyyyyyyyyyyyyyyy.
    add(counts.xray, String(entity.traceId).replace(/^1-/, '').replace('-', ''));
  }
  for (const event of receivers.cloudwatch?.jsonEvents ?? []) {
    if (typeof event.trace_id === 'string') add(counts.cloudwatch, event.trace_id);
  }
  for (const item of receivers.rollbar?.items ?? []) {
    const id = item.data?.custom?.trace_id;
    if (typeof id === 'string') add(counts.rollbar, id);
  }
  return counts;
}

/** From a healthy run: how many of each signal one answered request of each route makes. */
export function expectPerRoute(results, receivers) {
  const counts = countsByTrace(receivers);
  const expected = {};
  for (const backend of Object.keys(counts)) {
    expected[backend] = {};
    const byRoute = {};
    for (const result of results) {
      if (result.status !== 200) continue;
      (byRoute[result.route] ??= []).push(counts[backend].get(result.traceId) ?? 0);
    }
    for (const [route, values] of Object.entries(byRoute)) {
      expected[backend][route] = mode(values);
    }
  }
  return expected;
}

/**
 * For each healthy backend: `{ owed, delivered }` summed over the answered requests, where a
 * request's delivered count is capped at what it owed (a duplicate does not hide a loss).
 */
export function deliveryOf(results, receivers, expected) {
  const counts = countsByTrace(receivers);
  const delivery = {};
  for (const backend of Object.keys(receivers)) {
    let owed = 0;
    let delivered = 0;
    for (const result of results) {
      if (result.status !== 200) continue;
      const want = expected[backend]?.[result.route] ?? 0;
      owed += want;
      delivered += Math.min(want, counts[backend].get(result.traceId) ?? 0);
    }
    delivery[backend] = { owed, delivered };
  }
  return delivery;
}

function mode(values) {
  const tally = new Map();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  return [...tally].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}
