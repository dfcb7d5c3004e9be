import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import FakeTimers from '@sinonjs/fake-timers';
import { expect } from 'chai';
import { IngestGate } from '../../src/intake/gate.js';
import { InProcessQueue } from '../../src/queue/in-process.js';
import type { DeliveryJob, Job } from '../../src/jobs/types.js';
import { PermanentJobError } from '../../src/queue/errors.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { Inbox } from '../../src/store/types.js';
import { captureLogs, eventually } from '../support/logs.js';

type S = EmbeddedStore<unknown, unknown, Job>;

function job(key: string): Job {
  return {
    kind: 'delivery',
    key,
    event: 'post_created',
    eventId: 1,
    receivedAt: '2026-03-12T11:02:54.117Z',
    observation: { kind: 'category', categoryId: 1 },
  };
}

const fastRetry = { maxAttempts: 3, delayMs: () => 10 };

describe('in-process queue', () => {
  let dir: string;
  let store: S;
  const { logger } = captureLogs('silent');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-queue-'));
    store = new EmbeddedStore(dir);
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The process died: only the store's files survive. A new process opens them and runs what it finds. */
  async function restartAndRunOne(what: string): Promise<string[]> {
    await store.close();
    store = new EmbeddedStore(dir);
    const queue = new InProcessQueue(store, logger, { pollMs: 20 });
    const seen: string[] = [];
    queue.start(async (j) => void seen.push(j.key));
    await eventually(() => seen.length === 1, what);
    await queue.close();
    return seen;
  }

  it('runs a job once when it finishes while a slow read of due entries is in flight (a store across the network)', async () => {
    const inbox = store.inbox;
    // As across a network: a read is taken at once and answered 100 ms later, when the jobs it
    // lists as due have long been completed.
    const slow: Inbox<Job> = {
      add: (key, j, now, notBefore) => inbox.add(key, j, now, notBefore),
      due: async (now, limit) => {
        const read = await inbox.due(now, limit);
        await new Promise((r) => setTimeout(r, 100));
        return read;
      },
      complete: (key, now) => inbox.complete(key, now),
      retryLater: (key, error, notBefore) => inbox.retryLater(key, error, notBefore),
      countPending: () => inbox.countPending(),
      prune: (before) => inbox.prune(before),
    };
    const queue = new InProcessQueue({ inbox: slow, intake: store.intake }, logger, { pollMs: 5 });
    const runs: string[] = [];
    queue.start(async (j) => void runs.push(j.key));
    // Past the first turn of the loop, whose pruning write waits for every write before it.
    await new Promise((r) => setTimeout(r, 250));
    for (const key of ['a', 'b', 'c']) await queue.enqueue(job(key));
    await eventually(async () => runs.length >= 3 && (await queue.depth()) === 0, 'three jobs');
    await new Promise((r) => setTimeout(r, 300));
    await queue.close();
    expect(runs.sort()).to.deep.equal(['a', 'b', 'c']);
  });

  it('runs every queued job once, and calls a repeated key a duplicate', async () => {
    const queue = new InProcessQueue(store, logger, { pollMs: 20 });
    const seen: string[] = [];
    queue.start(async (j) => void seen.push(j.key));
    expect(await queue.enqueue(job('a'))).to.equal('queued');
    expect(await queue.enqueue(job('b'))).to.equal('queued');
    expect(await queue.enqueue(job('a'))).to.equal('duplicate');
    await eventually(async () => seen.length === 2 && (await queue.depth()) === 0, 'two jobs');
    expect(seen.sort()).to.deep.equal(['a', 'b']);
    expect(await queue.enqueue(job('a'))).to.equal('duplicate');
    await queue.close();
  });

  it('runs after a restart what was accepted but not finished', async () => {
    const first = new InProcessQueue(store, logger);
    expect(await first.enqueue(job('taken-before-crash'))).to.equal('queued');
    // The process dies before any worker ran: nothing but the store survives.
    await first.close();
    expect(await restartAndRunOne('the job from before the restart')).to.deep.equal(['taken-before-crash']);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const queue = new InProcessQueue(store, logger, { pollMs: 5, retry: fastRetry });
    const attempts: number[] = [];
    queue.start(async (_j, attempt) => {
      attempts.push(attempt);
      if (attempt < 3) throw new Error('forum unreachable');
    });
    await queue.enqueue(job('flaky'));
    await eventually(async () => attempts.length === 3 && (await queue.depth()) === 0, 'three attempts');
    expect(attempts).to.deep.equal([1, 2, 3]);
    await queue.close();
  });

  it('gives up at once on a permanent error, and after the last attempt otherwise', async () => {
    const queue = new InProcessQueue(store, logger, { pollMs: 5, retry: fastRetry });
    const calls = new Map<string, number>();
    queue.start(async (j) => {
      calls.set(j.key, (calls.get(j.key) ?? 0) + 1);
      if (j.key === 'forbidden') throw new PermanentJobError('403 invalid_access');
      throw new Error('always failing');
    });
    await queue.enqueue(job('forbidden'));
    await queue.enqueue(job('broken'));
    await eventually(async () => (await queue.depth()) === 0, 'both parked');
    expect(calls.get('forbidden')).to.equal(1);
    expect(calls.get('broken')).to.equal(3);
    await queue.close();
  });

  it('lets the job in hand finish on close, and takes no new one', async () => {
    const queue = new InProcessQueue(store, logger, { pollMs: 5, concurrency: 1 });
    let release!: () => void;
    const finished: string[] = [];
    queue.start(async (j) => {
      if (j.key === 'slow') await new Promise<void>((r) => (release = r));
      finished.push(j.key);
    });
    await queue.enqueue(job('slow'));
    await eventually(() => release !== undefined, 'the slow job to start');
    await queue.enqueue(job('next'));
    const closed = queue.close();
    setTimeout(() => release(), 50);
    await closed;
    expect(finished).to.deep.equal(['slow']);
    // The finished job is recorded; the one never started is still pending for the next start.
    expect((await store.inbox.due(Date.now() + 1e6, 10)).map((e) => e.key)).to.deep.equal(['next']);
  });

  for (const [how, what, call] of [
    ['queueing a job', 'storing the job', (q: InProcessQueue<Job>) => q.enqueue(job('x'))],
    ['accepting a delivery', 'storing the delivery', (q: InProcessQueue<Job>) => q.accept(job('x'))],
  ] as const) {
    const queueOn = (write: () => Promise<boolean>) => {
      const inbox = { ...store.inbox, add: write, countPending: async () => 0 } as unknown as S['inbox'];
      const intake = { ...store.intake, append: write } as unknown as S['intake'];
      return new InProcessQueue({ inbox, intake }, logger, { enqueueTimeoutMs: 300 });
    };

    it(`answers Unavailable, naming the write, when the store fails, ${how}`, async () => {
      const queue = queueOn(() => Promise.reject(new Error('MDB_MAP_FULL: disk full')));
      const error = await call(queue).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(error?.name).to.equal('UnavailableError');
      expect(error?.message).to.equal(`${what}: MDB_MAP_FULL: disk full`);
    });

    it(`answers Unavailable once the deadline has passed when the store hangs, ${how} (fake timers)`, async () => {
      const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
      try {
        const queue = queueOn(() => new Promise<boolean>(() => undefined));
        let error: Error | null = null;
        void call(queue).catch((err: unknown) => void (error = err as Error));
        await clock.tickAsync(299);
        expect(error, 'still waiting just before the deadline').to.equal(null);
        await clock.tickAsync(1);
        expect(error).to.include({ name: 'UnavailableError', message: `${what} took longer than 300 ms` });
      } finally {
        clock.uninstall();
      }
    });
  }

  it('runs an accepted delivery once, however often it was accepted', async () => {
    const queue = new InProcessQueue(store, logger, { pollMs: 20 });
    const seen: string[] = [];
    queue.start(async (j) => void seen.push(j.key));
    // The same turn (one batch) and a later one (another batch): all three are one job.
    await Promise.all([
      queue.accept(job('a') as DeliveryJob),
      queue.accept(job('a') as DeliveryJob),
      queue.accept(job('b') as DeliveryJob),
    ]);
    await queue.accept(job('a'));
    await eventually(async () => seen.length === 2 && (await queue.depth()) === 0, 'two jobs');
    expect(seen.sort()).to.deep.equal(['a', 'b']);
    expect(await store.intake.count()).to.equal(0);
    await queue.close();
  });

  it('runs after a restart a delivery accepted but not yet admitted', async () => {
    const first = new InProcessQueue(store, logger);
    await first.accept(job('acknowledged-before-crash'));
    // Never started: the delivery is in the intake only when the process dies.
    await first.close();
    expect(await store.inbox.countPending()).to.equal(0);
    expect(await restartAndRunOne('the delivery from before the restart')).to.deep.equal(['acknowledged-before-crash']);
  });

  it('runs once a delivery admitted just before a crash, whose batch was still in the intake', async () => {
    // The crash fell between admitting the batch and removing it.
    await store.intake.append([job('a')]);
    await store.inbox.add('a', job('a'), Date.now());
    const queue = new InProcessQueue(store, logger, { pollMs: 20 });
    const seen: string[] = [];
    queue.start(async (j) => void seen.push(j.key));
    await eventually(
      async () => (await store.intake.count()) === 0 && (await queue.depth()) === 0,
      'intake and inbox empty',
    );
    await queue.close();
    expect(seen).to.deep.equal(['a']);
  });

  it('keeps running jobs while deliveries stream in without a pause, and runs every one once', async () => {
    // The gate holds background work back while deliveries arrive, but never longer than its maxWaitMs.
    const gate = new IngestGate({ quietMs: 20, maxWaitMs: 100 });
    const queue = new InProcessQueue(store, logger, { pollMs: 20, gate });
    const seen: string[] = [];
    queue.start(async (j) => void seen.push(j.key));
    let sent = 0;
    // A delivery every few milliseconds, never a quiet moment, until jobs have run meanwhile (or 2,000 were sent).
    while (sent < 2000 && seen.length < 3) {
      await queue.accept(job(`d${sent++}`));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    expect(seen.length, 'jobs run while the stream went on').to.equal(3);
    await eventually(async () => seen.length === sent && (await queue.depth()) === 0, 'every delivery run');
    expect(new Set(seen).size).to.equal(sent);
    await queue.close();
  });

  it('refuses work with an error, not a crash, once the store is closed', async () => {
    await store.close();
    let error: unknown;
    try {
      await store.inbox.add('late', job('late'), 1);
    } catch (err) {
      error = err;
    }
    expect((error as Error)?.message).to.equal('the embedded store is closed');
  });
});
