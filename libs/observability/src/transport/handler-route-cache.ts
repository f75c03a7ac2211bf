/**
 * The handler key of each incoming pattern string, remembered. Nest's `getRouteFromPattern` first
 * tries `JSON.parse` on the pattern (it may be a serialized object pattern); for the plain string
 * patterns this mesh uses (`activities.home`) that throws a SyntaxError, stack trace and all, on
 * every message, and Nest looks the route up twice per request: 10 % of home-activities' CPU with
 * telemetry off (`node tools/bench/profile.mjs --config 1`). The route depends on the string
 * alone, so remembering it changes nothing but the cost. Only patterns that name a handler are
 * kept, which bounds the cache by the handler count whatever peers send.
 */
export class HandlerRouteCache {
  private readonly routes = new Map<string, string>();

  constructor(private readonly handlers: ReadonlyMap<string, unknown>) {}

  /** The route of `pattern`: remembered, or `compute(pattern)` (Nest's own). */
  route(pattern: string, compute: (pattern: string) => string): string {
    const known = this.routes.get(pattern);
    if (known !== undefined) return known;
    const route = compute(pattern);
    if (this.handlers.has(route)) this.routes.set(pattern, route);
    return route;
  }
}
