import { MongoClient, MongoServerError, ObjectId, type Collection, type Db } from 'mongodb';
import type { Intake, IntakeBatch } from '../intake/types.js';
import type { EffectRecord, Inbox, InboxEntry, Lane, Store, Versioned, VersionedCollection } from './types.js';

const DUPLICATE_KEY = 11000;
const NAMESPACE_EXISTS = 48;

function isDuplicateKey(err: unknown): boolean {
  return err instanceof MongoServerError && err.code === DUPLICATE_KEY;
}

interface VersionedDoc<T> {
  _id: string;
  v: number;
  doc: T;
}

class MongoCollection<T> implements VersionedCollection<T> {
  constructor(private readonly coll: Collection<VersionedDoc<T>>) {}

  async get(id: string): Promise<Versioned<T> | null> {
    const found = await this.coll.findOne({ _id: id });
    return found ? { value: found.doc, version: found.v } : null;
  }

  async has(id: string): Promise<boolean> {
    return (await this.coll.countDocuments({ _id: id }, { limit: 1 })) > 0;
  }

  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.coll.find({ _id: { $in: [...ids] } }, { projection: { _id: 1 } }).toArray();
    return new Set(found.map((d) => d._id));
  }

  async put(id: string, value: T, expected: number | null): Promise<number | null> {
    if (expected === null) {
      try {
        const created: VersionedDoc<T> = { _id: id, v: 1, doc: value };
        await this.coll.insertOne(created);
        return 1;
      } catch (err) {
        if (isDuplicateKey(err)) return null;
        throw err;
      }
    }
    const next: Partial<VersionedDoc<T>> = { v: expected + 1, doc: value };
    const result = await this.coll.updateOne({ _id: id, v: expected }, { $set: next });
    return result.matchedCount === 1 ? expected + 1 : null;
  }

  async list(): Promise<Array<Versioned<T> & { id: string }>> {
    const docs = await this.coll.find({}).toArray();
    return docs.map((d) => ({ id: d._id, value: d.doc, version: d.v }));
  }
}

type InboxDoc<J> =
  | {
      _id: string;
      state: 'pending' | 'failed';
      job: J;
      /** Order of arrival: among entries due at the same millisecond, the first added runs first. */
      seq: number;
      attempts: number;
      notBefore: number;
      receivedAt: number;
      lastError: string | null;
      /** Read in this order: -1 for what people wait for, 0 for ordinary work, 1 for background work. */
      lane: number;
    }
  | { _id: string; state: 'done'; doneAt: Date };

const LANE_ORDER: Record<Lane, number> = { waited: -1, ordinary: 0, background: 1 };

type Pending<J> = Extract<InboxDoc<J>, { state: 'pending' | 'failed' }>;

interface Counter {
  _id: string;
  n: number;
}

/**
 * The inbox as the embedded store keeps it: due entries by due time, then by the order they
 * were added (a counter shared by every process), and a completed or parked key known until pruned.
 */
class MongoInbox<J> implements Inbox<J> {
  constructor(
    private readonly coll: Collection<InboxDoc<J>>,
    private readonly counters: Collection<Counter>,
  ) {}

  private async nextSeq(): Promise<number> {
    const counter = await this.counters.findOneAndUpdate(
      { _id: 'inbox-seq' },
      { $inc: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    if (!counter) throw new Error('the inbox counter was not returned');
    return counter.n;
  }

  async add(key: string, job: J, now: number, notBefore = now, lane: Lane = 'ordinary'): Promise<boolean> {
    const entry: Pending<J> = {
      _id: key,
      state: 'pending',
      job,
      seq: await this.nextSeq(),
      attempts: 0,
      notBefore,
      receivedAt: now,
      lastError: null,
      lane: LANE_ORDER[lane],
    };
    try {
      await this.coll.insertOne(entry);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async due(now: number, limit: number): Promise<Array<InboxEntry<J>>> {
    const docs = await this.coll
      .find({ state: 'pending', notBefore: { $lte: now } })
      .sort({ lane: 1, notBefore: 1, seq: 1 })
      .limit(limit)
      .toArray();
    return docs.flatMap((d) =>
      d.state === 'done'
        ? []
        : [
            {
              key: d._id,
              job: d.job,
              attempts: d.attempts,
              notBefore: d.notBefore,
              receivedAt: d.receivedAt,
              lastError: d.lastError,
            },
          ],
    );
  }

  /** A pending entry, or one parked as failed, becomes done; a done one stays as it is. */
  async complete(key: string, now: number): Promise<void> {
    const done: InboxDoc<J> = { _id: key, state: 'done', doneAt: new Date(now) };
    await this.coll.replaceOne({ _id: key, state: { $in: ['pending', 'failed'] } }, done);
  }

  async retryLater(key: string, error: string, notBefore: number | null): Promise<void> {
    await this.coll.updateOne(
      { _id: key, state: 'pending' },
      {
        $set: notBefore === null ? { state: 'failed', lastError: error } : { notBefore, lastError: error },
        $inc: { attempts: 1 },
      },
    );
  }

  async countPending(): Promise<number> {
    return this.coll.countDocuments({ state: 'pending' });
  }

  async prune(before: number): Promise<number> {
    const result = await this.coll.deleteMany({ state: 'done', doneAt: { $lt: new Date(before) } });
    return result.deletedCount;
  }
}

interface IntakeDoc<J> {
  _id: ObjectId;
  n: number;
  jobs: J[];
}

/** One document per batch; ObjectIds grow with time, which is the order `oldest` needs. */
class MongoIntake<J> implements Intake<J> {
  constructor(private readonly coll: Collection<IntakeDoc<J>>) {}

  async append(jobs: J[]): Promise<void> {
    await this.coll.insertOne({ _id: new ObjectId(), n: jobs.length, jobs });
  }

  async oldest(limit: number): Promise<Array<IntakeBatch<J>>> {
    const docs = await this.coll.find({}).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map((d) => ({ id: d._id.toHexString(), jobs: d.jobs }));
  }

  async remove(id: string): Promise<void> {
    await this.coll.deleteOne({ _id: new ObjectId(id) });
  }

  async count(): Promise<number> {
    const [row] = await this.coll.aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: '$n' } } }]).toArray();
    return row?.n ?? 0;
  }
}

