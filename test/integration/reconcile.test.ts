import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import { periodicJobs } from '../../src/jobs/periodic.js';
import type { Proposal } from '../../src/rules/proposal.js';
import { FIXTURE_SECRET } from '../support/fixtures.js';
import { startTestService, TEST_ADMIN_TOKEN, TEST_API_KEY, type TestService } from '../support/service.js';
import { StandInForum } from '../support/stand-in-forum.js';

const TEMPLATE = (launch: string) =>
  `Region: Leipzig\nOrganisers: me and @lukas_b\nVenue: Acme GmbH office, Markt 1 (office)\nLaunch: ${launch}\nMonthly: first Friday of each month at 18:00`;

describe('catching up with the forum: reconciliation, resync, the daily pass', function () {
  this.timeout(30_000);
  let forum: StandInForum;
  let svc: TestService;
  // The service's clock runs at real speed from a fixed start; a test may jump it ahead.
  let offset: number;
  const now = () => new Date(Date.now() + offset);

  async function start(options: { periodic?: boolean; dataDir?: string; maxThreads?: number } = {}) {
    svc = await startTestService({
      forumUrl: forum.url,
      periodic: options.periodic,
      dataDir: options.dataDir,
      clock: now,
      rules: (r) => ({
        ...r,
        statusPost: { ...r.statusPost, coalesceSeconds: 0 },
        reconcile: { ...r.reconcile, maxThreads: options.maxThreads ?? r.reconcile.maxThreads },
      }),
    });
    forum.webHooks.length = 0;
    forum.hookTo(`${svc.url}/webhooks/discourse`, FIXTURE_SECRET);
  }

  /** Until the forum has sent everything and the service's queue is empty. */
  async function settle() {
    for (let i = 0; i < 1000; i++) {
      await forum.flush();
      if ((await svc.service.queue.depth()) === 0) {
        await new Promise((r) => setTimeout(r, 20));
        await forum.flush();
        if ((await svc.service.queue.depth()) === 0) return;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the service did not settle');
  }

  async function reconcileNow(run: string) {
    forum.requests.length = 0;
    await svc.service.queue.enqueue({ kind: 'reconcile', key: `reconcile:${run}`, slot: run });
    await settle();
  }

  const proposal = async (topicId: number) => (await svc.service.store.proposals.get(String(topicId)))?.value ?? null;
  const reads = () => forum.requests.filter((r) => r.method === 'GET').map((r) => r.url.split('?')[0]);

  beforeEach(async () => {
    offset = Date.parse('2026-12-01T10:00:00.000Z') - Date.now();
    forum = new StandInForum({ apiKey: TEST_API_KEY });
    for (const [id, username] of [
      [4821, 'jana.schmidt'],
      [5120, 'lukas_b'],
      [5301, 'marta'],
      [5302, 'tomasz'],
    ] as const)
      forum.addUser({ id, username });
    await forum.start();
  });
  afterEach(async () => {
    await svc?.close();
    await forum.stop();
  });

  it('finds a reply whose webhook the forum never delivered, at one list call and one thread read', async () => {
    await start();
    const { topicId } = forum.createTopic(
      'jana.schmidt',
      'Mautic Meetup in Leipzig?',
      'Who would like a Mautic meetup in Leipzig?',
    );
    forum.reply('marta', topicId, 'Count me in!');
    await settle();
    expect((await proposal(topicId))!.interested).to.deep.equal(['jana.schmidt', 'marta']);

    forum.dropDeliveries = true;
    forum.reply('tomasz', topicId, 'Count me in too!');
    forum.dropDeliveries = false;
    await settle();
    expect((await proposal(topicId))!.interested, 'the delivery was lost').to.deep.equal(['jana.schmidt', 'marta']);

    await reconcileNow('1');
    expect((await proposal(topicId))!.interested).to.deep.equal(['jana.schmidt', 'marta', 'tomasz']);
    expect(reads()).to.deep.equal(['/c/international-by-country/55.json', `/t/${topicId}.json`]);
    // The status post is edited in place with the new count.
    const status = forum.postsIn(topicId).find((p) => p.username === 'system')!;
    expect(status.raw).to.include('3 people: ');

    await reconcileNow('2');
    expect(reads(), 'nothing differs now: the open proposal is re-read in its turn, nothing else').to.deep.equal([
      '/c/international-by-country/55.json',
      `/t/${topicId}.json`,
    ]);
  });

  it('finds a topic opened while deliveries failed, and an edit and a deletion no delivery told of', async () => {
    await start();
    forum.dropDeliveries = true;
    const { topicId } = forum.createTopic(
      'jana.schmidt',
      'Mautic Meetup in Leipzig?',
      'Who would like a Mautic meetup in Leipzig?',
    );
    const marta = forum.reply('marta', topicId, 'Count me in!');
    const tomasz = forum.reply('tomasz', topicId, 'Count me in!');
    await settle();
    expect(await proposal(topicId)).to.equal(null);

    await reconcileNow('1');
    expect((await proposal(topicId))!.interested).to.deep.equal(['jana.schmidt', 'marta', 'tomasz']);

    // Still no deliveries: marta withdraws by editing, tomasz's post is deleted. Neither moves the topic list.
    forum.edit(marta, 'Sorry, I am not interested any more.');
    forum.destroy(tomasz);
    await reconcileNow('2');
    const p = (await proposal(topicId))!;
    expect(p.interested).to.deep.equal(['jana.schmidt']);
    expect(p.checklist!.interest.status).to.equal('missing');
  });

  it('re-reads at most maxThreads threads in one run; the next run takes the rest', async () => {
    await start({ maxThreads: 3 });
    forum.dropDeliveries = true;
    const topics = [1, 2, 3, 4, 5].map(
      (n) =>
        forum.createTopic('jana.schmidt', `Mautic Meetup in Town ${n}?`, `A Mautic meetup in Town ${n}, anyone?`)
          .topicId,
    );
    await reconcileNow('1');
    expect(reads().filter((u) => u!.startsWith('/t/'))).to.have.length(3);
    await reconcileNow('2');
    const known = await Promise.all(topics.map(proposal));
    expect(known.every((p) => p !== null)).to.equal(true);
  });

  it('re-evaluates once a day, so a launch date that passed blocks the checklist', async () => {
    await start();
    const { topicId } = forum.createTopic(
      'jana.schmidt',
      'Mautic Meetup in Leipzig?',
      'Who would like a Mautic meetup in Leipzig?',
    );
    forum.reply('marta', topicId, 'Count me in!');
    forum.reply('jana.schmidt', topicId, TEMPLATE('2027-01-01'));
    await settle();
    expect((await proposal(topicId))!.checklist!.launchDate.status).to.equal('met');

    offset = Date.parse('2027-01-05T10:00:00.000Z') - Date.now();
    forum.requests.length = 0;
    await svc.service.queue.enqueue({ kind: 'reevaluate', key: 'reevaluate:2027-01-05', day: '2027-01-05' });
    await settle();
    const p = (await proposal(topicId))!;
    expect(p.checklist!.launchDate).to.deep.include({ status: 'blocked', reason: { code: 'past' } });
    expect(forum.postsIn(topicId).find((x) => x.username === 'system')!.raw).to.include(
      'The launch date is in the past',
    );
    expect(
      reads().filter((u) => u === '/c/international-by-country/55.json'),
      'the daily pass does not list topics',
    ).to.deep.equal([]);
  });

  it('POST /api/proposals/:id/resync reads a thread the service never heard of and answers 202', async () => {
    await start();
    forum.dropDeliveries = true;
    const { topicId } = forum.createTopic(
      'jana.schmidt',
      'Mautic Meetup in Leipzig?',
      'Who would like a Mautic meetup in Leipzig?',
    );
    forum.reply('marta', topicId, 'Count me in!');
    const denied = await fetch(`${svc.url}/api/proposals/${topicId}/resync`, { method: 'POST' });
    expect(denied.status).to.equal(401);
    const res = await fetch(`${svc.url}/api/proposals/${topicId}/resync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(res.status).to.equal(202);
    expect(await res.json()).to.deep.include({ status: 'accepted', topicId });
    await settle();
    const got = (await (
      await fetch(`${svc.url}/api/proposals/${topicId}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).json()) as Proposal;
    expect(got).to.deep.include({ state: 'gathering', interested: ['jana.schmidt', 'marta'] });
  });

  it("runs reconciliation from the worker's timer once per slot, even across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mc-reconcile-'));
    try {
      // Reconciliation lists the watched tree; the lifecycle check reads the meetup's category.
      const listed = (prefix: string) => forum.requests.filter((r) => r.url.startsWith(prefix));
      await start({ periodic: true, dataDir });
      // The timer offers both runs at start, one after the other: wait for the second to have read.
      for (let i = 0; i < 500 && listed('/c/munich/').length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await settle();
      expect(listed('/c/international-by-country/')).to.have.length(1);
      expect(listed('/c/munich/')).to.have.length(1);
      await svc.close();
      await start({ periodic: true, dataDir });
      await settle();
      expect(listed('/c/international-by-country/'), 'the same slot is not run twice').to.have.length(1);
      expect(listed('/c/munich/'), 'the same check is not run twice').to.have.length(1);
      expect(listed('/c/'), 'nothing else lists a category').to.have.length(2);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('periodic job keys', () => {
  const rules = loadRulesConfig('config/default.json');
  const at = (iso: string) => periodicJobs(rules, Date.parse(iso)).map((j) => j.key);

  it('give one reconciliation per 15-minute slot and one re-evaluation per day from 03:00 UTC', () => {
    expect(at('2026-12-01T10:00:00Z')).to.deep.equal(at('2026-12-01T10:14:59Z'));
    expect(at('2026-12-01T10:15:00Z')[0]).not.to.equal(at('2026-12-01T10:14:59Z')[0]);
    expect(at('2026-12-01T02:59:59Z')[1]).to.equal('reevaluate:2026-11-30');
    expect(at('2026-12-01T03:00:00Z')[1]).to.equal('reevaluate:2026-12-01');
  });
});
