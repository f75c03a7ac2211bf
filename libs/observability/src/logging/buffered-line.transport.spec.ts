import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { MESSAGE } from './log-line.formats';
import { BufferedLineTransport, isFileDescriptorStream } from './buffered-line.transport';

const line = (text: string) => ({ level: 'info', message: text, [MESSAGE]: text });

describe('BufferedLineTransport', () => {
  it('writes the lines of one event-loop turn in one write, in order', async () => {
    const writes: string[] = [];
    const transport = new BufferedLineTransport({ write: (text: string) => writes.push(text) > 0 });
    for (let i = 0; i < 100; i++) transport.log(line(`line ${i}`), () => undefined);
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    expect(writes[0].split('\n').slice(0, 3)).toEqual(['line 0', 'line 1', 'line 2']);
    expect(writes[0].endsWith('line 99\n')).toBe(true);
    transport.close();
  });

  it('loses nothing when the process exits straight after logging', () => {
    // A real process with stdout on a pipe, exiting in the same turn as it logs.
    const built = join(__dirname, '..', '..', 'dist', 'logging', 'buffered-line.transport.js');
    const script = `
      const { BufferedLineTransport } = require(${JSON.stringify(built)});
      const MESSAGE = Symbol.for('message');
      const transport = new BufferedLineTransport(process.stdout);
      for (let i = 0; i < 1000; i++) transport.log({ [MESSAGE]: 'line ' + i }, () => {});
      process.exit(0);
    `;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1000);
    expect(lines[999]).toBe('line 999');
  });

  it('is used for stdout on a pipe or file, not for a TTY or an in-memory stream', () => {
    expect(isFileDescriptorStream({ fd: 1, isTTY: false })).toBe(true);
    expect(isFileDescriptorStream({ fd: 1, isTTY: true })).toBe(false);
    expect(isFileDescriptorStream(new PassThrough())).toBe(false);
  });
});
