import FakeTimers from '@sinonjs/fake-timers';
import { expect } from 'chai';
import nock from 'nock';
import { BUDGET_WINDOW_MS, MemoryBudget, RedisBudget } from '../../src/forum/budget.js';
import { ForumClient } from '../../src/forum/client.js';
import { Metrics } from '../../src/metrics.js';
import { SITE_JSON } from '../support/forum-data.js';
import { captureLogs } from '../support/logs.js';
import { redisUrl } from '../support/redis.js';

const FORUM = 'https://forum.example.test';
const KEY = 'test-api-key-0123456789abcdef';

function client(overrides: { perMinute?: number; dryRun?: boolean; sleep?: (ms: number) => Promise<void> } = {}) {
  const logs = captureLogs('debug');
  const metrics = new Metrics(async () => 0);
  const forum = new ForumClient({
    baseUrl: FORUM,
    apiKey: KEY,
    apiUsername: 'system',
    budget: new MemoryBudget({ perMinute: overrides.perMinute ?? 1000, sleep: overrides.sleep }),
    logger: logs.logger,
    metrics,
    retries: 3,
    minRetryMs: 10,
    dryRun: overrides.dryRun,
  });
  return { forum, logs, metrics };
}

describe('forum client', () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('sends the API key and username, and reads the category tree', async () => {
    nock(FORUM, { reqheaders: { 'api-key': KEY, 'api-username': 'system' } })
      .get('/site.json')
      .reply(200, SITE_JSON);
    const { forum } = client();
    expect((await forum.listCategories()).find((c) => c.id === 61)).to.deep.equal({
      id: 61,
      name: 'Germany',
      slug: 'germany',
      parentId: 55,
    });
  });

  it('waits the 30 s a 429 asks for before calling again (fake clock)', async () => {
    // Only Date is faked, and the budget's sleep moves it: nock's sockets and axios keep
    // real timers. (Faking setTimeout left the first call waiting on a faked timer now and then.)
    const clock = FakeTimers.install({ toFake: ['Date'], now: Date.parse('2026-12-01T10:00:00Z') });
    try {
      const calledAt: number[] = [];
      const limited = nock(FORUM)
        .get('/site.json')
        .reply(() => {
          calledAt.push(Date.now());
          return [
            429,
            {
              errors: ['You’ve performed this action too many times.'],
              error_type: 'rate_limit',
              extras: { wait_seconds: 30, time_left: '30 seconds' },
            },
            { 'Retry-After': '30', 'Discourse-Rate-Limit-Error-Code': 'admin_api_key_rate_limit' },
          ];
        });
      const retried = nock(FORUM)
        .get('/site.json')
        .reply(() => {
          calledAt.push(Date.now());
          return [200, SITE_JSON];
        });
      const slept: number[] = [];
      const { forum, logs } = client({
        sleep: async (ms) => {
          slept.push(ms);
          clock.tick(ms);
        },
      });
      expect(await forum.listCategories()).to.have.length(6);
      expect(limited.isDone() && retried.isDone()).to.equal(true);
      expect(calledAt).to.have.length(2);
      expect(calledAt[1]! - calledAt[0]!, 'no call before 30 s').to.be.at.least(30_000);
      expect(slept.reduce((a, b) => a + b, 0)).to.be.within(30_000, 31_000);
      expect(logs.text()).to.include('forum rate limit reached');
    } finally {
      clock.uninstall();
    }
  });

  it('retries a read after 500 and 503, then succeeds', async () => {
    nock(FORUM)
      .get('/site.json')
      .reply(500, 'oops')
      .get('/site.json')
      .reply(503, 'busy')
      .get('/site.json')
      .reply(200, SITE_JSON);
    const { forum, metrics } = client();
    expect(await forum.listCategories()).to.have.length(6);
    const calls = (await metrics.forumCalls.get()).values.map((v) => `${v.labels.outcome}=${v.value}`).sort();
    expect(calls).to.deep.equal(['500=1', '503=1', 'ok=1']);
  });

  it('does not retry a create that answered 500: its outcome is unknown', async () => {
    const scope = nock(FORUM).post('/posts.json').reply(502, 'Bad Gateway');
    const { forum } = client();
    const err = (await forum
      .createPost({ topicId: 5, raw: 'hello there, world' })
      .catch((e: unknown) => e)) as Error & { outcomeUnknown: boolean };
    expect(err).to.be.instanceOf(Error);
    expect(err.message).to.equal('POST /posts.json failed: 502 Bad Gateway');
    expect(err.outcomeUnknown).to.equal(true);
    expect(scope.isDone()).to.equal(true);
  });

  it('does not retry a 403, logs an alert and counts it, without the key', async () => {
    nock(FORUM)
      .get('/site.json')
      .reply(403, { errors: ['You are not permitted to view the requested resource.'], error_type: 'invalid_access' });
    const { forum, logs, metrics } = client();
    const err = (await forum.listCategories().catch((e: unknown) => e)) as Error;
    expect(err.message).to.equal(
      'GET /site.json failed: 403 invalid_access: You are not permitted to view the requested resource.',
    );
    expect(nock.pendingMocks()).to.deep.equal([]);
    expect(logs.text()).to.include('ALERT').and.include('DISCOURSE_API_KEY').and.not.include(KEY);
    expect((await metrics.alerts.get()).values.find((v) => v.labels.reason === 'forum_auth')!.value).to.equal(1);
  });

  it('turns a 422 into an error naming the call and the forum\u2019s reason, once', async () => {
    nock(FORUM)
      .post('/categories.json')
      .reply(422, { errors: ['Category Name has already been taken'], error_type: 'record_invalid' });
    const { forum } = client();
    const err = await forum
      .createCategory({
        name: 'Mautic Meetup Berlin',
        slug: 'berlin',
        color: '4E5E9E',
        textColor: 'FFFFFF',
        parentCategoryId: 7,
        permissions: { everyone: 1 },
      })
      .catch((e: unknown) => e as Error);
    expect((err as Error).message).to.equal(
      'POST /categories.json failed: 422 record_invalid: Category Name has already been taken',
    );
  });

  it('finds a topic by external id from the forum\u2019s redirect, and answers null for 404', async () => {
    nock(FORUM)
      .get('/t/external_id/meetup-companion-prompt-1-1.json')
      .reply(301, '', { Location: `${FORUM}/t/meetup-proposal/9001.json` });
    nock(FORUM)
      .get('/t/external_id/meetup-companion-prompt-1-2.json')
      .reply(404, { errors: ['not found'], error_type: 'not_found' });
    const { forum } = client();
    expect(await forum.findTopicByExternalId('meetup-companion-prompt-1-1')).to.equal(9001);
    expect(await forum.findTopicByExternalId('meetup-companion-prompt-1-2')).to.equal(null);
  });

  it('asks again when the external-id lookup meets a 502, as every read does, and counts both answers', async () => {
    nock(FORUM).get('/t/external_id/meetup-companion-prompt-1-1.json').reply(502, 'Bad Gateway');
    nock(FORUM)
      .get('/t/external_id/meetup-companion-prompt-1-1.json')
      .reply(301, '', { Location: `${FORUM}/t/meetup-proposal/9001.json` });
    const { forum, metrics } = client();
    expect(await forum.findTopicByExternalId('meetup-companion-prompt-1-1')).to.equal(9001);
    expect(nock.pendingMocks()).to.deep.equal([]);
    const calls = (await metrics.forumCalls.get()).values.map((v) => `${v.labels.outcome}=${v.value}`).sort();
    expect(calls).to.deep.equal(['502=1', 'ok=1']);
  });

  it('names the external-id lookup when it fails for good', async () => {
    nock(FORUM).get('/t/external_id/meetup-companion-prompt-1-1.json').times(4).reply(500, 'oops');
    const { forum } = client();
    const err = (await forum.findTopicByExternalId('meetup-companion-prompt-1-1').catch((e: unknown) => e)) as Error;
    expect(err.message).to.match(/^GET \/t\/external_id\/meetup-companion-prompt-1-1\.json failed: 500/);
    expect(nock.pendingMocks()).to.deep.equal([]);
  });

  it('in dry run sends reads, and refuses writes with what it would have sent', async () => {
    nock(FORUM).get('/site.json').reply(200, SITE_JSON);
    const { forum, logs } = client({ dryRun: true });
    await forum.listCategories();
    const err = (await forum.editPost(12, 'new text for the post', 'why').catch((e: unknown) => e)) as Error & {
      body?: unknown;
    };
    expect(err.name).to.equal('DryRunWrite');
    expect(err.body).to.deep.equal({ post: { raw: 'new text for the post', edit_reason: 'why' } });
    expect(logs.text()).to.include('dry run: write not sent');
  });
});

