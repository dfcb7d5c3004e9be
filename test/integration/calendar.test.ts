import { expect } from 'chai';
import { instantOf } from '../../src/texts/dates.js';
import { parseCalendar } from '../support/calendar.js';
import { FIXTURE_SECRET } from '../support/fixtures.js';
import { startTestService, TEST_API_KEY, type TestService } from '../support/service.js';
import { StandInForum } from '../support/stand-in-forum.js';

const PUBLIC_URL = 'https://companion.example.test';
const TEMPLATE =
  'Region: Leipzig\nOrganisers: me and @lukas_b\nVenue: Acme GmbH Büro, Markt 1 (office)\nLaunch: 2027-03-05\nMonthly: first Friday of each month at 18:00';

describe("a meetup's calendar file, served by the running service", function () {
  this.timeout(30_000);
  let forum: StandInForum;
  let svc: TestService | null = null;
  const offset = Date.parse('2026-12-01T10:00:00.000Z') - Date.now();

  async function settle() {
    for (let i = 0; i < 1000; i++) {
      await forum.flush();
      if ((await svc!.service.queue.depth()) === 0) {
        await new Promise((r) => setTimeout(r, 20));
        await forum.flush();
        if ((await svc!.service.queue.depth()) === 0) return;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the service did not settle');
  }

  async function start(env: Record<string, string>) {
    svc = await startTestService({
      forumUrl: forum.url,
      env,
      clock: () => new Date(Date.now() + offset),
      rules: (r) => ({ ...r, statusPost: { ...r.statusPost, coalesceSeconds: 0 } }),
    });
    forum.hookTo(`${svc.url}/webhooks/discourse`, FIXTURE_SECRET);
  }

  /** A German proposal in the Germany category, approved by a moderator: the meetup's category exists. */
  async function openMeetup() {
    const topicId = forum.createTopic(
      'jana.schmidt',
      'Mautic-Treffen in Leipzig?',
      'Hallo zusammen! Wer hätte Interesse an einem monatlichen Mautic-Treffen in Leipzig? Ich würde es organisieren.',
      { categoryId: 61 },
    ).topicId;
    forum.reply('marta', topicId, 'Bin dabei!');
    forum.reply('jana.schmidt', topicId, TEMPLATE);
    forum.reply('lukas_b', topicId, 'Ich organisiere gerne mit, zählt auf mich.');
    await settle();
    const waiting = (await svc!.service.store.proposals.get(String(topicId)))!.value;
    expect(waiting.state).to.equal('awaiting_approval');
    forum.reply('mod_kai', waiting.promptTopicId!, 'approve');
    await settle();
    return { topicId, proposal: (await svc!.service.store.proposals.get(String(topicId)))!.value };
  }

  beforeEach(async () => {
    forum = new StandInForum({ apiKey: TEST_API_KEY });
    forum.addUser({ id: 4821, username: 'jana.schmidt' });
    forum.addUser({ id: 5120, username: 'lukas_b' });
    forum.addUser({ id: 5301, username: 'marta' });
    forum.addUser({ id: 77, username: 'mod_kai', moderator: true, groups: ['moderators', 'staff'] });
    await forum.start();
  });
  afterEach(async () => {
    await svc?.close();
    svc = null;
    await forum.stop();
  });

  it('is linked from the announcement and parses back to the checklist’s next three dates, in Berlin time across the change to summer time', async () => {
    await start({ PUBLIC_URL });
    const { topicId, proposal } = await openMeetup();
    expect(proposal).to.deep.include({ state: 'opened', language: 'de', timeZone: 'Europe/Berlin' });
    const categoryId = proposal.category!.id;
    const announcement = forum.postsIn(topicId).find((p) => p.raw.includes('meetup-companion:announce'))!;
    expect(announcement.raw).to.include(`(${PUBLIC_URL}/meetups/${categoryId}.ics)`);

    const res = await fetch(`${svc!.url}/meetups/${categoryId}.ics`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/calendar; charset=utf-8');
    const [series, ...others] = parseCalendar(await res.text());
    expect(others, 'the launch is on the schedule: one series').to.deep.equal([]);
    const next = proposal.checklist!.schedule.value!.next;
    expect(next).to.deep.equal(['2027-03-05T18:00', '2027-04-02T18:00', '2027-05-07T18:00']);
    expect(series).to.deep.include({
      summary: 'Mautic Meetup Leipzig',
      location: 'Acme GmbH Büro, Markt 1 (office)',
      tzid: 'Europe/Berlin',
    });
    expect(series!.rrule)
      .to.match(/FREQ=MONTHLY/)
      .and.match(/BYDAY=1FR/);
    expect(series!.occurrences.map((o) => o.local)).to.deep.equal(next);
    // 18:00 in Berlin is 17:00 UTC in winter and 16:00 UTC in summer.
    expect(series!.occurrences.map((o) => o.utc)).to.deep.equal([
      '2027-03-05T17:00',
      '2027-04-02T16:00',
      '2027-05-07T16:00',
    ]);
    expect(series!.occurrences.map((o) => o.utc)).to.deep.equal(
      next.map((wall) => instantOf(wall, 'Europe/Berlin').toISOString().slice(0, 16)),
    );

    const unknown = await fetch(`${svc!.url}/meetups/999999.ics`);
    expect(unknown.status).to.equal(404);
    expect((await fetch(`${svc!.url}/meetups/abc.ics`)).status).to.equal(404);
  });

  it('is not served, and not linked, without PUBLIC_URL', async () => {
    await start({});
    const { topicId, proposal } = await openMeetup();
    const announcement = forum.postsIn(topicId).find((p) => p.raw.includes('meetup-companion:announce'))!;
    expect(announcement.raw).not.to.include('.ics');
    const res = await fetch(`${svc!.url}/meetups/${proposal.category!.id}.ics`);
    expect(res.status).to.equal(404);
    expect(((await res.json()) as { error: string }).error).to.include('PUBLIC_URL');
  });
});