/** The collections of one store, by their name after the prefix. */
export const COLLECTIONS = [
  'topics',
  'proposals',
  'meetups',
  'programme',
  'effects',
  'inbox',
  'intake',
  'counters',
] as const;

/**
 * The production store. Documents are `{_id, v, doc}`; a compare-and-set is an update
 * filtered on `v`, and "create" is an insert that the unique `_id` lets only one
 * writer win. Needs a replica set (even of one node) for retryable writes.
 */
export class MongoStore<Topic, Proposal, Job, Meetup = unknown, Programme = unknown> implements Store<
  Topic,
  Proposal,
  Job,
  Meetup,
  Programme
> {
  readonly kind = 'mongodb' as const;
  readonly topics: VersionedCollection<Topic>;
  readonly proposals: VersionedCollection<Proposal>;
  readonly meetups: VersionedCollection<Meetup>;
  readonly programme: VersionedCollection<Programme>;
  readonly effects: VersionedCollection<EffectRecord>;
  readonly inbox: Inbox<Job>;
  readonly intake: Intake<Job>;
  private readonly inboxColl: Collection<InboxDoc<Job>>;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly prefix: string,
  ) {
    this.topics = new MongoCollection(db.collection<VersionedDoc<Topic>>(`${prefix}topics`));
    this.proposals = new MongoCollection(db.collection<VersionedDoc<Proposal>>(`${prefix}proposals`));
    this.meetups = new MongoCollection(db.collection<VersionedDoc<Meetup>>(`${prefix}meetups`));
    this.programme = new MongoCollection(db.collection<VersionedDoc<Programme>>(`${prefix}programme`));
    this.effects = new MongoCollection(db.collection<VersionedDoc<EffectRecord>>(`${prefix}effects`));
    this.inboxColl = db.collection<InboxDoc<Job>>(`${prefix}inbox`);
    this.inbox = new MongoInbox(this.inboxColl, db.collection<Counter>(`${prefix}counters`));
    this.intake = new MongoIntake(db.collection<IntakeDoc<Job>>(`${prefix}intake`));
  }

  static async connect<T, P, J, M = unknown, G = unknown>(
    uri: string,
    prefix = '',
  ): Promise<MongoStore<T, P, J, M, G>> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, retryWrites: true });
    await client.connect();
    try {
      const store = new MongoStore<T, P, J, M, G>(client, client.db(), prefix);
      await store.prepare();
      return store;
    } catch (err) {
      await client.close();
      throw err;
    }
  }

  /**
   * Every collection and index is made here, before the first write: two inserts that
   * race to create a collection implicitly are a conflict for the server to sort out
   * (and one that crashes some builds), and an index made later would block writers.
   */
  private async prepare(): Promise<void> {
    for (const name of COLLECTIONS) {
      await this.db.createCollection(`${this.prefix}${name}`).catch((err: unknown) => {
        if (!(err instanceof MongoServerError && err.code === NAMESPACE_EXISTS)) throw err;
      });
    }
    await this.inboxColl.createIndex({ state: 1, lane: 1, notBefore: 1, seq: 1 });
    // Completed keys expire by themselves after the 30 days in which the forum can still redeliver.
    await this.inboxColl.createIndex({ doneAt: 1 }, { expireAfterSeconds: 31 * 24 * 3600 });
    await this.db
      .collection<Counter>(`${this.prefix}counters`)
      .updateOne({ _id: 'inbox-seq' }, { $setOnInsert: { n: 0 } }, { upsert: true });
  }

  async ping(): Promise<void> {
    await this.client.db().command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
