import { MongoClient, MongoServerError, ObjectId, type Collection, type Db } from 'mongodb';
import type { Intake, IntakeBatch } from '../intake/types.js';
import type { EffectRecord, Inbox, InboxEntry, Store, Versioned, VersionedCollection } from './types.js';

const DUPLICATE_KEY = 11000;

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
    return (await this.coll.countDocuments({ _id: id } as never, { limit: 1 })) > 0;
  }

  async put(id: string, value: T, expected: number | null): Promise<number | null> {
    if (expected === null) {
      try {
        await this.coll.insertOne({ _id: id, v: 1, doc: value } as VersionedDoc<T> as never);
        return 1;
      } catch (err) {
        if (isDuplicateKey(err)) return null;
        throw err;
      }
    }
    const result = await this.coll.updateOne(
      { _id: id, v: expected } as never,
      { $set: { v: expected + 1, doc: value } } as never,
    );
    return result.matchedCount === 1 ? expected + 1 : null;
  }

  async list(): Promise<Array<Versioned<T> & { id: string }>> {
    const docs = await this.coll.find({}).toArray();
    return docs.map((d) => ({ id: d._id, value: d.doc as T, version: d.v }));
  }
}

interface InboxDoc<J> {
  _id: string;
  state: 'pending' | 'failed' | 'done';
  job?: J;
  attempts: number;
  notBefore: number;
  receivedAt: number;
  lastError: string | null;
  doneAt?: Date;
}

class MongoInbox<J> implements Inbox<J> {
  constructor(private readonly coll: Collection<InboxDoc<J>>) {}

  async add(key: string, job: J, now: number, notBefore = now): Promise<boolean> {
    try {
      await this.coll.insertOne({
        _id: key,
        state: 'pending',
        job,
        attempts: 0,
        notBefore,
        receivedAt: now,
        lastError: null,
      } as never);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async due(now: number, limit: number): Promise<Array<InboxEntry<J>>> {
    const docs = await this.coll
      .find({ state: 'pending', notBefore: { $lte: now } } as never)
      .sort({ receivedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({
      key: d._id,
      job: d.job as J,
      attempts: d.attempts,
      notBefore: d.notBefore,
      receivedAt: d.receivedAt,
      lastError: d.lastError,
    }));
  }

  async complete(key: string, now: number): Promise<void> {
    await this.coll.updateOne(
      { _id: key, state: 'pending' } as never,
      { $set: { state: 'done', doneAt: new Date(now) }, $unset: { job: '' } } as never,
    );
  }

  async retryLater(key: string, error: string, notBefore: number | null): Promise<void> {
    const set = notBefore === null ? { state: 'failed', lastError: error } : { notBefore, lastError: error };
    await this.coll.updateOne({ _id: key, state: 'pending' } as never, { $set: set, $inc: { attempts: 1 } } as never);
  }

  async countPending(): Promise<number> {
    return this.coll.countDocuments({ state: 'pending' } as never);
  }

  async prune(before: number): Promise<number> {
    const result = await this.coll.deleteMany({ state: 'done', doneAt: { $lt: new Date(before) } } as never);
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
    await this.coll.insertOne({ _id: new ObjectId(), n: jobs.length, jobs } as never);
  }

  async oldest(limit: number): Promise<Array<IntakeBatch<J>>> {
    const docs = await this.coll.find({}).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map((d) => ({ id: d._id.toHexString(), jobs: d.jobs as J[] }));
  }

  async remove(id: string): Promise<void> {
    await this.coll.deleteOne({ _id: new ObjectId(id) } as never);
  }

  async count(): Promise<number> {
    const [row] = await this.coll.aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: '$n' } } }]).toArray();
    return row?.n ?? 0;
  }
}

/**
 * The production store. Documents are `{_id, v, doc}`; a compare-and-set is an update
 * filtered on `v`, and "create" is an insert that the unique `_id` lets only one
 * writer win. Needs a replica set (even of one node) for retryable writes.
 */
export class MongoStore<Topic, Proposal, Job> implements Store<Topic, Proposal, Job> {
  readonly kind = 'mongodb' as const;
  readonly topics: VersionedCollection<Topic>;
  readonly proposals: VersionedCollection<Proposal>;
  readonly effects: VersionedCollection<EffectRecord>;
  readonly inbox: Inbox<Job>;
  readonly intake: Intake<Job>;
  private readonly inboxColl: Collection<InboxDoc<Job>>;

  private constructor(
    private readonly client: MongoClient,
    db: Db,
    prefix: string,
  ) {
    this.topics = new MongoCollection(db.collection<VersionedDoc<Topic>>(`${prefix}topics`));
    this.proposals = new MongoCollection(db.collection<VersionedDoc<Proposal>>(`${prefix}proposals`));
    this.effects = new MongoCollection(db.collection<VersionedDoc<EffectRecord>>(`${prefix}effects`));
    this.inboxColl = db.collection<InboxDoc<Job>>(`${prefix}inbox`);
    this.inbox = new MongoInbox(this.inboxColl);
    this.intake = new MongoIntake(db.collection<IntakeDoc<Job>>(`${prefix}intake`));
  }

  static async connect<T, P, J>(uri: string, prefix = ''): Promise<MongoStore<T, P, J>> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, retryWrites: true });
    await client.connect();
    const store = new MongoStore<T, P, J>(client, client.db(), prefix);
    await store.inboxColl.createIndex({ state: 1, receivedAt: 1 });
    // Completed keys expire by themselves after the 30 days in which the forum can still redeliver.
    await store.inboxColl.createIndex({ doneAt: 1 }, { expireAfterSeconds: 31 * 24 * 3600 });
    return store;
  }

  async ping(): Promise<void> {
    await this.client.db().command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
