import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { runRedis } from '../../bench/support.js';
import { redisUrl } from '../support/redis.js';

/** The benchmarks' Redis-mode figures hold only for a Redis set up as production needs it. */
describe('benchmarks: the Redis of one run (bench/support.ts runRedis)', function () {
  this.timeout(20_000);
  let dir: string;
  const saved = process.env.BENCH_REDIS_URL;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mc-run-redis-'));
    delete process.env.BENCH_REDIS_URL;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.BENCH_REDIS_URL;
    else process.env.BENCH_REDIS_URL = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (url: string) =>
    new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });

  for (const fsync of ['everysec', 'always'] as const) {
    it(`a run of its own gets a fresh redis-server keeping an append-only file flushed ${fsync}; release stops it and removes its files`, async () => {
      const serverDir = join(dir, 'redis');
      const run = await runRedis(serverDir, fsync);
      const redis = client(run.env.REDIS_URL!);
      redis.on('error', () => undefined);
      try {
        await redis.connect();
        expect(await redis.dbsize(), 'fresh').to.equal(0);
        expect(await redis.config('GET', 'appendonly')).to.deep.equal(['appendonly', 'yes']);
        expect(await redis.config('GET', 'appendfsync')).to.deep.equal(['appendfsync', fsync]);
        expect(run.env.BENCH_REDIS_PREFIX).to.match(/^mc-bench-/);
        await run.release();
        expect(existsSync(serverDir), 'its directory').to.equal(false);
        const error = await redis.ping().then(
          () => null,
          (err: unknown) => err,
        );
        expect(error, 'the server stopped').to.be.instanceOf(Error);
      } finally {
        redis.disconnect();
      }
    });
  }

  it('with BENCH_REDIS_URL, a run shares that Redis: its keys go under a prefix of its own and only they are removed after', async () => {
    const shared = await redisUrl();
    process.env.BENCH_REDIS_URL = shared;
    const run = await runRedis(join(dir, 'unused'), 'always');
    expect(run.env.REDIS_URL).to.equal(shared);
    const prefix = run.env.BENCH_REDIS_PREFIX!;
    const redis = new Redis(shared);
    const other = `mc-run-redis-test-other-${process.pid}`;
    try {
      await redis.mset(`${prefix}:job:1`, 'a', `${prefix}:intake`, 'b', other, 'c');
      await run.release();
      expect(await redis.exists(`${prefix}:job:1`, `${prefix}:intake`)).to.equal(0);
      expect(await redis.get(other)).to.equal('c');
      expect(existsSync(join(dir, 'unused')), 'no server of its own').to.equal(false);
    } finally {
      await redis.del(other);
      redis.disconnect();
    }
  });
});
