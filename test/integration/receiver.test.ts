import { expect } from 'chai';
import nock from 'nock';
import type { Job } from '../../src/jobs/types.js';
import { FIXTURE_SECRET, fixture, fixtureJson, sign } from '../support/fixtures.js';
import { SITE_JSON } from '../support/forum-data.js';
import { eventually } from '../support/logs.js';
import { redisUrl } from '../support/redis.js';
import {
  getJson,
  send,
  startTestService,
  TEST_ADMIN_TOKEN,
  TEST_API_KEY,
  type TestService,
} from '../support/service.js';

const FORUM = 'https://forum.example.test';

/**
 * Counts the deliveries that reach the queue, whichever backend is behind it. The
 * effects runs they lead to are held back: these tests are about receiving, and the
 * forum's writes have their own tests (test/integration/effects.test.ts).
 */
function spyOnQueue(svc: TestService): Job[] {
  const queued: Job[] = [];
  const queue = svc.service.queue;
  const accept = queue.accept.bind(queue);
  const enqueue = queue.enqueue.bind(queue);
  queue.accept = async (job) => {
    queued.push(job);
    return accept(job);
  };
  queue.enqueue = async (job: Job, options) => {
    if (job.kind === 'effects') return 'queued';
    queued.push(job);
    return enqueue(job, options);
  };
  return queued;
}

async function handledJobs(svc: TestService): Promise<number> {
  const metric = await svc.service.metrics.jobDuration.get();
  return metric.values
    .filter((v) => v.metricName === 'meetup_companion_job_duration_seconds_count')
    .reduce((a, v) => a + v.value, 0);
}

async function drained(svc: TestService): Promise<void> {
  await eventually(async () => (await svc.service.queue.depth()) === 0, 'the queue to drain');
}

