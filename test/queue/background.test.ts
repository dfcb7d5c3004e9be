import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import type { Job } from '../../src/jobs/types.js';
import { InProcessQueue } from '../../src/queue/in-process.js';
import { RedisQueue } from '../../src/queue/redis.js';
import type { JobQueue } from '../../src/queue/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { captureLogs, eventually } from '../support/logs.js';
import { redisUrl } from '../support/redis.js';

const effects = (key: string): Job => ({ kind: 'effects', key, topicId: 1 });

/**
 * Background work (reconciliation, a withdrawn thread's edit) waits while other jobs are
 * due: under a burst, the edits people wait for go first. Both queues, one job at a time.
 */
for (const kind of ['in-process', 'redis'] as const) {
  describe(`${kind} queue: background jobs`, () => {
    const { logger } = captureLogs('silent');
    let dir: string;
    let store: EmbeddedStore<unknown, unknown, Job>;
    let queue: JobQueue<Job>;
    const prefix = `mc-test-background-${process.pid}-${Date.now()}`;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mc-background-'));
      store = new EmbeddedStore(dir);
      queue =
        kind === 'redis'
          ? new RedisQueue<Job>(await redisUrl(), logger, { prefix, concurrency: 1 })
          : new InProcessQueue<Job>(store, logger, { concurrency: 1, pollMs: 20 });
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
  });
}
