import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { MongoStore } from '../../src/store/mongo.js';
import type { EffectRecord, Store } from '../../src/store/types.js';
import { UNCHANGED, updateVersioned } from '../../src/store/versioned.js';
import { dropPrefixed, emptyPrefixed, withoutMongo, testMongoUri } from '../support/mongodb.js';

interface Doc {
  n: number;
  tags: string[];
  nested: { a: string | null };
}
type TestStore = Store<Doc, Doc, { kind: string; n: number }>;

interface Backend {
  name: string;
  open(): Promise<TestStore>;
  /** Opens the same data again, as a restarted process would. */
  reopen(): Promise<TestStore>;
  cleanup(): Promise<void>;
}

function embedded(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'mc-store-'));
  return {
    name: 'embedded (lmdb)',
    open: async () => new EmbeddedStore(dir),
    reopen: async () => new EmbeddedStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

const mongoPrefix = `contract_${process.pid}_${Date.now()}_`;

function mongo(uri: string): Backend {
  return {
    name: 'MongoDB',
    open: () => MongoStore.connect(uri, mongoPrefix),
    reopen: () => MongoStore.connect(uri, mongoPrefix),
    // Every collection of the store, the intake and the counters included; dropped after the suite.
    cleanup: () => emptyPrefixed(uri, mongoPrefix),
  };
}

const mongoUri = testMongoUri();
const backends: Array<() => Backend> = [embedded];
if (mongoUri) backends.push(() => mongo(mongoUri));
else describe('store contract: MongoDB', withoutMongo);

for (const make of backends) {
  describe(`store contract: ${make().name}`, () => {
    let backend: Backend;
    let store: TestStore;

    beforeEach(async () => {
      backend = make();
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
      await backend.cleanup();
    });
    after(async () => {
      if (backend.name === 'MongoDB') await dropPrefixed(mongoUri!, mongoPrefix);
    });

    const doc = (n: number): Doc => ({ n, tags: ['a', 'b'], nested: { a: null } });

    it('creates a document only when it does not exist yet', async () => {
      expect(await store.topics.put('1', doc(1), null)).to.equal(1);
      expect(await store.topics.put('1', doc(2), null)).to.equal(null);
      expect(await store.topics.get('1')).to.deep.equal({ value: doc(1), version: 1 });
    });

    it('replaces a document only at the version the writer read', async () => {
      await store.topics.put('1', doc(1), null);
      expect(await store.topics.put('1', doc(2), 1)).to.equal(2);
      expect(await store.topics.put('1', doc(3), 1)).to.equal(null);
      expect(await store.topics.get('1')).to.deep.equal({ value: doc(2), version: 2 });
    });

    it('answers null for an unknown id and keeps collections apart', async () => {
      await store.topics.put('1', doc(1), null);
      expect(await store.topics.get('2')).to.equal(null);
      expect(await store.proposals.get('1')).to.equal(null);
      expect(await store.effects.get('1')).to.equal(null);
    });

    it('keeps effect records with compare-and-set, so one worker wins a lease', async () => {
      const record = (owner: string): EffectRecord => ({
        key: 'status:1',
        kind: 'write_status_post',
        topicId: 1,
        state: 'started',
        owner,
        leaseUntil: 5000,
        attempts: 1,
        startedAt: '2026-03-12T10:00:00.000Z',
        doneAt: null,
        result: { postId: 7, textHash: 'abc', planned: [{ method: 'POST', path: '/posts.json', body: { raw: 'x' } }] },
        lastError: null,
      });
      const wins = await Promise.all(['w1', 'w2', 'w3'].map((w) => store.effects.put('status:1', record(w), null)));
      expect(wins.filter((v) => v === 1)).to.have.length(1);
      const stored = await store.effects.get('status:1');
      expect(stored!.value.result).to.deep.equal(record('w1').result);
      expect(['w1', 'w2', 'w3']).to.include(stored!.value.owner);
    });

    it('lists every document with its version', async () => {
      await store.proposals.put('a', doc(1), null);
      await store.proposals.put('b', doc(2), null);
      await store.proposals.put('b', doc(3), 1);
      const listed = (await store.proposals.list()).sort((x, y) => x.id.localeCompare(y.id));
      expect(listed).to.deep.equal([
        { id: 'a', value: doc(1), version: 1 },
        { id: 'b', value: doc(3), version: 2 },
      ]);
    });

    it('loses no update when many writers increment the same document at once', async () => {
      await store.topics.put('counter', doc(0), null);
      const bump = () => updateVersioned(store.topics, 'counter', (cur) => ({ ...cur!, n: cur!.n + 1 }), 200);
      await Promise.all(Array.from({ length: 40 }, bump));
      expect((await store.topics.get('counter'))!.value.n).to.equal(40);
    });

    it('lets exactly one of many concurrent creators win', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.topics.put('new', doc(i), null)));
      expect(results.filter((r) => r === 1)).to.have.length(1);
      expect(results.filter((r) => r === null)).to.have.length(9);
    });

    it('writes nothing when the decision is UNCHANGED', async () => {
      await store.topics.put('1', doc(1), null);
      const result = await updateVersioned(store.topics, '1', () => UNCHANGED);
      expect(result).to.deep.equal({ value: doc(1), changed: false, version: 1 });
      expect((await store.topics.get('1'))!.version).to.equal(1);
    });

    describe('inbox', () => {
      it('holds back an entry added for later until it is due', async () => {
        expect(await store.inbox.add('later', job(1), 1000, 5000)).to.equal(true);
        expect(await store.inbox.due(4999, 10)).to.deep.equal([]);
        expect((await store.inbox.due(5000, 10)).map((e) => e.key)).to.deep.equal(['later']);
      });

      const job = (n: number) => ({ kind: 'delivery', n });

      it('takes a key once, whether pending or completed', async () => {
        expect(await store.inbox.add('k1', job(1), 1000)).to.equal(true);
        expect(await store.inbox.add('k1', job(1), 1001)).to.equal(false);
        await store.inbox.complete('k1', 2000);
        expect(await store.inbox.add('k1', job(1), 3000)).to.equal(false);
      });

      it('hands out due entries oldest first and counts the pending ones', async () => {
        await store.inbox.add('b', job(2), 1000);
        await store.inbox.add('a', job(1), 1001);
        await store.inbox.add('c', job(3), 1002);
        expect(await store.inbox.countPending()).to.equal(3);
        const due = await store.inbox.due(5000, 2);
        expect(due.map((e) => e.key)).to.deep.equal(['b', 'a']);
        expect(due[0]).to.deep.equal({
          key: 'b',
          job: job(2),
          attempts: 0,
          notBefore: 1000,
          receivedAt: 1000,
          lastError: null,
        });
        await store.inbox.complete('b', 6000);
        expect(await store.inbox.countPending()).to.equal(2);
        expect((await store.inbox.due(7000, 10)).map((e) => e.key)).to.deep.equal(['a', 'c']);
      });

      it('hands out entries due at the same millisecond in the order they were added, whatever their keys', async () => {
        for (const key of ['z', 'a', 'm', 'b']) await store.inbox.add(key, job(1), 1000);
        expect((await store.inbox.due(1000, 10)).map((e) => e.key)).to.deep.equal(['z', 'a', 'm', 'b']);
        expect((await store.inbox.due(1000, 2)).map((e) => e.key)).to.deep.equal(['z', 'a']);
      });

      it('orders due entries by when they are due, not by when they came', async () => {
        await store.inbox.add('a-late', job(1), 1000, 5000);
        await store.inbox.add('b-early', job(2), 1000, 2000);
        await store.inbox.add('c-now', job(3), 1500);
        expect((await store.inbox.due(6000, 10)).map((e) => e.key)).to.deep.equal(['c-now', 'b-early', 'a-late']);
      });

      it('hands out background entries only after every other due entry, and keeps them on retry', async () => {
        await store.inbox.add('bg-old', job(1), 1000, 1000, 'background');
        await store.inbox.add('now-1', job(2), 2000);
        await store.inbox.add('bg-new', job(3), 2500, 2500, 'background');
        await store.inbox.add('now-2', job(4), 3000);
        await store.inbox.add('later', job(5), 3000, 9000);
        expect((await store.inbox.due(4000, 10)).map((e) => e.key)).to.deep.equal([
          'now-1',
          'now-2',
          'bg-old',
          'bg-new',
        ]);
        expect((await store.inbox.due(4000, 3)).map((e) => e.key)).to.deep.equal(['now-1', 'now-2', 'bg-old']);
        expect(await store.inbox.countPending()).to.equal(5);
        await store.inbox.retryLater('bg-old', 'forum busy', 3500);
        await store.inbox.complete('now-1', 4000);
        expect((await store.inbox.due(4000, 10)).map((e) => e.key)).to.deep.equal(['now-2', 'bg-new', 'bg-old']);
        await store.inbox.complete('bg-new', 4000);
        expect(await store.inbox.countPending()).to.equal(3);
      });

      it('hands out the entries people wait for before every other due entry, and keeps them first on retry', async () => {
        await store.inbox.add('ordinary-old', job(1), 1000);
        await store.inbox.add('bg', job(2), 1000, 1000, 'background');
        await store.inbox.add('waited-1', job(3), 2000, 2000, 'waited');
        await store.inbox.add('ordinary-new', job(4), 2500);
        await store.inbox.add('waited-2', job(5), 3000, 3000, 'waited');
        await store.inbox.add('waited-later', job(6), 3000, 9000, 'waited');
        expect((await store.inbox.due(4000, 10)).map((e) => e.key)).to.deep.equal([
          'waited-1',
          'waited-2',
          'ordinary-old',
          'ordinary-new',
          'bg',
        ]);
        expect((await store.inbox.due(4000, 2)).map((e) => e.key)).to.deep.equal(['waited-1', 'waited-2']);
        expect(await store.inbox.countPending()).to.equal(6);
        await store.inbox.retryLater('waited-1', 'forum busy', 3500);
        expect((await store.inbox.due(4000, 3)).map((e) => e.key)).to.deep.equal([
          'waited-2',
          'waited-1',
          'ordinary-old',
        ]);
        await store.inbox.complete('waited-2', 4000);
        expect(await store.inbox.countPending()).to.equal(5);
      });

      it('tells which of many documents are stored, in one read', async () => {
        await store.proposals.put('1', doc(1), null);
        await store.proposals.put('3', doc(3), null);
        expect([...(await store.proposals.existing(['1', '2', '3', '4']))].sort()).to.deep.equal(['1', '3']);
        expect((await store.proposals.existing([])).size).to.equal(0);
      });

      it('puts a retried entry behind the entries due before its retry time', async () => {
        await store.inbox.add('k1', job(1), 1000);
        await store.inbox.add('k2', job(2), 2000);
        await store.inbox.add('k3', job(3), 4000);
        await store.inbox.retryLater('k1', 'forum down', 3000);
        expect((await store.inbox.due(5000, 10)).map((e) => e.key)).to.deep.equal(['k2', 'k1', 'k3']);
        // A second retry at the same time as another entry: the one added first runs first.
        await store.inbox.retryLater('k3', 'forum down', 6000);
        await store.inbox.retryLater('k1', 'forum down', 6000);
        expect((await store.inbox.due(6000, 10)).map((e) => e.key)).to.deep.equal(['k2', 'k1', 'k3']);
      });

      it('holds a failed entry back until its retry time, counting attempts', async () => {
        await store.inbox.add('k', job(1), 1000);
        await store.inbox.retryLater('k', 'forum down', 5000);
        expect(await store.inbox.due(4999, 10)).to.deep.equal([]);
        const [entry] = await store.inbox.due(5000, 10);
        expect(entry).to.deep.include({ key: 'k', attempts: 1, lastError: 'forum down', notBefore: 5000 });
      });

      it('parks an entry given up on: no longer due, not pending, still known', async () => {
        await store.inbox.add('k', job(1), 1000);
        await store.inbox.retryLater('k', '403 invalid_access', null);
        expect(await store.inbox.due(1e12, 10)).to.deep.equal([]);
        expect(await store.inbox.countPending()).to.equal(0);
        expect(await store.inbox.add('k', job(1), 2000)).to.equal(false);
      });

      it('completes a parked entry like a pending one: done, not pending, forgotten after the retention window', async () => {
        await store.inbox.add('parked', job(1), 1000);
        await store.inbox.retryLater('parked', '403 invalid_access', null);
        await store.inbox.complete('parked', 2000);
        expect(await store.inbox.countPending()).to.equal(0);
        expect(await store.inbox.due(1e12, 10)).to.deep.equal([]);
        expect(await store.inbox.add('parked', job(1), 2500)).to.equal(false);
        expect(await store.inbox.prune(3000)).to.equal(1);
        expect(await store.inbox.add('parked', job(1), 4000)).to.equal(true);
      });

      it('leaves a completed entry as it was when it is completed or retried again', async () => {
        await store.inbox.add('k', job(1), 1000);
        await store.inbox.complete('k', 2000);
        await store.inbox.complete('k', 9000);
        await store.inbox.retryLater('k', 'late failure report', 9500);
        expect(await store.inbox.due(1e12, 10)).to.deep.equal([]);
        expect(await store.inbox.countPending()).to.equal(0);
        // Still completed at 2000: pruned by a window that ends before 9000.
        expect(await store.inbox.prune(5000)).to.equal(1);
      });

      it('forgets completed keys older than the retention window', async () => {
        await store.inbox.add('old', job(1), 1000);
        await store.inbox.add('new', job(2), 1000);
        await store.inbox.add('open', job(3), 1000);
        await store.inbox.complete('old', 2000);
        await store.inbox.complete('new', 9000);
        expect(await store.inbox.prune(5000)).to.equal(1);
        expect(await store.inbox.add('old', job(1), 10_000)).to.equal(true);
        expect(await store.inbox.add('new', job(2), 10_000)).to.equal(false);
        expect(await store.inbox.add('open', job(3), 10_000)).to.equal(false);
      });

      it('keeps pending entries across a restart', async () => {
        await store.inbox.add('k', job(7), 1000);
        await store.topics.put('t', doc(1), null);
        await store.close();
        store = await backend.reopen();
        expect((await store.inbox.due(2000, 10)).map((e) => e.job)).to.deep.equal([job(7)]);
        expect((await store.topics.get('t'))!.value).to.deep.equal(doc(1));
      });
    });

    it('answers ping', async () => {
      await store.ping();
    });
  });
}
