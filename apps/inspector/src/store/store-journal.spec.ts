import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthTrace, traceIdOf } from '../../test/span-fixtures';
import { StoreJournal, StoreJournalError } from './store-journal';
import { TelemetryStore } from './telemetry-store';

describe('the on-disk store (INSPECTOR_STORE)', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'inspector-store-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  function fill(store: TelemetryStore, traces: number[]) {
    for (const n of traces) {
      const traceId = traceIdOf(n);
      store.ingestSpans(healthTrace(traceId));
      store.ingestLogEvents([
        {
          logGroupName: 'cruddur',
          logStreamName: 'gateway',
          timestamp: n,
          message: `line ${n}`,
          traceId,
        },
      ]);
      store.ingestXraySegments([
        {
          trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
          id: `a00000000000000${n}`,
          name: 'gateway',
          start_time: 1,
          end_time: 2,
        },
      ]);
      store.ingestRollbarItem({
        data: {
          uuid: `u-${n}`,
          level: 'error',
          body: { message: { body: `item ${n}` } },
          custom: { trace_id: traceId, token: 'secret-token' },
        },
      });
    }
  }

  it('keeps every signal across a restart, secrets still scrubbed', async () => {
    const path = join(directory, 'nested', 'inspector.jsonl');
    const first = new TelemetryStore();
    const journal = await StoreJournal.open(path, first);
    fill(first, [1, 2]);
    await journal.close();

    const second = new TelemetryStore();
    const reopened = await StoreJournal.open(path, second);
    expect(reopened.stats).toMatchObject({ replayed: 8, skippedTornLine: false });
    expect(second.stats()).toMatchObject({
      traces: 2,
      spans: 10,
      logEvents: 2,
      xraySegments: 2,
      rollbarItems: 2,
    });
    expect(second.rollbarItemsOf(traceIdOf(2))[0].title).toBe('item 2');
    expect(readFileSync(path, 'utf8')).not.toContain('secret-token');
    // What the second run stores is journaled too.
    fill(second, [3]);
    await reopened.close();
    const third = new TelemetryStore();
    await (await StoreJournal.open(path, third)).close();
    expect(third.stats().traces).toBe(3);
  });

  it('applies the caps on replay and compacts the file to what is kept', async () => {
    const path = join(directory, 'inspector.jsonl');
    const big = new TelemetryStore();
    const journal = await StoreJournal.open(path, big);
    fill(
      big,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    await journal.close();
    const before = readFileSync(path).length;

    const small = new TelemetryStore({
      maxTraces: 5,
      maxLogEvents: 5,
      maxXraySegments: 5,
      maxRollbarItems: 5,
    });
    await (await StoreJournal.open(path, small)).close();
    expect(small.stats()).toMatchObject({
      traces: 5,
      logEvents: 5,
      xraySegments: 5,
      rollbarItems: 5,
    });
    expect(small.trace(traceIdOf(20))).toBeDefined();
    expect(small.trace(traceIdOf(15))).toBeUndefined();
    expect(readFileSync(path).length).toBeLessThan(before / 3);
  });

  it('skips a torn last line (a kill mid-write) but refuses a corrupt file, naming the variable', async () => {
    const path = join(directory, 'inspector.jsonl');
    const store = new TelemetryStore();
    const journal = await StoreJournal.open(path, store);
    fill(store, [1]);
    await journal.close();
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"spans":[{"traceId`, { flag: 'w' });
    const reopened = await StoreJournal.open(path, new TelemetryStore());
    expect(reopened.stats.skippedTornLine).toBe(true);
    await reopened.close();

    writeFileSync(path, `not json\n${readFileSync(path, 'utf8')}`);
    const error = await StoreJournal.open(path, new TelemetryStore()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreJournalError);
    expect((error as Error).message).toMatch(
      /^INSPECTOR_STORE: .*inspector\.jsonl is corrupt at line 1 \(.*\); move it away to start afresh, or set INSPECTOR_STORE=memory$/,
    );
    // The corrupt file is left as it was, for the user to look at.
    expect(readFileSync(path, 'utf8').startsWith('not json\n')).toBe(true);
  });

  it('refuses a path it cannot write, naming the variable', async () => {
    const readOnly = join(directory, 'read-only');
    writeFileSync(join(directory, 'a-file'), '');
    const inFile = StoreJournal.open(join(directory, 'a-file', 'x.jsonl'), new TelemetryStore());
    await expect(inFile).rejects.toThrow(
      /^INSPECTOR_STORE: cannot read .*x\.jsonl \(ENOTDIR.*\); choose a file it can read and write, or set INSPECTOR_STORE=memory$/,
    );
    await expect(StoreJournal.open(directory, new TelemetryStore())).rejects.toThrow(
      /is not a file/,
    );
    // /proc takes no new files, even from root.
    await expect(StoreJournal.open('/proc/inspector.jsonl', new TelemetryStore())).rejects.toThrow(
      /^INSPECTOR_STORE: cannot write \/proc\/inspector\.jsonl \(.*\); choose a writable file, or set INSPECTOR_STORE=memory$/,
    );
    if (process.getuid?.() !== 0) {
      // (root writes anywhere, so this half only proves something as another user)
      writeFileSync(readOnly, '');
      chmodSync(directory, 0o500);
      try {
        await expect(StoreJournal.open(readOnly, new TelemetryStore())).rejects.toThrow(
          /cannot write/,
        );
      } finally {
        chmodSync(directory, 0o700);
      }
    }
  });
});
