import { open } from 'node:fs/promises';
import { ShopmateError } from '../../core/errors.ts';

/** Flushes one file to stable storage (fsync); injectable so tests can count, delay or fail flushes. */
export type FileFlusher = (path: string) => Promise<void>;

/** Opens the file on every flush: SQLite may delete and recreate its WAL, and a kept descriptor would flush the old one. */
export const fsyncFile: FileFlusher = async (path) => {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/**
 * Group commit for a SQLite WAL connection running with synchronous=NORMAL: after a write, `flush()` resolves once
 * an fsync of the WAL *started after that write* has finished, so the write is on stable storage, exactly what
 * synchronous=FULL promises. The difference is where the wait happens: FULL fsyncs inside every commit, blocking
 * the event loop for each (four commits a customer message, ~3.7 ms of every reply at 32 concurrent customers),
 * while here the fsync runs on libuv's thread pool and every write committed while one flush is in flight shares
 * the next flush. fsync is per file (inode) on Linux, so flushing through our own descriptor covers the frames
 * SQLite wrote through its own. A failed fsync fails every waiting write with STORE_NOT_DURABLE: the commit may be
 * lost on power loss, and the caller must not acknowledge it as kept.
 */
export class WalSync {
  private inFlight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** Flushes started, for tests and the benchmark (writes per flush shows the grouping). */
  flushes = 0;

  constructor(
    private readonly walPath: string,
    private readonly flushFile: FileFlusher = fsyncFile,
  ) {}

  flush(): Promise<void> {
    if (!this.inFlight) return this.start();
    // The flush in flight may have begun before this write reached the file: wait for the next one.
    this.queued ??= this.inFlight.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  private startQueued(): Promise<void> {
    this.queued = null;
    return this.start();
  }

  private start(): Promise<void> {
    this.flushes += 1;
    const run = this.flushFile(this.walPath).catch((cause: unknown) => {
      throw new ShopmateError('STORE_NOT_DURABLE', `could not flush the database journal to disk (${this.walPath})`, { cause });
    });
    const current = run.finally(() => {
      if (this.inFlight === current) this.inFlight = null;
    });
    this.inFlight = current;
    return current;
  }
}