for (const mode of ['in-process', 'redis'] as const) {
  describe(`webhook receiver (${mode} queue)`, function () {
    this.timeout(30_000);
    let svc: TestService;
    let queued: Job[];

    beforeEach(async () => {
      nock.disableNetConnect();
      nock.enableNetConnect(/127\.0\.0\.1|localhost/);
      nock(FORUM, { reqheaders: { 'api-key': TEST_API_KEY, 'api-username': 'system' } })
        .get('/site.json')
        .reply(200, SITE_JSON)
        .persist();
      svc = await startTestService({ forumUrl: FORUM, redisUrl: mode === 'redis' ? await redisUrl() : undefined });
      queued = spyOnQueue(svc);
    });

    afterEach(async () => {
      await svc.close();
      nock.cleanAll();
      nock.enableNetConnect();
    });

    const expected: Array<[string, number, Record<string, unknown>]> = [
      ['topic_created', 202, { status: 'accepted' }],
      ['post_created', 202, { status: 'accepted' }],
      ['post_edited', 202, { status: 'accepted' }],
      ['post_destroyed', 202, { status: 'accepted' }],
      ['post_liked', 202, { status: 'accepted' }],
      ['topic_closed_status_updated', 202, { status: 'accepted' }],
      ['pm_post_created', 200, { status: 'ignored', reason: 'private message' }],
      ['ping', 200, { status: 'ignored', reason: 'ping' }],
    ];
    for (const [name, status, body] of expected) {
      it(`answers the recorded ${name} delivery ${status}`, async () => {
        const res = await send(svc.url, fixture(name));
        expect(res).to.deep.equal({ status, json: body });
        expect(queued).to.have.length(status === 202 ? 1 : 0);
      });
    }

    it('takes the route with a query string, and no path that only begins like it', async () => {
      expect(
        (await send(svc.url, fixture('post_created'), { path: '/webhooks/discourse?from=forum' })).status,
      ).to.equal(202);
      expect((await send(svc.url, fixture('post_edited'), { path: '/webhooks/discourse-old' })).status).to.equal(404);
      expect(queued).to.have.length(1);
    });

    it('reads the body as JSON when the hook is set to form encoding', async () => {
      const res = await send(svc.url, fixture('post_created'), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).to.equal(202);
      expect(queued).to.have.length(1);
    });

    const forged: Array<
      [string, (d: ReturnType<typeof fixture>) => { headers?: Record<string, string | undefined>; body?: Buffer }]
    > = [
      ['a wrong secret', (d) => ({ headers: { 'X-Discourse-Event-Signature': sign(d.body, 'not-the-secret') } })],
      ['a missing signature', () => ({ headers: { 'X-Discourse-Event-Signature': undefined } })],
      [
        'a truncated signature',
        (d) => ({ headers: { 'X-Discourse-Event-Signature': d.headers['X-Discourse-Event-Signature']!.slice(0, 40) } }),
      ],
      ['a non-hex signature', () => ({ headers: { 'X-Discourse-Event-Signature': `sha256=${'g'.repeat(64)}` } })],
      [
        'a signature without sha256=',
        (d) => ({ headers: { 'X-Discourse-Event-Signature': d.headers['X-Discourse-Event-Signature']!.slice(7) } }),
      ],
      [
        'one changed byte of body',
        (d) => {
          const body = Buffer.from(d.body);
          body[body.length - 3] = body[body.length - 3]! ^ 0x01;
          return { body };
        },
      ],
    ];
    for (const [what, change] of forged) {
      it(`answers ${what} 401 and queues nothing`, async () => {
        const d = fixture('post_created');
        const res = await send(svc.url, d, change(d));
        expect(res.status).to.equal(401);
        expect(res.json).to.have.property('error');
        expect(queued).to.have.length(0);
      });
    }

    it('answers malformed JSON with a valid signature 400 and queues nothing', async () => {
      const body = Buffer.from('{"post":{"id":1,');
      const res = await send(svc.url, fixture('post_created'), {
        body,
        headers: { 'X-Discourse-Event-Signature': sign(body, FIXTURE_SECRET) },
      });
      expect(res).to.deep.equal({ status: 400, json: { error: 'body is not JSON' } });
      expect(queued).to.have.length(0);
    });

    it('answers a signed body that is not a Discourse payload 400, naming the field', async () => {
      const body = Buffer.from('{"post":{"id":"one"}}');
      const res = await send(svc.url, fixture('post_created'), {
        body,
        headers: { 'X-Discourse-Event-Signature': sign(body, FIXTURE_SECRET) },
      });
      expect(res.status).to.equal(400);
      expect(res.json.error).to.match(/^not a Discourse post payload \(post\.id: /);
      expect(queued).to.have.length(0);
    });

    it('takes a body exactly at the 2 MiB limit and answers one byte more 413', async () => {
      const limit = 2 * 1024 * 1024;
      const post = fixtureJson<{ post: Record<string, unknown> }>('post_created');
      const empty = Buffer.byteLength(JSON.stringify({ post: { ...post.post, raw: '' } }));
      const atLimit = Buffer.from(JSON.stringify({ post: { ...post.post, raw: 'x'.repeat(limit - empty) } }));
      expect(atLimit.length).to.equal(limit);
      const ok = await send(svc.url, fixture('post_created'), {
        body: atLimit,
        headers: { 'X-Discourse-Event-Signature': sign(atLimit, FIXTURE_SECRET) },
      });
      expect(ok.status).to.equal(202);
      const over = Buffer.concat([atLimit, Buffer.from(' ')]);
      const res = await send(svc.url, fixture('post_created'), {
        body: over,
        headers: { 'X-Discourse-Event-Signature': sign(over, FIXTURE_SECRET) },
      });
      expect(res.status).to.equal(413);
      expect(queued).to.have.length(1);
    });

    it('stores the same delivery sent ten times at once only once', async () => {
      const d = fixture('post_created');
      const answers = await Promise.all(Array.from({ length: 10 }, () => send(svc.url, d)));
      for (const a of answers) expect(a.status).to.be.within(200, 299);
      await drained(svc);
      await eventually(async () => (await handledJobs(svc)) >= 1, 'the job to run');
      expect(await handledJobs(svc)).to.equal(1);
    });

    it("keeps the forum's event id on the job, and 0 when the header is not all digits", async () => {
      await send(svc.url, fixture('post_created'));
      await send(svc.url, fixture('post_edited'), { headers: { 'X-Discourse-Event-Id': '12abc' } });
      expect(queued.map((j) => (j.kind === 'delivery' ? [j.event, j.eventId] : null))).to.deep.equal([
        ['post_created', 88430],
        ['post_edited', 0],
      ]);
    });

    it('takes a Discourse retry (same body, new event id) as the same delivery', async () => {
      const d = fixture('post_created');
      await send(svc.url, d);
      await drained(svc);
      await send(svc.url, d, { headers: { 'X-Discourse-Event-Id': '99999' } });
      await drained(svc);
      expect(new Set(queued.map((j) => j.key)).size).to.equal(1);
      expect(await handledJobs(svc)).to.equal(1);
    });

    it('keeps the thread and its proposal, and shows them through the read API', async () => {
      for (const name of ['post_edited', 'post_created', 'topic_created', 'post_liked', 'post_destroyed']) {
        expect((await send(svc.url, fixture(name))).status).to.equal(202);
      }
      await drained(svc);
      await eventually(async () => (await getJson(svc.url, '/api/proposals/27341')).status === 200, 'the proposal');
      const { json } = await getJson(svc.url, '/api/proposals/27341');
      expect(json).to.deep.include({
        topicId: 27341,
        title: 'Mautic Meetup in Berlin?',
        url: `${FORUM}/t/mautic-meetup-in-berlin/27341`,
        state: 'gathering',
        interested: ['jana.schmidt', 'lukas_b', 'mwerner'],
        statusPostId: null,
        approval: null,
        category: null,
      });
      expect(json.checklist.interest.status).to.equal('met');
      expect(json.checklist.region).to.deep.include({ status: 'met', value: 'Berlin' });
      expect(json.checklist.venue.status).to.equal('missing');
      const snapshot = (await svc.service.store.topics.get('27341'))!.value;
      expect(snapshot.posts['141207']).to.deep.include({ version: 2, deleted: false, username: 'lukas_b' });
      expect(snapshot.posts['141215']).to.deep.include({ deleted: true });
      expect(snapshot.posts['141198']).to.deep.include({ number: 1, username: 'jana.schmidt' });
      expect(snapshot.firstPostLikers).to.deep.equal([{ id: 3302, username: 'mwerner' }]);

      expect((await send(svc.url, fixture('topic_closed_status_updated'))).status).to.equal(202);
      await eventually(
        async () => (await getJson(svc.url, '/api/proposals/27341')).json.state === 'withdrawn',
        'withdrawn',
      );
      const list = await getJson(svc.url, '/api/proposals?state=withdrawn');
      expect(list.json.proposals.map((p: { topicId: number }) => p.topicId)).to.deep.equal([27341]);
      expect((await getJson(svc.url, '/api/proposals?state=gathering')).json.proposals).to.deep.equal([]);
    });

    it('answers a post from a category outside the watched tree 200 ignored from the first delivery', async () => {
      const post = fixtureJson<{ post: Record<string, unknown> }>('post_created');
      const body = Buffer.from(JSON.stringify({ post: { ...post.post, category_id: 4, category_slug: 'support' } }));
      const res = await send(svc.url, fixture('post_created'), {
        body,
        headers: { 'X-Discourse-Event-Signature': sign(body, FIXTURE_SECRET) },
      });
      expect(res).to.deep.equal({ status: 200, json: { status: 'ignored', reason: 'category not watched' } });
      expect(queued).to.have.length(0);
      expect(await svc.service.store.topics.get('27341')).to.equal(null);
    });

    it('answers a topic event outside the watched tree 200, unless the topic is one it keeps (moved out)', async () => {
      const topic = fixtureJson<{ topic: Record<string, unknown> }>('topic_created');
      const elsewhere = Buffer.from(JSON.stringify({ topic: { ...topic.topic, category_id: 4 } }));
      const signed = { 'X-Discourse-Event-Signature': sign(elsewhere, FIXTURE_SECRET) };
      const unknown = await send(svc.url, fixture('topic_created'), { body: elsewhere, headers: signed });
      expect(unknown).to.deep.equal({ status: 200, json: { status: 'ignored', reason: 'category not watched' } });
      expect(queued).to.have.length(0);

      expect((await send(svc.url, fixture('post_created'))).status).to.equal(202);
      await drained(svc);
      await eventually(async () => (await svc.service.store.topics.get('27341')) !== null, 'the thread kept');
      const movedOut = await send(svc.url, fixture('topic_created'), {
        body: elsewhere,
        headers: { ...signed, 'X-Discourse-Event-Id': '77' },
      });
      expect(movedOut).to.deep.equal({ status: 202, json: { status: 'accepted' } });
    });

    it('accepts a post from a category the tree does not know yet (made since it was read): the worker reads the tree again', async () => {
      const post = fixtureJson<{ post: Record<string, unknown> }>('post_created');
      const body = Buffer.from(JSON.stringify({ post: { ...post.post, category_id: 4242 } }));
      const res = await send(svc.url, fixture('post_created'), {
        body,
        headers: { 'X-Discourse-Event-Signature': sign(body, FIXTURE_SECRET) },
      });
      expect(res.status).to.equal(202);
      expect(queued).to.have.length(1);
    });

    it('answers anything but POST on the webhook route 405 with Allow: POST', async () => {
      const res = await fetch(`${svc.url}/webhooks/discourse`);
      expect(res.status).to.equal(405);
      expect(res.headers.get('allow')).to.equal('POST');
      expect(queued).to.have.length(0);
    });

    it('guards the read API with the bearer token', async () => {
      expect((await getJson(svc.url, '/api/proposals', null)).status).to.equal(401);
      expect((await getJson(svc.url, '/api/proposals', 'wrong-token-wrong-token')).status).to.equal(401);
      expect((await getJson(svc.url, '/api/proposals', TEST_ADMIN_TOKEN)).json).to.deep.equal({ proposals: [] });
      expect((await getJson(svc.url, '/api/proposals/424242')).status).to.equal(404);
      expect((await getJson(svc.url, '/api/proposals?state=sleeping')).status).to.equal(400);
    });

    it('answers health, readiness and metrics', async () => {
      expect((await getJson(svc.url, '/healthz', null)).json).to.deep.equal({ status: 'ok' });
      const ready = await getJson(svc.url, '/readyz', null);
      expect(ready.json).to.deep.include({ status: 'ready', queue: { backend: mode, status: 'ok' } });
      expect(ready.status).to.equal(200);
      await send(svc.url, fixture('ping'));
      await send(svc.url, fixture('topic_created'));
      await drained(svc);
      await eventually(async () => (await handledJobs(svc)) === 1, 'the job to be timed');
      const text = await (await fetch(`${svc.url}/metrics`)).text();
      expect(text).to.include('meetup_companion_deliveries_total{outcome="ignored"} 1');
      expect(text).to.match(/meetup_companion_queue_depth \d+/);
      expect(text).to.include('meetup_companion_deliveries_total{outcome="accepted"} 1');
      expect(text).to.match(/meetup_companion_job_duration_seconds_count\{kind="delivery",result="applied"\} 1/);
    });

    it('writes no secret into its logs', async () => {
      for (const name of ['topic_created', 'post_created', 'ping']) await send(svc.url, fixture(name));
      await send(svc.url, fixture('post_created'), { headers: { 'X-Discourse-Event-Signature': sign('x', 'wrong') } });
      await drained(svc);
      const text = svc.logs.text();
      expect(svc.logs.lines.length).to.be.greaterThan(3);
      for (const secret of [
        TEST_API_KEY,
        FIXTURE_SECRET,
        TEST_ADMIN_TOKEN,
        fixture('post_created').headers['X-Discourse-Event-Signature']!.slice(7),
      ]) {
        expect(text).not.to.include(secret);
      }
    });
  });
}
