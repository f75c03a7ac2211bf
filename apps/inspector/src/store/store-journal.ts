import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { IngestRecord, TelemetryStore } from './telemetry-store';

/** The variable that turns the journal on; every error names it. */
export const STORE_VARIABLE = 'INSPECTOR_STORE';

/** A journal that cannot be read or written: the message says what to do. */
export class StoreJournalError extends Error {
  override readonly name = 'StoreJournalError';
}

/** How the journal is doing, for /api/stats. */
export interface JournalStats {
  path: string;
  /** Records replayed at start. */
  replayed: number;
  /** A torn last line skipped at start (the previous run was killed mid-write). */
  skippedTornLine: boolean;
  bytesWritten: number;
  compactions: number;
  /** The last write failure; the inspector keeps running in memory meanwhile. */
  lastError?: string;
}

/** Buffered lines are written at most this long after they were stored. */
const FLUSH_MS = 200;
/** Compact once this much was appended past the last snapshot (and it doubled). */
const MIN_COMPACT_BYTES = 64 * 1024 * 1024;

/**
 * The inspector's optional on-disk store (`INSPECTOR_STORE=<file>`): an append-only journal of
 * what the store took in, one JSON line per ingest, replayed through the store's own `ingest*`
 * methods at start, so the same caps apply. At start, and whenever the journal has grown past
 * twice its last snapshot, it is rewritten as a snapshot of what the store holds (a temporary
 * file, fsync, rename: a crash mid-compaction leaves the old journal), so the file stays bounded
 * by the caps. Writes are batched every 200 ms; `close()` (SIGTERM) writes what is pending and
 * fsyncs, so nothing the inspector answered 200 for is lost on a clean stop.
 *
 * A write failure (disk full) is reported in `stats` and on stderr once; the inspector keeps
 * serving from memory. A corrupt journal or an unwritable path stops the start with an error
 * naming INSPECTOR_STORE.
 */
