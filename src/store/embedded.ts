import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { LevelDirectory } from '../intake/level-lock.js';
import { LogIntake } from '../intake/log.js';
import type { LeftBatches } from '../intake/types.js';
import type { EffectRecord, Inbox, InboxEntry, Lane, Store, Versioned, VersionedCollection } from './types.js';

/** lmdb throws from a timer when written after close, which would crash the process; refuse first. */
class OpenState {
  closed = false;
  check(): void {
    if (this.closed) throw new Error('the embedded store is closed');
  }
}

interface Envelope<T> {
  v: number;
  doc: T;
}

class LmdbCollection<T> implements VersionedCollection<T> {
  constructor(
    private readonly db: Database<Envelope<T>, string>,
    private readonly state: OpenState,
  ) {}

  async get(id: string): Promise<Versioned<T> | null> {
    this.state.check();
    const found = this.db.get(id);
    return found ? { value: found.doc, version: found.v } : null;
  }

  async has(id: string): Promise<boolean> {
    this.state.check();
    return this.db.doesExist(id);
  }

  async existing(ids: readonly string[]): Promise<Set<string>> {
    this.state.check();
    return new Set(ids.filter((id) => this.db.doesExist(id)));
  }

  async put(id: string, value: T, expected: number | null): Promise<number | null> {
    this.state.check();
    // The callback runs inside lmdb's write transaction, so the check and the write
    // are one atomic step even with many callers in the same event turn.
    return this.db.transaction(() => {
      const found = this.db.get(id);
      const current = found ? found.v : null;
      if (current !== expected) return null;
      const next = (current ?? 0) + 1;
      void this.db.put(id, { v: next, doc: value });
      return next;
    });
  }

  async list(): Promise<Array<Versioned<T> & { id: string }>> {
    this.state.check();
    const out: Array<Versioned<T> & { id: string }> = [];
    for (const { key, value } of this.db.getRange()) out.push({ id: key, value: value.doc, version: value.v });
    return out;
  }
}

type InboxRecord<J> =
  | (InboxEntry<J> & { state: 'pending' | 'failed'; seq: number; waited?: true; background?: true })
  | { state: 'done'; doneAt: number };

class LmdbInbox<J> implements Inbox<J> {
  constructor(
    private readonly entries: Database<InboxRecord<J>, string>,
    // [notBefore, seq] → key, only for pending entries: the worker reads what is due, oldest
    // first, without stepping over the jobs that wait for later (coalesced effects, retries).
    private readonly pending: Database<string, [number, number]>,
    // The same for the entries people wait for, read before every other due entry.
    private readonly waited: Database<string, [number, number]>,
    // The same for background entries, read only after every other due entry.
    private readonly background: Database<string, [number, number]>,
    private readonly done: Database<null, [number, string]>,
    private readonly meta: Database<number, string>,
    private readonly state: OpenState,
  ) {}

  private indexOf(record: { waited?: true; background?: true }): Database<string, [number, number]> {
    return record.waited ? this.waited : record.background ? this.background : this.pending;
  }

  async add(key: string, job: J, now: number, notBefore = now, lane: Lane = 'ordinary'): Promise<boolean> {
    this.state.check();
    return this.entries.transaction(() => {
      if (this.entries.get(key) !== undefined) return false;
      const seq = (this.meta.get('seq') ?? 0) + 1;
      void this.meta.put('seq', seq);
      const record: InboxRecord<J> & { state: 'pending' } = {
        state: 'pending',
        seq,
        key,
        job,
        attempts: 0,
        notBefore,
        receivedAt: now,
        lastError: null,
        ...(lane === 'waited' ? { waited: true as const } : lane === 'background' ? { background: true as const } : {}),
      };
      void this.entries.put(key, record);
      void this.indexOf(record).put([notBefore, seq], key);
      return true;
    });
  }

  async due(now: number, limit: number): Promise<Array<InboxEntry<J>>> {
    this.state.check();
    const out: Array<InboxEntry<J>> = [];
    for (const index of [this.waited, this.pending, this.background]) {
      for (const { value: key } of index.getRange({ end: [now, Number.MAX_SAFE_INTEGER] })) {
        if (out.length >= limit) return out;
        const record = this.entries.get(key);
        if (!record || record.state !== 'pending') continue;
        const { key: k, job, attempts, notBefore, receivedAt, lastError } = record;
        out.push({ key: k, job, attempts, notBefore, receivedAt, lastError });
      }
    }
    return out;
  }

  async complete(key: string, now: number): Promise<void> {
    this.state.check();
    await this.entries.transaction(() => {
      const record = this.entries.get(key);
      if (!record || record.state === 'done') return;
      if (record.state === 'pending') void this.indexOf(record).remove([record.notBefore, record.seq]);
      void this.entries.put(key, { state: 'done', doneAt: now });
      void this.done.put([now, key], null);
    });
  }

