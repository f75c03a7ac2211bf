import { logEventSize } from '@cruddur/telemetry-wire';
import { LogEventQueue } from './log-event.queue';

const event = (message: string) => ({ message, timestamp: 1, size: logEventSize(message) });

describe('LogEventQueue', () => {
  it('drops and counts the oldest events beyond the event limit', () => {
    const queue = new LogEventQueue({ maxEvents: 3, maxBytes: 1 << 20 });
    for (const name of ['a', 'b', 'c']) expect(queue.push(event(name))).toBe(0);
    expect(queue.push(event('d'))).toBe(1);
    expect(queue.peek().map((e) => e.message)).toEqual(['b', 'c', 'd']);
    expect(queue.dropped).toBe(1);
  });

  it('drops the oldest beyond the byte limit', () => {
    const queue = new LogEventQueue({ maxEvents: 100, maxBytes: 3 * logEventSize('x'.repeat(74)) });
    for (let i = 0; i < 5; i++) queue.push(event(String(i).repeat(74)));
    expect(queue.length).toBe(3);
    expect(queue.bytes).toBe(300);
    expect(queue.dropped).toBe(2);
  });

  it('counts the batch on its way against the limit and takes it back in front on failure', () => {
    const queue = new LogEventQueue({ maxEvents: 3, maxBytes: 1 << 20 });
    ['a', 'b'].forEach((name) => queue.push(event(name)));
    const batch = queue.take(2);
    expect(queue.length).toBe(0);
    queue.push(event('c'));
    // a and b are still in memory (in flight): d makes four, so the oldest waiting one goes.
    expect(queue.push(event('d'))).toBe(1);
    expect(queue.peek().map((e) => e.message)).toEqual(['d']);
    expect(queue.returnToFront(batch)).toBe(0);
    expect(queue.peek().map((e) => e.message)).toEqual(['a', 'b', 'd']);
    queue.settle(queue.take(3));
    expect(queue.length).toBe(0);
    expect(queue.bytes).toBe(0);
    for (const name of ['e', 'f', 'g']) expect(queue.push(event(name))).toBe(0);
  });

  it('stays correct over many pushes and takes', () => {
    const queue = new LogEventQueue({ maxEvents: 1_000_000, maxBytes: 1 << 30 });
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 300; i++) queue.push(event(String(next++)));
      const taken = queue.take(200);
      expect(taken[0].message).toBe(String(expected));
      expected += taken.length;
      queue.settle(taken);
    }
    expect(queue.length).toBe(next - expected);
    expect(queue.peek()[0].message).toBe(String(expected));
  });
});
