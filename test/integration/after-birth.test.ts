import { expect } from 'chai';
import type { Meetup } from '../../src/rules/meetup.js';
import type { Proposal } from '../../src/rules/proposal.js';
import { FIXTURE_SECRET } from '../support/fixtures.js';
import { startTestService, TEST_ADMIN_TOKEN, TEST_API_KEY, type TestService } from '../support/service.js';
import { StandInForum } from '../support/stand-in-forum.js';

const DAY = 24 * 3600_000;

describe('after the birth: stalled proposals, quiet meetups, the overview and the digest', function () {
  this.timeout(60_000);
  let forum: StandInForum;
  let svc: TestService;
  // One clock for the service and the forum's timestamps; a test moves it ahead by days.
  let offset: number;
  const now = () => new Date(Date.now() + offset);
  const later = (days: number) => {
    offset += days * DAY;
  };

  async function start(options: { dryRun?: boolean; quietProposalsPerCheck?: number } = {}) {
    svc = await startTestService({
      forumUrl: forum.url,
      clock: now,
      ...(options.dryRun ? { env: { DRY_RUN: 'true' } } : {}),
      rules: (r) => ({
        ...r,
        statusPost: { ...r.statusPost, coalesceSeconds: 0 },
        overview: { enabled: true, minEditInterval: 'PT1S' },
        lifecycle: {
          ...r.lifecycle,
          proposalReminderAfter: 'P30D',
          proposalStalledAfter: 'P90D',
          quietProposalsPerCheck: options.quietProposalsPerCheck ?? r.lifecycle.quietProposalsPerCheck,
        },
      }),
    });
    forum.webHooks.length = 0;
    forum.hookTo(`${svc.url}/webhooks/discourse`, FIXTURE_SECRET);
  }

  async function settle() {
    for (let i = 0; i < 2000; i++) {
      await forum.flush();
      if ((await svc.service.queue.depth()) === 0) {
        await new Promise((r) => setTimeout(r, 30));
        await forum.flush();
        if ((await svc.service.queue.depth()) === 0) return;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the service did not settle');
  }

  let checks = 0;
  /** One periodic check, as the worker offers it each `lifecycle.checkEvery`, then whatever it asked for. */
  async function check() {
    checks += 1;
    await svc.service.queue.enqueue({ kind: 'lifecycle', key: `lifecycle:test-${checks}`, slot: `test-${checks}` });
    await settle();
    // The overview waits for the next multiple of its edit interval, a second here.
    later(2 / (24 * 3600));
    await settle();
  }

  const proposal = async (topicId: number) =>
    (await svc.service.store.proposals.get(String(topicId)))?.value as Proposal;
  const meetup = async (categoryId: number) =>
    (await svc.service.store.meetups.get(String(categoryId)))?.value as Meetup;
  const own = (topicId: number) => forum.postsIn(topicId).filter((p) => p.username === 'system');
  const withMarker = (marker: string) =>
    [...forum.topics.values()].flatMap((t) => forum.postsIn(t.id)).filter((p) => p.raw.includes(marker));

  beforeEach(async () => {
    offset = Date.parse('2026-12-01T10:00:00.000Z') - Date.now();
    checks = 0;
    forum = new StandInForum({ apiKey: TEST_API_KEY, clock: () => now().getTime() });
    for (const [id, username] of [
      [4821, 'jana.schmidt'],
      [5120, 'lukas_b'],
      [5301, 'marta'],
    ] as const)
      forum.addUser({ id, username });
    forum.addUser({ id: 77, username: 'mod_kai', moderator: true, groups: ['moderators', 'staff'] });
    await forum.start();
  });
  afterEach(async () => {
    await svc?.close();
    await forum.stop();
  });

  it('reminds a quiet proposal once, marks it stalled, brings it back on a post, and never reminds more than twice', async () => {
    await start();
    const { topicId } = forum.createTopic(
      'jana.schmidt',
      'Mautic Meetup in Leipzig?',
      'Who would like a Mautic meetup in Leipzig?',
    );
    forum.reply('marta', topicId, 'Count me in!');
    await settle();
    expect((await proposal(topicId)).state).to.equal('gathering');

    later(31);
    await check();
    const first = withMarker(`<!-- meetup-companion:reminder:${topicId}:1 -->`);
    expect(first, 'one reminder').to.have.length(1);
    expect(first[0]!.topic_id).to.equal(topicId);
    expect(first[0]!.raw).to.include('@jana.schmidt').and.to.include('quiet since');
    expect(first[0]!.raw).to.not.match(/\d{4}-\d{2}-\d{2}/);
    expect(await proposal(topicId)).to.deep.include({ state: 'gathering', reminders: 1 });

    await check();
    expect(withMarker(`:reminder:${topicId}:`), 'a second check in the same silence reminds nobody').to.have.length(1);

    later(60);
    await check();
    expect((await proposal(topicId)).state).to.equal('stalled');
    const status = own(topicId).find((p) => p.raw.includes('meetup-companion:status'))!;
    expect(status.raw).to.include('This proposal has stalled');
    expect(withMarker(`:reminder:${topicId}:`)).to.have.length(1);

    forum.reply('marta', topicId, 'Still keen, by the way.');
    await settle();
    expect((await proposal(topicId)).state).to.equal('gathering');
    expect(own(topicId).find((p) => p.raw.includes('meetup-companion:status'))!.raw).to.not.include('has stalled');

    later(31);
    await check();
    expect(withMarker(`:reminder:${topicId}:2 -->`)).to.have.length(1);
    forum.reply('lukas_b', topicId, 'Me too.');
    await settle();
    later(31);
    await check();
    expect(withMarker(`:reminder:${topicId}:`), 'two reminders, ever').to.have.length(2);
    expect((await proposal(topicId)).reminders).to.equal(2);
  });

  it('takes a share of the quiet proposals per check, the most recently active first, and the rest on later checks', async () => {
    await start({ quietProposalsPerCheck: 2 });
    const topics: number[] = [];
    for (const town of ['Leipzig', 'Dresden', 'Erfurt']) {
      const { topicId } = forum.createTopic('jana.schmidt', `Mautic Meetup in ${town}?`, `Anyone near ${town}?`);
      forum.reply('marta', topicId, 'Count me in!');
      topics.push(topicId);
      later(1);
    }
    await settle();
    const [leipzig, dresden, erfurt] = topics as [number, number, number];
    const reminded = () => topics.filter((t) => withMarker(`<!-- meetup-companion:reminder:${t}:1 -->`).length > 0);

    later(40);
    await check();
    expect(reminded(), 'two per check, the newest silence first').to.deep.equal([dresden, erfurt]);
    await check();
    expect(reminded()).to.deep.equal([leipzig, dresden, erfurt]);
    await check();
    expect(
      topics.flatMap((t) => withMarker(`:reminder:${t}:`)),
      'each once',
    ).to.have.length(3);
  });

  it('asks the moderators about a quiet meetup with unknown organisers; "pause" is thanked, and it is not asked again during the break', async () => {
    await start();
    await check();
    expect(await meetup(90)).to.deep.include({ state: 'active', organisers: null, checkins: 0 });
    const api = await fetch(`${svc.url}/api/meetups`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    const listed = ((await api.json()) as { meetups: Array<{ categoryId: number; state: string }> }).meetups;
    expect(listed.map((m) => [m.categoryId, m.state])).to.deep.equal([[90, 'active']]);

    later(91);
    await check();
    const asked = withMarker('<!-- meetup-companion:checkin:90:1 -->');
    expect(asked).to.have.length(1);
    const pm = forum.topics.get(asked[0]!.topic_id)!;
    expect(pm.archetype).to.equal('private_message');
    expect(pm.allowed).to.deep.equal(['moderators']);
    expect(asked[0]!.raw).to.include('`pause`').and.to.not.include('@moderators');
    expect((await meetup(90)).state).to.equal('quiet');

    await check();
    expect(withMarker('meetup-companion:checkin:90:'), 'one check-in per quiet spell').to.have.length(1);

    forum.reply('marta', pm.id, 'close');
    forum.reply('mod_kai', pm.id, 'Pause — summer break.');
    await settle();
    const m = await meetup(90);
    expect(m.state).to.equal('paused');
    expect(m.closed).to.equal(null);
    const replies = forum
      .postsIn(pm.id)
      .filter((p) => p.username === 'system')
      .map((p) => p.raw);
    expect(replies.filter((r) => r.includes('checkin-decline:90:marta'))).to.have.length(1);
    expect(replies.filter((r) => r.includes('on a break'))).to.have.length(1);

    later(100);
    await check();
    expect(withMarker('meetup-companion:checkin:90:'), 'no question during the break').to.have.length(1);
    const one = await fetch(`${svc.url}/api/meetups/90`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(((await one.json()) as { state: string }).state).to.equal('paused');
    expect(
      (await fetch(`${svc.url}/api/meetups/4242`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).status,
    ).to.equal(404);
  });

  it('counts a post in the meetup category as activity; with no activity and no answer the meetup is dormant, listed in the digest once', async () => {
    await start();
    await check();
    later(80);
    forum.createTopic('marta', 'Mautic Meetup Munich: March', 'See you there!', { categoryId: 90 });
    await settle();
    expect(Date.parse((await meetup(90)).lastActivityAt!)).to.be.closeTo(now().getTime(), 5 * 60_000);
    later(20);
    await check();
    expect((await meetup(90)).state, 'the post restarted the clock').to.equal('active');

    later(181);
    await check();
    expect((await meetup(90)).state).to.equal('dormant');
    const digests = withMarker('<!-- meetup-companion:digest:');
    expect(digests).to.have.length(1);
    expect(digests[0]!.raw).to.include('Mautic Meetup Munich').and.to.include('dormant');
    await check();
    expect(withMarker('<!-- meetup-companion:digest:'), 'at most one digest per interval').to.have.length(1);
  });

  it('keeps one overview topic in the meetups category, edited only when its text changes', async () => {
    await start();
    const { topicId } = forum.createTopic(
      'jana.schmidt',
      'Mautic Meetup in Leipzig?',
      'Who would like a Mautic meetup in Leipzig?',
    );
    forum.reply('marta', topicId, 'Count me in!');
    await settle();
    await check();
    const overviews = [...forum.topics.values()].filter((t) =>
      forum.postsIn(t.id)[0]?.raw.startsWith('<!-- meetup-companion:overview -->'),
    );
    expect(overviews).to.have.length(1);
    expect(overviews[0]!.category_id).to.equal(7);
    const text = forum.postsIn(overviews[0]!.id)[0]!.raw;
    expect(text).to.include('Mautic Meetup Munich').and.to.include('Mautic Meetup in Leipzig');
    expect(text).to.include('of 6 criteria met');

    const edits = () =>
      forum.requests.filter(
        (r) => r.method === 'PUT' && r.url.startsWith(`/posts/${forum.postsIn(overviews[0]!.id)[0]!.id}`),
      );
    forum.requests.length = 0;
    await check();
    expect(edits(), 'an unchanged overview is not edited').to.have.length(0);

    const before = (await proposal(topicId)).checklist!;
    forum.reply(
      'jana.schmidt',
      topicId,
      'Venue: Acme GmbH office, Markt 1 (office)\nLaunch: 2027-02-05\nMonthly: first Friday of each month at 18:00',
    );
    await settle();
    expect((await proposal(topicId)).checklist!.venue.status).to.not.equal(before.venue.status);
    await check();
    expect(edits()).to.have.length(1);
    expect(
      [...forum.topics.values()].filter((t) =>
        forum.postsIn(t.id)[0]?.raw.startsWith('<!-- meetup-companion:overview -->'),
      ),
    ).to.have.length(1);
  });

  it('writes nothing in dry-run', async () => {
    await start({ dryRun: true });
    const { topicId } = forum.createTopic(
      'jana.schmidt',
      'Mautic Meetup in Leipzig?',
      'Who would like a Mautic meetup in Leipzig?',
    );
    forum.reply('marta', topicId, 'Count me in!');
    await settle();
    later(200);
    await check();
    expect(forum.writes().filter((w) => w.method !== 'GET')).to.deep.equal([]);
  });
});