  async retryLater(key: string, error: string, notBefore: number | null): Promise<void> {
    this.state.check();
    await this.entries.transaction(() => {
      const record = this.entries.get(key);
      if (!record || record.state !== 'pending') return;
      const attempts = record.attempts + 1;
      const index = this.indexOf(record);
      void index.remove([record.notBefore, record.seq]);
      if (notBefore === null) {
        void this.entries.put(key, { ...record, attempts, lastError: error, state: 'failed' });
      } else {
        void index.put([notBefore, record.seq], key);
        void this.entries.put(key, { ...record, attempts, lastError: error, notBefore });
      }
    });
  }

  async countPending(): Promise<number> {
    this.state.check();
    return this.waited.getCount() + this.pending.getCount() + this.background.getCount();
  }

  async prune(before: number): Promise<number> {
    this.state.check();
    const old = [...this.done.getKeys({ end: [before, ''] })];
    await this.entries.transaction(() => {
      for (const k of old) {
        void this.done.remove(k);
        void this.entries.remove(k[1]);
      }
    });
    return old.length;
  }
}

/** What an earlier version left in lmdb's intake, before the intake moved to LevelDB. */
function leftInLmdb<J>(db: Database<J[], [number, number]>): LeftBatches<J> {
  return [...db.getRange()].map(({ key, value }) => ({ jobs: value, drop: async () => void (await db.remove(key)) }));
}

/**
 * The single-machine store: lmdb, a memory-mapped, crash-safe B-tree in one file, for
 * everything but the intake, which is a log of its own beside it (log-intake.ts). Writes
 * issued in the same event turn share one commit, and a write resolves only once its
 * commit is flushed to disk, so an acknowledged delivery or a recorded forum effect
 * survives a power cut, not only a crash.
 */
/** The embedded store's file in DATA_DIR: the service makes it at its first start. */
export const EMBEDDED_STORE_FILE = 'meetup-companion.lmdb';

export class EmbeddedStore<Topic, Proposal, Job, Meetup = unknown, Programme = unknown> implements Store<
  Topic,
  Proposal,
  Job,
  Meetup,
  Programme
> {
  readonly kind = 'embedded' as const;
  readonly topics: VersionedCollection<Topic>;
  readonly proposals: VersionedCollection<Proposal>;
  readonly meetups: VersionedCollection<Meetup>;
  readonly programme: VersionedCollection<Programme>;
  readonly effects: VersionedCollection<EffectRecord>;
  readonly inbox: Inbox<Job>;
  readonly intake: LogIntake<Job>;
  private readonly root: RootDatabase;
  private readonly state = new OpenState();

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    // overlappingSync (lmdb's default on Linux) resolves a write at commit and flushes it
    // later: an effect recorded as done, or a job taken into the inbox, could be lost to a
    // power cut after the fact was acted on. Without it each commit is fsynced before its
    // writes resolve.
    this.root = open({ path: join(dataDir, EMBEDDED_STORE_FILE), maxDbs: 16, overlappingSync: false });
    this.topics = new LmdbCollection(this.root.openDB<Envelope<Topic>, string>({ name: 'topics' }), this.state);
    this.proposals = new LmdbCollection(
      this.root.openDB<Envelope<Proposal>, string>({ name: 'proposals' }),
      this.state,
    );
    this.meetups = new LmdbCollection(this.root.openDB<Envelope<Meetup>, string>({ name: 'meetups' }), this.state);
    this.programme = new LmdbCollection(
      this.root.openDB<Envelope<Programme>, string>({ name: 'programme' }),
      this.state,
    );
    this.effects = new LmdbCollection(
      this.root.openDB<Envelope<EffectRecord>, string>({ name: 'effects' }),
      this.state,
    );
    this.inbox = new LmdbInbox(
      this.root.openDB<InboxRecord<Job>, string>({ name: 'inbox' }),
      this.root.openDB<string, [number, number]>({ name: 'inbox-due' }),
      this.root.openDB<string, [number, number]>({ name: 'inbox-due-waited' }),
      this.root.openDB<string, [number, number]>({ name: 'inbox-due-background' }),
      this.root.openDB<null, [number, string]>({ name: 'inbox-done' }),
      this.root.openDB<number, string>({ name: 'meta' }),
      this.state,
    );
    const lmdbIntake = this.root.openDB<Job[], [number, number]>({ name: 'intake' });
    const levelIntake = new LevelDirectory<Job>(join(dataDir, 'intake'));
    this.intake = new LogIntake<Job>(join(dataDir, 'intake-log'), {
      lock: levelIntake,
      // Oldest first: lmdb's intake came before LevelDB's.
      handOver: async () => [...leftInLmdb(lmdbIntake), ...(await levelIntake.left())],
    });
  }

  async ping(): Promise<void> {
    this.state.check();
    this.root.get('ping');
  }

  async close(): Promise<void> {
    if (this.state.closed) return;
    this.state.closed = true;
    await this.intake.close();
    await this.root.close();
  }
}