describe('forum budget', function () {
  this.timeout(20_000);

  it('lets no more than the budget through in a sliding minute (fake timers)', async () => {
    const clock = FakeTimers.install({
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
      now: Date.parse('2026-12-01T10:00:00Z'),
    });
    try {
      const budget = new MemoryBudget({ perMinute: 5 });
      const taken: number[] = [];
      const all = Promise.all(Array.from({ length: 12 }, () => budget.take().then(() => taken.push(Date.now()))));
      await clock.tickAsync(200_000);
      await all;
      // In every window of 60 s, at most 5 calls.
      for (const t of taken) expect(taken.filter((x) => x >= t && x < t + 60_000).length).to.be.at.most(5);
      expect(taken).to.have.length(12);
      budget.close();
    } finally {
      clock.uninstall();
    }
  });

  it('shares the window and a 429 pause between processes through Redis', async () => {
    const { Redis } = await import('ioredis');
    const url = await redisUrl();
    const a = new Redis(url);
    const b = new Redis(url);
    const prefix = `mc-test-budget-${process.pid}-${Date.now()}:`;
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    try {
      const one = new RedisBudget(a, { perMinute: 3, keyPrefix: prefix, sleep });
      const two = new RedisBudget(b, { perMinute: 3, keyPrefix: prefix, sleep });
      await one.take();
      await two.take();
      await one.take();
      expect(waits).to.deep.equal([]);
      // The fourth call, from either process, must wait; the sleep seam returns at once, so bound the loop.
      const fourth = Promise.race([two.take(), new Promise((r) => setTimeout(r, 300))]);
      await fourth;
      expect(waits.length).to.be.greaterThan(0);
      expect(waits[0]).to.be.within(50, BUDGET_WINDOW_MS);
      await one.pause(5000);
      expect(await b.pttl(`${prefix}meetup-companion:forum-pause`)).to.be.within(1, 5000);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});
