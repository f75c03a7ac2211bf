import { HandlerRouteCache } from './handler-route-cache';

describe('HandlerRouteCache', () => {
  const handlers = new Map<string, unknown>([
    ['activities.home', () => undefined],
    ['{"cmd":"sum"}', () => undefined],
  ]);

  function counting(route: (pattern: string) => string) {
    const calls: string[] = [];
    return {
      calls,
      compute: (pattern: string) => {
        calls.push(pattern);
        return route(pattern);
      },
    };
  }

  it("computes a handler's route once and answers from memory after that", () => {
    const cache = new HandlerRouteCache(handlers);
    const nest = counting((pattern) => pattern);
    expect(cache.route('activities.home', nest.compute)).toBe('activities.home');
    expect(cache.route('activities.home', nest.compute)).toBe('activities.home');
    expect(nest.calls).toEqual(['activities.home']);
  });

  it("keeps the computed route, not the pattern (an object pattern's normal form)", () => {
    const cache = new HandlerRouteCache(handlers);
    const nest = counting(() => '{"cmd":"sum"}');
    expect(cache.route('{ "cmd": "sum" }', nest.compute)).toBe('{"cmd":"sum"}');
    expect(cache.route('{ "cmd": "sum" }', nest.compute)).toBe('{"cmd":"sum"}');
    expect(nest.calls).toHaveLength(1);
  });

  it('remembers nothing for patterns no handler has, so peers cannot grow it', () => {
    const cache = new HandlerRouteCache(handlers);
    const nest = counting((pattern) => pattern);
    for (let i = 0; i < 3; i++)
      expect(cache.route('nobody.listens', nest.compute)).toBe('nobody.listens');
    expect(nest.calls).toHaveLength(3);
  });
});
