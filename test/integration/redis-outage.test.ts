import { expect } from 'chai';
import { Redis } from 'ioredis';
import nock from 'nock';
import { firstConnect } from '../../src/intake/redis.js';
import { fixture } from '../support/fixtures.js';
import { SITE_JSON } from '../support/forum-data.js';
import { eventually } from '../support/logs.js';
import { freePort, PrivateRedis } from '../support/redis.js';
import { getJson, send, startTestService, type TestService } from '../support/service.js';

const FORUM = 'https://forum.example.test';

describe('Redis going away under the receiver', function () {
  this.timeout(60_000);
  let redis: PrivateRedis;
  let svc: TestService;

  before(async () => {
    redis = await PrivateRedis.start();
  });
  after(async () => {
    await redis.stop();
  });

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock(FORUM).get('/site.json').reply(200, SITE_JSON).persist();
    svc = await startTestService({ forumUrl: FORUM, redisUrl: redis.url });
  });
  afterEach(async () => {
    await redis.resume().catch(() => undefined);
    await svc.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('is ready as soon as it has made its first connection to Redis: a probe right after start waits for it rather than answering 503', async () => {
    const ready = await getJson(svc.url, '/readyz', null);
    expect(ready.json).to.deep.include({ status: 'ready', queue: { backend: 'redis', status: 'ok' } });
    expect(ready.status).to.equal(200);
  });

  it('answers 503 at once while Redis is down, and takes the forum’s retry once it is back', async () => {
    expect((await send(svc.url, fixture('topic_created'))).status).to.equal(202);

    await redis.stop();
    const down = await send(svc.url, fixture('post_created'));
    expect(down).to.deep.equal({ status: 503, json: { error: 'cannot store the delivery right now; try again' } });
    // Refused by the connection at once, not answered when the write's deadline ran out.
    const refusal = svc.logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg?.startsWith('delivery not stored'));
    expect(refusal?.err, 'why the delivery was not stored').to.equal(
      "storing the delivery in Redis: Stream isn't writeable and enableOfflineQueue options is false",
    );
    const ready = await getJson(svc.url, '/readyz', null);
    expect(ready.status).to.equal(503);
    // The network's reason and the setting to check, not ioredis's state ("Stream isn't writeable …").
    expect(ready.json.queue.status).to.match(
      /^failing: Redis at 127\.0\.0\.1:\d+ does not answer \((connect ECONNREFUSED|read ECONNRESET|the connection closed)[^)]*\)\. Fix: check REDIS_URL and that Redis runs$/,
    );
    expect(ready.json.queue.status).not.to.include('enableOfflineQueue');

    await redis.resume();
    // The forum retries a 503 (when retries are on) with the same body and a new event id.
    await eventually(
      async () =>
        (await send(svc.url, fixture('post_created'), { headers: { 'X-Discourse-Event-Id': '88431' } })).status === 202,
      'Redis to take deliveries again',
      15_000,
    );
    // The worker reconnects by itself and processes what was queued: the post is in the snapshot.
    await eventually(
      async () => !!(await svc.service.store.topics.get('27341'))?.value.posts['141207'],
      'the retried post to be processed',
      20_000,
    );
    expect((await getJson(svc.url, '/readyz', null)).status).to.equal(200);
  });

  it('lets any number of callers wait for a Redis that has not come up yet on one listener', async () => {
    const never = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 200,
    });
    never.on('error', () => undefined);
    try {
      const before = never.listenerCount('ready');
      const waits = Array.from({ length: 20 }, () => firstConnect(never));
      expect(never.listenerCount('ready')).to.equal(before + 1);
      expect(new Set(waits).size).to.equal(1);
    } finally {
      never.disconnect();
    }
  });
});
