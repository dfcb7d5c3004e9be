import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as setImmediateP } from 'node:timers/promises';
import FakeTimers from '@sinonjs/fake-timers';
import { expect } from 'chai';
import { ClassicLevel } from 'classic-level';
import { Redis } from 'ioredis';
import { open as openLmdb } from 'lmdb';
import { InProcessQueue } from '../../src/queue/in-process.js';
import { GroupCommit } from '../../src/intake/group-commit.js';
import { IngestGate } from '../../src/intake/gate.js';
import { IntakeMover } from '../../src/intake/mover.js';
import { RedisIntake } from '../../src/intake/redis.js';
import { RedisQueue } from '../../src/queue/redis.js';
import { waitingIn } from '../../src/queue/depth.js';
import type { Job } from '../../src/jobs/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { MongoStore } from '../../src/store/mongo.js';
import type { Intake } from '../../src/intake/types.js';
import { captureLogs, eventually } from '../support/logs.js';
import { describeWithMongo, dropPrefixed, emptyPrefixed, withoutMongo, testMongoUri } from '../support/mongodb.js';
import { redisUrl } from '../support/redis.js';

type J = { key: string; n: number };
const job = (n: number): J => ({ key: `k${n}`, n });
/** A delivery job of the service's own shape, for the queues that carry them. */
const delivery = (n: number) =>
  ({
    kind: 'delivery',
    key: `d${n}`,
    event: 'post_created',
    eventId: n,
    receivedAt: '2026-12-02T00:00:00.000Z',
    observation: { kind: 'category', categoryId: 1 },
  }) as const;

/** Removes what a test left in the shared Redis under its prefix. */
async function dropKeys(prefix: string): Promise<void> {
  const connection = new Redis(await redisUrl());
  const keys = await connection.keys(`${prefix}*`);
  if (keys.length) await connection.del(...keys);
  connection.disconnect();
}

interface Backend {
  name: string;
  open(): Promise<{ intake: Intake<J>; close(): Promise<void> }>;
  cleanup(): Promise<void>;
}

