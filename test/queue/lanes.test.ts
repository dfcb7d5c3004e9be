import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { deliveriesWaitedFor } from '../../src/events/waited.js';
import type { DeliveryJob, Job } from '../../src/jobs/types.js';
import { InProcessQueue } from '../../src/queue/in-process.js';
import { RedisQueue } from '../../src/queue/redis.js';
import type { JobQueue, WaitedFor } from '../../src/queue/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { captureLogs, eventually } from '../support/logs.js';
import { redisUrl } from '../support/redis.js';

const effects = (key: string): Job => ({ kind: 'effects', key, topicId: 1 });

/** A reply in `topicId`, or its first post, as the receiver would queue it. */
function reply(key: string, topicId: number, number = 2): DeliveryJob {
  return {
    kind: 'delivery',
    key,
    event: 'post_created',
    eventId: 1,
    receivedAt: '2026-12-01T10:00:00.000Z',
    observation: {
      kind: 'post',
      post: {
        id: topicId * 10 + number,
        topicId,
        number,
        postType: 1,
        userId: 7,
        username: 'someone',
        raw: 'Thanks, that fixed it.',
        version: 1,
        updatedAt: '2026-12-01T10:00:00.000Z',
        createdAt: '2026-12-01T10:00:00.000Z',
        deleted: false,
        staff: false,
        topic: { title: 'A topic', slug: 'a-topic', categoryId: 61, archetype: 'regular' },
      },
    },
    command: null,
  };
}

const PROPOSAL_TOPIC = 27341;

/**
 * Who goes first, in both queues, one job at a time: what people wait for (a proposal's
 * deliveries, its status post's edit), then ordinary work, then background work
 * (reconciliation, a withdrawn thread's edit), whatever came first.
 */
for (const kind of ['in-process', 'redis'] as const) {
  describe(`${kind} queue: who goes first`, () => {
    const { logger } = captureLogs('silent');
    let dir: string;
    let store: EmbeddedStore<unknown, unknown, Job>;
    let queue: JobQueue<Job>;
    const prefix = `mc-test-background-${process.pid}-${Date.now()}`;
    // Which deliveries people wait for, as the service tells it: from the proposals the store keeps.
    let waitedFor: WaitedFor<Job> = (jobs) =>
      deliveriesWaitedFor(
        jobs.map((j) => (j.kind === 'delivery' ? j : null)),
        (ids) => store.proposals.existing(ids),
      );
    const open = async () =>
      kind === 'redis'
        ? new RedisQueue<Job>(await redisUrl(), logger, {
            prefix,
            concurrency: 1,
            waitedFor: (jobs) => waitedFor(jobs),
          })
        : new InProcessQueue<Job>(store, logger, { concurrency: 1, pollMs: 20, waitedFor: (jobs) => waitedFor(jobs) });

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mc-background-'));
      store = new EmbeddedStore(dir);
      await store.proposals.put(String(PROPOSAL_TOPIC), { topicId: PROPOSAL_TOPIC }, null);
      queue = await open();
    });
    afterEach(async () => {
      await queue.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      if (kind === 'redis') {
        const redis = new Redis(await redisUrl());
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      }
    });

    it('runs every other due job before a background one, whatever came first', async () => {
      await queue.enqueue(effects('reconcile-run'), { background: true });
      await queue.enqueue(effects('reply-1'));
      await queue.enqueue(effects('reply-2'));
      const ran: string[] = [];
      queue.start(async (job) => void ran.push(job.key));
      await eventually(() => ran.length === 3, 'three jobs');
      expect(ran).to.deep.equal(['reply-1', 'reply-2', 'reconcile-run']);
    });

    it('runs what people wait for before every other due job, whatever came first', async () => {
      await queue.enqueue(effects('reconcile-run'), { background: true });
      await queue.enqueue(effects('resync'));
      await queue.enqueue(effects('status-edit'), { waitedFor: true });
      const ran: string[] = [];
      queue.start(async (job) => void ran.push(job.key));
      await eventually(() => ran.length === 3, 'three jobs');
      expect(ran).to.deep.equal(['status-edit', 'resync', 'reconcile-run']);
    });

    it("admits a known proposal's delivery, and a first post, ahead of ordinary traffic accepted before them", async () => {
      const accepted = [
        ...Array.from({ length: 20 }, (_, i) => reply(`ordinary-${i}`, 50_000 + i)),
        reply('proposal-reply', PROPOSAL_TOPIC),
        reply('ordinary-20', 50_020),
        reply('first-post', 60_000, 1),
      ];
      await Promise.all(accepted.map((job) => queue.accept(job)));
      const ran: string[] = [];
      queue.start(async (job) => void ran.push(job.key));
      await eventually(() => ran.length === accepted.length, 'every delivery');
      expect(ran.slice(0, 2)).to.deep.equal(['proposal-reply', 'first-post']);
      expect(ran.slice(2)).to.deep.equal(Array.from({ length: 21 }, (_, i) => `ordinary-${i}`));
    });

    it('admits every delivery, as ordinary, when it cannot tell which are waited for', async () => {
      waitedFor = async () => {
        throw new Error('MongoDB is away');
      };
      try {
        await queue.accept(reply('ordinary', 50_000));
        await queue.accept(reply('proposal-reply', PROPOSAL_TOPIC));
        const ran: string[] = [];
        queue.start(async (job) => void ran.push(job.key));
        await eventually(() => ran.length === 2, 'both deliveries');
        expect(ran).to.deep.equal(['ordinary', 'proposal-reply']);
      } finally {
        waitedFor = (jobs) =>
          deliveriesWaitedFor(
            jobs.map((j) => (j.kind === 'delivery' ? j : null)),
            (ids) => store.proposals.existing(ids),
          );
      }
    });
  });
}