export class StoreJournal {
  readonly stats: JournalStats;
  private pending: string[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private snapshotBytes = 0;
  private appendedBytes = 0;
  private closed = false;

  private constructor(
    private readonly path: string,
    private readonly store: TelemetryStore,
    private file: FileHandle,
    stats: Pick<JournalStats, 'replayed' | 'skippedTornLine'>,
  ) {
    this.stats = { path, ...stats, bytesWritten: 0, compactions: 0 };
  }

  /** Replays `path` into `store` (if it exists), compacts it, and journals every later ingest. */
  static async open(path: string, store: TelemetryStore): Promise<StoreJournal> {
    const replay = await replayInto(path, store);
    const journal = new StoreJournal(path, store, await compactTo(path, store), replay);
    journal.snapshotBytes = (await stat(path)).size;
    store.onIngest((record) => journal.record(record));
    return journal;
  }

  /** Writes what is pending, fsyncs and closes; later ingests are no longer journaled. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.store.onIngest(undefined);
    clearTimeout(this.timer);
    await this.flush();
    await this.file.sync().catch(() => undefined);
    await this.file.close().catch(() => undefined);
  }

  private record(record: IngestRecord): void {
    // Serialized now: the store's objects may change later (a trace's summary cache), the line must not.
    this.pending.push(`${JSON.stringify(record)}\n`);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, FLUSH_MS);
  }

  /** Appends the pending lines, after any write in progress; never throws. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.length) return;
      const text = this.pending.join('');
      this.pending = [];
      try {
        await this.file.appendFile(text, 'utf8');
        const bytes = Buffer.byteLength(text);
        this.stats.bytesWritten += bytes;
        this.appendedBytes += bytes;
        if (!this.closed && this.appendedBytes > Math.max(MIN_COMPACT_BYTES, this.snapshotBytes)) {
          await this.compact();
        }
      } catch (error) {
        const message = `${STORE_VARIABLE}: writing ${this.path} failed (${(error as Error).message}); the inspector keeps what it has in memory`;
        if (this.stats.lastError !== message) process.stderr.write(`[inspector] ${message}\n`);
        this.stats.lastError = message;
      }
    });
    return this.flushing;
  }

  private async compact(): Promise<void> {
    await this.file.close();
    try {
      this.file = await compactTo(this.path, this.store);
    } catch (error) {
      // Keep appending to the journal as it was; the next flush tries to compact again.
      this.file = await open(this.path, 'a', 0o600);
      throw error;
    }
    this.snapshotBytes = (await stat(this.path)).size;
    this.appendedBytes = 0;
    this.stats.compactions++;
  }
}

/** Feeds every line of the journal to the store; a torn last line is skipped, anything else bad is an error. */
async function replayInto(
  path: string,
  store: TelemetryStore,
): Promise<Pick<JournalStats, 'replayed' | 'skippedTornLine'>> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new StoreJournalError(`${STORE_VARIABLE}: ${path} is not a file`);
    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { replayed: 0, skippedTornLine: false };
    if (error instanceof StoreJournalError) throw error;
    throw new StoreJournalError(
      `${STORE_VARIABLE}: cannot read ${path} (${(error as Error).message}); choose a file it can read and write, or set ${STORE_VARIABLE}=memory`,
    );
  }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  let bytesRead = 0;
  let replayed = 0;
  let torn: { line: number; reason: string } | undefined;
  for await (const line of lines) {
    lineNumber++;
    bytesRead += Buffer.byteLength(line) + 1;
    if (torn) {
      throw corrupt(path, torn.line, torn.reason);
    }
    if (!line.trim()) continue;
    let record: IngestRecord;
    try {
      record = JSON.parse(line) as IngestRecord;
      ingest(store, record);
    } catch (error) {
      // The last line without its newline is an interrupted write; anywhere else it is damage.
      const reason = (error as Error).message;
      if (bytesRead > size) torn = { line: lineNumber, reason };
      else throw corrupt(path, lineNumber, reason);
      continue;
    }
    replayed++;
  }
  return { replayed, skippedTornLine: Boolean(torn) };
}

function ingest(store: TelemetryStore, record: IngestRecord): void {
  if (typeof record !== 'object' || record === null) throw new Error('not a journal record');
  if ('spans' in record && Array.isArray(record.spans)) store.ingestSpans(record.spans);
  else if ('logEvents' in record && Array.isArray(record.logEvents))
    store.ingestLogEvents(record.logEvents);
  else if ('xraySegments' in record && Array.isArray(record.xraySegments)) {
    store.ingestXraySegments(record.xraySegments);
  } else if ('rollbarItem' in record && record.rollbarItem?.data)
    store.ingestRollbarItem(record.rollbarItem);
  else throw new Error(`unknown record ${JSON.stringify(Object.keys(record))}`);
}

function corrupt(path: string, line: number, reason: string): StoreJournalError {
  return new StoreJournalError(
    `${STORE_VARIABLE}: ${path} is corrupt at line ${line} (${reason}); move it away to start afresh, or set ${STORE_VARIABLE}=memory`,
  );
}

/** Writes the store's contents to `path` (via a temporary file) and opens it for appending. */
async function compactTo(path: string, store: TelemetryStore): Promise<FileHandle> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(temporary, 'w', 0o600);
    try {
      let chunk: string[] = [];
      let size = 0;
      for (const record of store.contents()) {
        const line = `${JSON.stringify(record)}\n`;
        chunk.push(line);
        size += line.length;
        if (size > 1 << 20) {
          await file.appendFile(chunk.join(''), 'utf8');
          [chunk, size] = [[], 0];
        }
      }
      await file.appendFile(chunk.join(''), 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    return await open(path, 'a', 0o600);
  } catch (error) {
    throw new StoreJournalError(
      `${STORE_VARIABLE}: cannot write ${path} (${(error as Error).message}); choose a writable file, or set ${STORE_VARIABLE}=memory`,
    );
  }
}