function embedded(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'mc-intake-'));
  return {
    name: 'embedded (log)',
    open: async () => new EmbeddedStore<unknown, unknown, J>(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

const mongoPrefix = `intake_${process.pid}_${Date.now()}_`;

function mongo(uri: string): Backend {
  return {
    name: 'MongoDB',
    open: () => MongoStore.connect<unknown, unknown, J>(uri, mongoPrefix),
    // Emptied between tests, dropped once after the suite.
    cleanup: () => emptyPrefixed(uri, mongoPrefix),
  };
}

function redis(): Backend {
  const prefix = `mc-test-intake-${process.pid}-${Date.now()}`;
  const connections: Redis[] = [];
  return {
    name: 'Redis',
    open: async () => {
      const connection = new Redis(await redisUrl());
      connections.push(connection);
      return { intake: new RedisIntake<J>(connection, prefix), close: async () => void connection.disconnect() };
    },
    cleanup: async () => {
      const connection = new Redis(await redisUrl());
      const keys = await connection.keys(`${prefix}*`);
      if (keys.length) await connection.del(...keys);
      connection.disconnect();
      for (const c of connections) c.disconnect();
    },
  };
}

const backends: Array<() => Backend> = [embedded, redis];
const mongoUri = testMongoUri();
if (mongoUri) backends.push(() => mongo(mongoUri));
else describe('intake contract: MongoDB', withoutMongo);

for (const make of backends) {
  describe(`intake contract: ${make().name}`, () => {
    let backend: Backend;
    let opened: Awaited<ReturnType<Backend['open']>>;

    beforeEach(async () => {
      backend = make();
      opened = await backend.open();
    });
    afterEach(async () => {
      await opened.close().catch(() => undefined);
      await backend.cleanup();
    });
    after(async () => {
      if (backend.name === 'MongoDB') await dropPrefixed(mongoUri!, mongoPrefix);
    });

    it('hands batches back oldest first, whole, and counts their jobs', async () => {
      await opened.intake.append([job(1), job(2)]);
      await opened.intake.append([job(3)]);
      await opened.intake.append([job(4), job(5), job(6)]);
      expect(await opened.intake.count()).to.equal(6);
      const batches = await opened.intake.oldest(2);
      expect(batches.map((b) => b.jobs)).to.deep.equal([[job(1), job(2)], [job(3)]]);
    });

    it('removes a batch once: a second remove changes nothing', async () => {
      await opened.intake.append([job(1), job(2)]);
      await opened.intake.append([job(3)]);
      const [first] = await opened.intake.oldest(1);
      await opened.intake.remove(first!.id);
      await opened.intake.remove(first!.id);
      expect(await opened.intake.count()).to.equal(1);
      expect((await opened.intake.oldest(10)).map((b) => b.jobs)).to.deep.equal([[job(3)]]);
    });

    it('keeps appended batches across a restart, and appends after them', async () => {
      await opened.intake.append([job(1)]);
      await opened.close();
      opened = await backend.open();
      await opened.intake.append([job(2), job(3)]);
      expect((await opened.intake.oldest(10)).map((b) => b.jobs)).to.deep.equal([[job(1)], [job(2), job(3)]]);
      expect(await opened.intake.count()).to.equal(3);
    });
  });
}

describe("intake reads: the intake's own list is the truth", () => {
  it('embedded: a batch removed while its read is in flight is not handed out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-intake-read-'));
    const store = new EmbeddedStore<unknown, unknown, J>(dir);
    try {
      await store.intake.append([job(1)]);
      await store.intake.append([job(2)]);
      const [first] = await store.intake.oldest(1);
      const reading = store.intake.oldest(2);
      await store.intake.remove(first!.id);
      expect((await reading).map((b) => b.jobs)).to.deep.equal([[job(2)]]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Redis: what one process appended another reads, and a batch another process removed is not handed out again', async () => {
    const prefix = `mc-test-intake-read-${process.pid}-${Date.now()}`;
    const url = await redisUrl();
    const [receiverConnection, moverConnection, otherConnection] = [new Redis(url), new Redis(url), new Redis(url)];
    try {
      const receiver = new RedisIntake<J>(receiverConnection, prefix);
      const mover = new RedisIntake<J>(moverConnection, prefix);
      const other = new RedisIntake<J>(otherConnection, prefix);
      await receiver.append([job(1)]);
      await receiver.append([job(2)]);
      const theirs = await other.oldest(2);
      expect(theirs.map((b) => b.jobs)).to.deep.equal([[job(1)], [job(2)]]);
      expect((await mover.oldest(2)).map((b) => b.jobs)).to.deep.equal([[job(1)], [job(2)]]);
      await other.remove(theirs[0]!.id);
      expect((await mover.oldest(2)).map((b) => b.jobs)).to.deep.equal([[job(2)]]);
      expect(await mover.count()).to.equal(1);
    } finally {
      const keys = await receiverConnection.keys(`${prefix}*`);
      if (keys.length) await receiverConnection.del(...keys);
      for (const c of [receiverConnection, moverConnection, otherConnection]) c.disconnect();
    }
  });

  it('Redis: deliveries accepted before the worker starts are admitted by its mover once it does, and after', async () => {
    const prefix = `mc-test-intake-start-${process.pid}-${Date.now()}`;
    const queue = new RedisQueue(await redisUrl(), captureLogs().logger, { prefix });
    try {
      await queue.accept(delivery(1));
      expect(await queue.depth()).to.equal(1);
      const handled: string[] = [];
      queue.start(async (j) => void handled.push(j.key));
      await eventually(() => handled.includes('d1'), 'the first delivery handled');
      await queue.accept(delivery(2));
      await eventually(() => handled.includes('d2'), 'the second delivery handled');
      expect(handled).to.deep.equal(['d1', 'd2']);
    } finally {
      await queue.close();
      await dropKeys(prefix);
    }
  });
});

describe('Redis queue admission', () => {
  it('admits a backlog of batches in one step, so the deliveries people wait for run before the ordinary ones acknowledged ahead of them', async () => {
    const prefix = `mc-test-admission-${process.pid}-${Date.now()}`;
    const triaged: number[] = [];
    const waited = (key: string) => Number(key.slice(1)) % 2 === 0;
    let now = 0;
    const queue = new RedisQueue(await redisUrl(), captureLogs().logger, {
      prefix,
      concurrency: 1,
      gate: new IngestGate({ now: () => now }),
      waitedFor: async (jobs) => {
        triaged.push(jobs.length);
        return jobs.map((j) => waited(j.key));
      },
    });
    try {
      // One batch each: every accept is written before the next is offered.
      for (let n = 1; n <= 30; n++) await queue.accept(delivery(n));
      // The burst is over: nothing acknowledged for seconds, so the mover takes large steps.
      now += 5000;
      const handled: string[] = [];
      queue.start(async (j) => void handled.push(j.key));
      await eventually(() => handled.length === 30, 'every delivery handled');
      expect(triaged, 'thirty batches triaged and admitted together').to.deep.equal([30]);
      expect(handled.slice(0, 15).every(waited), `the waited first: ${handled.join(' ')}`).to.equal(true);
    } finally {
      await queue.close();
      await dropKeys(prefix);
    }
  });
});

describeWithMongo('intake and inbox on MongoDB (npm start with MONGODB_URI and no Redis)', (uri) => {
  it('what one store appended another reads, and a batch another removed is not handed out again', async () => {
    const prefix = `intake_read_${process.pid}_${Date.now()}_`;
    const [receiver, other] = [
      await MongoStore.connect<unknown, unknown, J>(uri, prefix),
      await MongoStore.connect<unknown, unknown, J>(uri, prefix),
    ];
    try {
      await receiver.intake.append([job(1)]);
      await receiver.intake.append([job(2), job(3)]);
      const theirs = await other.intake.oldest(2);
      expect(theirs.map((b) => b.jobs)).to.deep.equal([[job(1)], [job(2), job(3)]]);
      await other.intake.remove(theirs[0]!.id);
      expect((await receiver.intake.oldest(2)).map((b) => b.jobs)).to.deep.equal([[job(2), job(3)]]);
      expect(await receiver.intake.count()).to.equal(2);
    } finally {
      await receiver.close();
      await other.close();
      await dropPrefixed(uri, prefix);
    }
  });

  it('the in-process queue takes deliveries into the intake, admits them to the inbox and runs each once, in order', async () => {
    const prefix = `intake_queue_${process.pid}_${Date.now()}_`;
    const store = await MongoStore.connect<unknown, unknown, Job>(uri, prefix);
    const queue = new InProcessQueue(store, captureLogs('silent').logger, { pollMs: 50 });
    try {
      for (const n of [1, 2, 3]) await queue.accept(delivery(n));
      await queue.accept(delivery(2));
      expect(await store.intake.count()).to.equal(4);
      const handled: string[] = [];
      queue.start(async (j) => void handled.push(j.key));
      await eventually(() => handled.length >= 3, 'three deliveries handled');
      await eventually(async () => (await queue.depth()) === 0, 'nothing waiting');
      expect(handled).to.deep.equal(['d1', 'd2', 'd3']);
      expect(await store.intake.count()).to.equal(0);
      expect(await store.inbox.add('d2', delivery(2), Date.now())).to.equal(false);
    } finally {
      await queue.close();
      await store.close();
      await dropPrefixed(uri, prefix);
    }
  });
});

describe('embedded store durability', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mc-durable-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves writes only after the commit is flushed to disk: lmdb opened without overlappingSync', async () => {
    // overlappingSync resolves at commit and flushes later; a 202 given then could be lost to a power cut.
    const store = new EmbeddedStore<unknown, unknown, J>(dir);
    try {
      expect((store as unknown as { root: { overlappingSync: boolean } }).root.overlappingSync).to.equal(false);
    } finally {
      await store.close();
    }
  });

  it('takes over the batches an earlier version left in lmdb, oldest first, exactly once', async () => {
    // What the lmdb intake held: batches keyed [seq, job count].
    const old = openLmdb({ path: join(dir, 'meetup-companion.lmdb'), maxDbs: 12 });
    const legacy = old.openDB<J[], [number, number]>({ name: 'intake' });
    await legacy.put([1, 1], [job(1)]);
    await legacy.put([2, 2], [job(2), job(3)]);
    await old.close();

    let store = new EmbeddedStore<unknown, unknown, J>(dir);
    await store.intake.append([job(4)]);
    expect((await store.intake.oldest(10)).map((b) => b.jobs)).to.deep.equal([[job(1)], [job(2), job(3)], [job(4)]]);
    await store.close();

    store = new EmbeddedStore<unknown, unknown, J>(dir);
    try {
      expect(await store.intake.count()).to.equal(4);
      expect((await store.intake.oldest(10)).map((b) => b.jobs)).to.deep.equal([[job(1)], [job(2), job(3)], [job(4)]]);
    } finally {
      await store.close();
    }
    const reopened = openLmdb({ path: join(dir, 'meetup-companion.lmdb'), maxDbs: 12 });
    expect([...reopened.openDB({ name: 'intake' }).getKeys()]).to.deep.equal([]);
    await reopened.close();
  });

  it("takes over the batches the LevelDB intake of an earlier version left, after lmdb's, oldest first, exactly once", async () => {
    // What the LevelDB intake held: batches keyed by a fixed-width sequence number and their job count.
    const old = new ClassicLevel<string, J[]>(join(dir, 'intake'), { keyEncoding: 'utf8', valueEncoding: 'json' });
    await old.put('0000000000000009.1', [job(3)]);
    await old.put('0000000000000010.2', [job(4), job(5)]);
    await old.close();
    const lmdb = openLmdb({ path: join(dir, 'meetup-companion.lmdb'), maxDbs: 12 });
    await lmdb.openDB<J[], [number, number]>({ name: 'intake' }).put([1, 2], [job(1), job(2)]);
    await lmdb.close();

    let store = new EmbeddedStore<unknown, unknown, J>(dir);
    await store.intake.append([job(6)]);
    const expected = [[job(1), job(2)], [job(3)], [job(4), job(5)], [job(6)]];
    expect((await store.intake.oldest(10)).map((b) => b.jobs)).to.deep.equal(expected);
    await store.close();

    store = new EmbeddedStore<unknown, unknown, J>(dir);
    try {
      expect(await store.intake.count()).to.equal(6);
      expect((await store.intake.oldest(10)).map((b) => b.jobs)).to.deep.equal(expected);
    } finally {
      await store.close();
    }
    const reopened = new ClassicLevel<string, J[]>(join(dir, 'intake'), { keyEncoding: 'utf8', valueEncoding: 'json' });
    expect(await reopened.keys().all()).to.deep.equal([]);
    await reopened.close();
  });

  it('refuses a second owner of the intake with a ConfigError naming DATA_DIR, and lets the first go on', async () => {
    const first = new EmbeddedStore<unknown, unknown, J>(dir);
    const second = new EmbeddedStore<unknown, unknown, J>(dir);
    try {
      await first.intake.ready();
      const err = await second.intake.ready().then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.name).to.equal('ConfigError');
      expect(err?.message).to.equal(
        `DATA_DIR: ${join(dir, 'intake')} is in use by another process; give each in-process service its own DATA_DIR, or set REDIS_URL to run several`,
      );
      await first.intake.append([job(1)]);
      expect(await first.intake.count()).to.equal(1);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('group commit', () => {
  it('writes what is offered in one event-loop turn together, and resolves each caller after the write', async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit<number>(async (items) => void writes.push(items), { maxBatch: 3 });
    const firstTurn = [1, 2, 3, 4].map((n) => commit.add(n));
    await Promise.all(firstTurn);
    await commit.add(5);
    // The fourth item went past the limit of 3, so it waited for the next write.
    expect(writes).to.deep.equal([[1, 2, 3], [4], [5]]);
  });

  /** A group commit whose writes stay in flight until `finishOldest` ends the oldest one. */
  function heldWrites(options: { maxBatch?: number } = {}) {
    const writes: number[][] = [];
    const pending: Array<() => void> = [];
    const commit = new GroupCommit<number>((items) => {
      writes.push(items);
      return new Promise<void>((resolve) => pending.push(resolve));
    }, options);
    return { commit, writes, finishOldest: () => pending.shift()!() };
  }

  it('holds what arrives during a write for the next one, which carries it all at once', async () => {
    const { commit, writes, finishOldest } = heldWrites();
    const resolved: number[] = [];
    const add = (n: number) => commit.add(n).then(() => void resolved.push(n));
    const first = add(1);
    await setImmediateP();
    expect(writes).to.deep.equal([[1]]);
    // Three more, each in a turn of its own, while the first write is in flight.
    const rest = [add(2)];
    await setImmediateP();
    rest.push(add(3));
    await setImmediateP();
    rest.push(add(4));
    await setImmediateP();
    expect(writes, 'nothing else is written while a write is in flight').to.deep.equal([[1]]);
    expect(resolved, 'no caller resolves before its write').to.deep.equal([]);
    finishOldest();
    await first;
    await setImmediateP();
    expect(writes).to.deep.equal([[1], [2, 3, 4]]);
    expect(resolved).to.deep.equal([1]);
    finishOldest();
    await Promise.all(rest);
    expect(resolved).to.deep.equal([1, 2, 3, 4]);
  });

  it('writes a full batch at once, even beside a write in flight', async () => {
    const { commit, writes, finishOldest } = heldWrites({ maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => commit.add(n));
    expect(writes, 'two full batches went at once').to.deep.equal([
      [1, 2],
      [3, 4],
    ]);
    finishOldest();
    finishOldest();
    await Promise.all(all.slice(0, 4));
    await setImmediateP();
    expect(writes).to.deep.equal([[1, 2], [3, 4], [5]]);
    finishOldest();
    await all[4];
  });

  it('counts the time spent behind a hung write in flight: every caller hears within the timeout of its arrival', async () => {
    const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      const commit = new GroupCommit<number>(() => new Promise<void>(() => undefined), {
        timeout: { ms: 100, what: 'storing the delivery' },
      });
      const failedAt = new Map<number, number>();
      const add = (n: number) => commit.add(n).catch(() => void failedAt.set(n, performance.now()));
      const first = add(1);
      await clock.tickAsync(60);
      // Arrives while the first write hangs: it waits behind it, then gets a write of its own.
      const second = add(2);
      await clock.tickAsync(200);
      await Promise.all([first, second]);
      expect(failedAt.get(1)).to.equal(100);
      expect(failedAt.get(2), 'rejected 100 ms after it arrived, not 100 ms after its own write began').to.equal(160);
    } finally {
      clock.uninstall();
    }
  });

  it('runs afterWrite once per successful write, before its callers resume', async () => {
    const events: string[] = [];
    let fail = false;
    const commit = new GroupCommit<number>(
      async () => {
        if (fail) throw new Error('disk full');
      },
      { afterWrite: () => events.push('written') },
    );
    await Promise.all([1, 2, 3].map((n) => commit.add(n).then(() => void events.push(`resolved ${n}`))));
    fail = true;
    await commit.add(4).catch(() => void events.push('rejected 4'));
    expect(events).to.deep.equal(['written', 'resolved 1', 'resolved 2', 'resolved 3', 'rejected 4']);
  });

  it('rejects every caller of a failed write, and only those', async () => {
    let fail = true;
    const commit = new GroupCommit<number>(async () => {
      if (fail) throw new Error('disk full');
    });
    const results = await Promise.allSettled([commit.add(1), commit.add(2)]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    fail = false;
    await commit.add(3);
  });

  it('turns a failed or hung write into UnavailableError for every caller of its batch, naming the write', async () => {
    const failing = new GroupCommit<number>(async () => Promise.reject(new Error('MDB_MAP_FULL')), {
      timeout: { ms: 100, what: 'storing the delivery' },
    });
    const hanging = new GroupCommit<number>(() => new Promise<void>(() => undefined), {
      timeout: { ms: 100, what: 'storing the delivery' },
    });
    const results = await Promise.allSettled([failing.add(1), failing.add(2), hanging.add(3)]);
    const errors = results.map((r) => (r.status === 'rejected' ? (r.reason as Error) : null));
    expect(errors.map((e) => e?.name)).to.deep.equal(['UnavailableError', 'UnavailableError', 'UnavailableError']);
    expect(errors.map((e) => e?.message)).to.deep.equal([
      'storing the delivery: MDB_MAP_FULL',
      'storing the delivery: MDB_MAP_FULL',
      'storing the delivery took longer than 100 ms',
    ]);
  });
});

describe('intake mover', () => {
  let dir: string;
  let store: EmbeddedStore<unknown, unknown, J>;
  const { logger, lines } = captureLogs('warn');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-mover-'));
    store = new EmbeddedStore(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('admits every batch oldest first and removes it after', async () => {
    await store.intake.append([job(1), job(2)]);
    await store.intake.append([job(3)]);
    const admitted: number[] = [];
    const mover = new IntakeMover(store.intake, async (jobs) => void admitted.push(...jobs.map((j) => j.n)), logger, {
      idleMs: 10,
    });
    mover.start();
    await eventually(async () => (await store.intake.count()) === 0, 'an empty intake');
    await mover.close();
    expect(admitted).to.deep.equal([1, 2, 3]);
  });

  it('admits several batches in one admission when asked, oldest first, and removes each', async () => {
    for (const n of [1, 2, 3, 4, 5]) await store.intake.append([job(n * 10), job(n * 10 + 1)]);
    const admissions: number[][] = [];
    const mover = new IntakeMover(store.intake, async (jobs) => void admissions.push(jobs.map((j) => j.n)), logger, {
      idleMs: 10,
      batchesPerMove: 2,
    });
    mover.start();
    await eventually(async () => (await store.intake.count()) === 0, 'an empty intake');
    await mover.close();
    expect(admissions).to.deep.equal([
      [10, 11, 20, 21],
      [30, 31, 40, 41],
      [50, 51],
    ]);
    expect(await store.intake.oldest(10), 'each batch removed').to.deep.equal([]);
  });

  it('stops a step at jobsPerMove, though a first batch larger than that goes whole', async () => {
    await store.intake.append([job(1), job(2), job(3)]);
    await store.intake.append([job(4)]);
    await store.intake.append([job(5)]);
    await store.intake.append([job(6), job(7)]);
    const admissions: number[][] = [];
    const mover = new IntakeMover(store.intake, async (jobs) => void admissions.push(jobs.map((j) => j.n)), logger, {
      idleMs: 10,
      batchesPerMove: 10,
      jobsPerMove: 2,
    });
    mover.start();
    await eventually(async () => (await store.intake.count()) === 0, 'an empty intake');
    await mover.close();
    expect(admissions).to.deep.equal([
      [1, 2, 3],
      [4, 5],
      [6, 7],
    ]);
  });

  it('keeps a batch it could not admit, and admits it once admission works again', async () => {
    await store.intake.append([job(1)]);
    let down = true;
    const admitted: number[] = [];
    const mover = new IntakeMover(
      store.intake,
      async (jobs) => {
        if (down) throw new Error('Redis is restarting');
        admitted.push(...jobs.map((j) => j.n));
      },
      logger,
      { idleMs: 5 },
    );
    mover.start();
    await eventually(() => lines.some((l) => l.includes('cannot admit deliveries yet')), 'the warning');
    expect(await store.intake.count()).to.equal(1);
    down = false;
    await eventually(async () => (await store.intake.count()) === 0, 'an empty intake');
    await mover.close();
    expect(admitted).to.deep.equal([1]);
    // One warning for the whole outage, however many attempts it took.
    expect(lines.filter((l) => l.includes('cannot admit deliveries yet'))).to.have.length(1);
  });

  it('moves nothing while another process holds the lease', async () => {
    await store.intake.append([job(1)]);
    let held = true;
    const admitted: number[] = [];
    const lease = { acquire: async () => !held, release: async () => undefined };
    const mover = new IntakeMover(store.intake, async (jobs) => void admitted.push(...jobs.map((j) => j.n)), logger, {
      idleMs: 5,
      lease,
    });
    mover.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(admitted).to.deep.equal([]);
    held = false;
    await eventually(() => admitted.length === 1, 'the batch, once the lease is free');
    await mover.close();
  });
});

describe('Redis intake lease', () => {
  it('lets one holder at a time take it, and frees it on release', async () => {
    const prefix = `mc-test-lease-${process.pid}-${Date.now()}`;
    const a = new Redis(await redisUrl());
    const b = new Redis(await redisUrl());
    try {
      const leaseA = new RedisIntake(a, prefix).lease(10_000);
      const leaseB = new RedisIntake(b, prefix).lease(10_000);
      expect(await leaseA.acquire()).to.equal(true);
      expect(await leaseB.acquire()).to.equal(false);
      // Releasing a lease one does not hold leaves the holder's in place.
      await leaseB.release();
      expect(await leaseB.acquire()).to.equal(false);
      await leaseA.release();
      expect(await leaseB.acquire()).to.equal(true);
      await leaseB.release();
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});

describe('Redis intake append', () => {
  it('still appends after Redis forgot its scripts (as after a restart), and lists the batch with its jobs', async () => {
    const prefix = `mc-test-append-${process.pid}-${Date.now()}`;
    const connection = new Redis(await redisUrl());
    try {
      const intake = new RedisIntake<J>(connection, prefix);
      await intake.append([job(1)]);
      await connection.script('FLUSH');
      await intake.append([job(2), job(3)]);
      expect((await intake.oldest(10)).map((b) => b.jobs)).to.deep.equal([[job(1)], [job(2), job(3)]]);
      expect(await intake.count()).to.equal(3);
      // Nothing else was written: two batch keys, the list and the count.
      expect(await connection.keys(`${prefix}*`)).to.have.length(4);
    } finally {
      const keys = await connection.keys(`${prefix}*`);
      if (keys.length) await connection.del(...keys);
      connection.disconnect();
    }
  });
});

describe('queue depth while the mover moves', () => {
  // A batch of three moves from the intake to the queue right after whichever count is
  // read first: the worst moment for a count taken in two reads.
  function moving() {
    const at = { intake: 3, queue: 0 };
    const move = () => {
      at.queue += at.intake;
      at.intake = 0;
    };
    const read = (where: 'intake' | 'queue') => async () => {
      const n = at[where];
      move();
      return n;
    };
    return { intake: read('intake'), queue: read('queue') };
  }

  it('counts a batch moved between the two reads at least once, never as nothing waiting', async () => {
    const reads = moving();
    expect(await waitingIn(reads.intake, reads.queue)).to.be.at.least(3);
  });

  it('holds for the in-process queue, whose intake and inbox are read in that order', async () => {
    const reads = moving();
    const store = {
      intake: {
        append: async () => undefined,
        oldest: async () => [],
        remove: async () => undefined,
        count: reads.intake,
      },
      inbox: {
        add: async () => true,
        due: async () => [],
        complete: async () => undefined,
        retryLater: async () => undefined,
        countPending: reads.queue,
        prune: async () => 0,
      },
    };
    const queue = new InProcessQueue(store, captureLogs('silent').logger);
    expect(await queue.depth()).to.be.at.least(3);
  });
});
