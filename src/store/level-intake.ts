import { ClassicLevel } from 'classic-level';
import { ConfigError } from '../config/env.js';
import type { Intake, IntakeBatch } from './types.js';

/** Batches left by a version that kept the intake inside lmdb, handed over once on open. */
export interface LegacyBatches<J> {
  /** Oldest first; `drop` forgets the batch once it is in the new intake. */
  take(): Array<{ jobs: J[]; drop(): Promise<void> }>;
}

// Keys sort as strings: a fixed-width sequence number, then the batch's job count.
const keyOf = (seq: number, jobs: number): string => `${String(seq).padStart(16, '0')}.${jobs}`;
const seqOf = (key: string): number => Number(key.slice(0, key.indexOf('.')));
const jobsOf = (key: string): number => Number(key.slice(key.indexOf('.') + 1));

/**
 * The embedded store's intake, in LevelDB: each batch is one synced append to LevelDB's
 * log, and LevelDB folds appends that meet on its writer into one fdatasync. lmdb, which
 * keeps everything else, spends two flushes and a dozen page writes on a commit, and an
 * acknowledgement queued behind the worker's own commits. Against the lmdb intake, in
 * alternating rounds, this one came out ahead (README, Benchmarks).
 *
 * One process owns the intake (LevelDB locks its directory), so the waiting count is kept
 * in memory. It is opened on first use, never by a process that only reads the store.
 */
export class LevelIntake<J> implements Intake<J> {
  private opening: Promise<ClassicLevel<string, J[]>> | null = null;
  private seq = 0;
  private waiting = 0;
  // Ids counted in `waiting`, in key order (each is added with a higher sequence number): a
  // second remove, or one racing its append, counts nothing twice.
  private readonly live = new Set<string>();
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly legacy?: LegacyBatches<J>,
  ) {}

  /** Takes the directory's lock; rejects with one line to show when another process holds it. */
  async ready(): Promise<void> {
    await this.db();
  }

  async append(jobs: J[]): Promise<void> {
    await this.write(await this.db(), jobs);
  }

  async oldest(limit: number): Promise<Array<IntakeBatch<J>>> {
    const db = await this.db();
    // By key, from the ids kept in memory, not with an iterator: creating a LevelDB
    // iterator is synchronous (it takes the database's lock and opens the newest tables),
    // and under a flood it once held the event loop, and every answer with it, for 0.6 s.
    // A get runs on libuv's pool. A batch whose append is still in flight is not there yet.
    const ids: string[] = [];
    for (const id of this.live) {
      if (ids.length >= limit) break;
      ids.push(id);
    }
    if (ids.length === 0) return [];
    const found = await db.getMany(ids);
    // Looked at again after the read: a batch removed while it ran is not handed out.
    return ids.flatMap((id, i) => {
      const jobs = found[i];
      return jobs === undefined || !this.live.has(id) ? [] : [{ id, jobs }];
    });
  }

  async remove(id: string): Promise<void> {
    const db = await this.db();
    this.untrack(id);
    // Not synced: a removal lost to a power cut only admits the batch again, which changes nothing.
    await db.del(id);
  }

  async count(): Promise<number> {
    await this.db();
    return this.waiting;
  }

  async close(): Promise<void> {
    this.closed = true;
    const db = await this.opening?.catch(() => null);
    await db?.close();
  }

  private async write(db: ClassicLevel<string, J[]>, jobs: J[]): Promise<void> {
    const id = keyOf(++this.seq, jobs.length);
    // Counted before the write resolves: the mover may see the batch first.
    this.track(id);
    try {
      // sync: resolved only after fdatasync, so a 202 survives a power cut.
      await db.put(id, jobs, { sync: true });
    } catch (err) {
      this.untrack(id);
      throw err;
    }
  }

  private track(id: string): void {
    this.live.add(id);
    this.waiting += jobsOf(id);
  }

  private untrack(id: string): void {
    if (this.live.delete(id)) this.waiting -= jobsOf(id);
  }

  private db(): Promise<ClassicLevel<string, J[]>> {
    if (this.closed) return Promise.reject(new Error('the embedded store is closed'));
    this.opening ??= this.open().catch((err: unknown) => {
      this.opening = null;
      throw err;
    });
    return this.opening;
  }

  private async open(): Promise<ClassicLevel<string, J[]>> {
    // A 64 MB memtable (LevelDB's default is 4 MB): batches are removed soon after they
    // arrive, so most never leave memory, and a flood does not keep LevelDB's one background
    // thread flushing and compacting on the receiver's core. In the same alternating rounds
    // at 200 connections: 0.59 of the bare server against 0.54 with 4 MB, p99 34 ms against
    // 50. The price is memory: up to twice this while a full memtable is written out.
    const db = new ClassicLevel<string, J[]>(this.path, { keyEncoding: 'utf8', valueEncoding: 'json', writeBufferSize: 64 << 20 });
    try {
      await db.open();
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      if (cause?.code === 'LEVEL_LOCKED') {
        throw new ConfigError(`DATA_DIR: ${this.path} is in use by another process; give each in-process service its own DATA_DIR, or set REDIS_URL to run several`);
      }
      throw err;
    }
    for await (const id of db.keys()) {
      this.track(id);
      this.seq = seqOf(id);
    }
    for (const batch of this.legacy?.take() ?? []) {
      await this.write(db, batch.jobs);
      await batch.drop();
    }
    return db;
  }
}
