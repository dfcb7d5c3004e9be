import { expect } from 'chai';
import nock from 'nock';
import { createJobHandler } from '../../src/jobs/registry.js';
import { STATUS_MARKER } from '../../src/texts/status-post.js';
import { FORUM, Pipeline } from '../support/pipeline.js';
import { ThreadBuilder, type Author, type BuiltDelivery } from '../support/thread.js';

const jana: Author = { id: 4821, username: 'jana.schmidt' };
const lukas: Author = { id: 5120, username: 'lukas_b' };
const marta: Author = { id: 5301, username: 'marta' };
const kai: Author = { id: 77, username: 'mod_kai', staff: true };

const TEMPLATE =
  'Region: Leipzig\nOrganisers: me and @lukas_b\nVenue: Acme GmbH office, Markt 1 (office)\nLaunch: 2027-03-05\nMonthly: first Friday of each month at 18:00';

/** A Leipzig proposal that becomes ready: opening post, a first interest, then the details. */
function leipzig(topicId = 27400) {
  const t = new ThreadBuilder(topicId, 'Mautic Meetup in Leipzig?', jana, { start: '2026-11-30T09:00:00.000Z' });
  const opening = [t.created(), t.reply(jana, 'Who would like a Mautic meetup in Leipzig?').delivery];
  const interest = [t.reply(marta, 'Count me in!').delivery];
  const details = [t.reply(jana, TEMPLATE).delivery, t.reply(lukas, 'Count me in, I co-organise.').delivery];
  return { t, opening, interest, details };
}

/** A private-message reply, in the shape of the recorded pm_post_created delivery. */
function pmReply(t: ThreadBuilder, pmTopicId: number, author: Author, raw: string, postId: number): BuiltDelivery {
  const d = t.reply(author, raw).delivery;
  const body = JSON.parse(d.body.toString('utf8'));
  Object.assign(body.post, {
    id: postId,
    topic_id: pmTopicId,
    post_number: 2,
    category_id: null,
    topic_archetype: 'private_message',
    topic_slug: 'meetup-proposal',
    topic_title: 'Meetup proposal',
  });
  delete body.post.category_slug;
  return { ...d, body: Buffer.from(JSON.stringify(body)) };
}

const route = (c: { method: string; path: string }) => `${c.method} ${c.path.split('?')[0]}`;

describe('acting on the forum: a whole proposal, told as the API calls it makes', function () {
  this.timeout(20_000);
  let p: Pipeline;

  beforeEach(() => {
    nock.disableNetConnect();
    p = new Pipeline();
    p.forum.users.set('mod_kai', { username: 'mod_kai', moderator: true, groups: ['moderators', 'staff'] });
    p.forum.users.set('lukas_b', { username: 'lukas_b', groups: ['trust_level_1'] });
    p.forum.users.set('jana.schmidt', { username: 'jana.schmidt' });
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await p.close();
  });

  it('posts one status post, edits it, asks the moderators once, and opens the meetup on approval', async () => {
    const { t, opening, interest, details } = leipzig();
    for (const d of opening) await p.deliver(d);
    await p.settle();
    expect(p.forum.writes(), 'nobody but the author is interested yet: no status post').to.deep.equal([]);

    for (const d of interest) await p.deliver(d);
    await p.settle();
    const statusPosts = p.forum.posts.filter((x) => x.raw.startsWith(STATUS_MARKER));
    expect(statusPosts).to.have.length(1);
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json']);
    expect(p.forum.writes()[0]!.body).to.deep.equal({ raw: statusPosts[0]!.raw, topic_id: 27400 });
    expect(p.forum.calls.map(route)).to.include('GET /t/27400.json', 'it looked for an earlier status post first');

    // A burst of replies in one window: one edit.
    p.forum.calls.length = 0;
    for (const d of details) await p.deliver(d);
    await p.settle();
    expect((await p.proposal(27400))!.state).to.equal('awaiting_approval');
    expect(p.forum.writes().map(route)).to.deep.equal([`PUT /posts/${statusPosts[0]!.id}.json`, 'POST /posts.json']);
    const prompt = p.forum.writes()[1]!.body;
    expect(prompt).to.deep.include({
      archetype: 'private_message',
      target_recipients: 'moderators',
      external_id: 'meetup-companion-prompt-27400-1',
    });
    expect(prompt.raw).to.include(`${FORUM}/t/mautic-meetup-in-leipzig/27400`).and.include('`approve`');
    const pmTopic = (await p.proposal(27400))!.promptTopicId!;
    expect(pmTopic).to.be.a('number');

    // The moderator answers in the private message.
    p.forum.calls.length = 0;
    expect(await p.deliver(pmReply(t, pmTopic, kai, 'approve — thanks, looks great', 800_001))).to.equal('command');
    await p.settle();
    const opened = (await p.proposal(27400))!;
    expect(opened.state).to.equal('opened');
    expect(opened.approval).to.deep.include({ decision: 'approved', by: 'mod_kai', reason: 'thanks, looks great' });
    const made = p.forum.categories.find((c) => c.name === 'Mautic Meetup Leipzig')!;
    expect(made).to.deep.include({ slug: 'leipzig', parent_category_id: 7 });
    expect(opened.category).to.deep.equal({
      id: made.id,
      slug: 'leipzig',
      url: `${FORUM}/c/mautic-meetups/leipzig/${made.id}`,
    });
    expect(p.forum.writes().map(route)).to.deep.equal([
      `PUT /posts/${statusPosts[0]!.id}.json`,
      'POST /categories.json',
      `PUT /posts/${p.forum.posts.find((x) => x.raw.startsWith('The official Mautic meetup'))!.id}.json`,
      `PUT /posts/${statusPosts[0]!.id}.json`,
      'POST /posts.json',
      'POST /posts.json',
    ]);
    expect(p.forum.writes()[1]!.body).to.deep.equal({
      name: 'Mautic Meetup Leipzig',
      slug: 'leipzig',
      color: '4E5E9E',
      text_color: 'FFFFFF',
      parent_category_id: 7,
      permissions: { everyone: 1 },
    });
    const announce = p.forum.postsIn(27400).find((x) => x.raw.includes('meetup-companion:announce'))!;
    expect(announce.raw)
      .to.include('@jana.schmidt and @lukas_b')
      .and.include(`${FORUM}/c/mautic-meetups/leipzig/${made.id}`);
    const confirm = p.forum.postsIn(pmTopic).find((x) => x.raw.includes('meetup-companion:confirm'))!;
    expect(confirm.raw).to.include('Community Portal');
    expect(statusPosts[0]!.raw).to.include('official').and.include(`/c/mautic-meetups/leipzig/${made.id}`);
    expect(p.forum.postsIn(27400).filter((x) => x.raw.startsWith(STATUS_MARKER))).to.have.length(1);
  });

  it('answers a German thread in German, tells the moderators in English that it is German, and links the calendar', async () => {
    await p.close();
    nock.cleanAll();
    p = new Pipeline({ publicUrl: 'https://companion.example.test' });
    p.forum.users.set('mod_kai', { username: 'mod_kai', moderator: true, groups: ['moderators', 'staff'] });
    const t = new ThreadBuilder(27600, 'Mautic-Treffen in Leipzig?', jana, { start: '2026-11-30T09:00:00.000Z' });
    for (const d of [
      t.created(),
      t.reply(jana, 'Hallo zusammen! Wer hätte Interesse an einem monatlichen Mautic-Treffen in Leipzig?').delivery,
      t.reply(marta, 'Bin dabei!').delivery,
      t.reply(jana, TEMPLATE).delivery,
      t.reply(lukas, 'Count me in, I co-organise.').delivery,
    ])
      await p.deliver(d);
    await p.settle();
    const waiting = (await p.proposal(27600))!;
    expect(waiting).to.deep.include({ state: 'awaiting_approval', language: 'de', timeZone: 'Europe/Berlin' });
    const status = () => p.forum.postsIn(27600).find((x) => x.raw.startsWith(STATUS_MARKER))!.raw;
    expect(status()).to.include('**Checkliste für das Meetup**').and.include('(Mitteleuropäische Zeit)');
    const prompt = p.forum.postsIn(waiting.promptTopicId!)[0]!.raw;
    expect(prompt).to.include('meets every criterion').and.include('The thread is in German.');

    // The proposer goes on in English: the thread keeps the language its status post is in.
    await p.deliver(
      t.reply(jana, 'Thanks everyone, we are really looking forward to seeing you all in Leipzig next year!').delivery,
    );
    await p.deliver(t.reply(kai, 'approve').delivery);
    await p.settle();
    const opened = (await p.proposal(27600))!;
    expect(opened).to.deep.include({ state: 'opened', language: 'de' });
    const calendar = `https://companion.example.test/meetups/${opened.category!.id}.ics`;
    const announce = p.forum.postsIn(27600).find((x) => x.raw.includes('meetup-companion:announce'))!.raw;
    expect(announce).to.include('Dieses Meetup ist jetzt offiziell').and.include(`](${calendar})`);
    expect(status()).to.include('Dieses Meetup ist jetzt offiziell').and.include(`](${calendar})`);
    const about = p.forum.posts.find((x) => x.raw.startsWith('Das offizielle Mautic-Meetup'))!.raw;
    expect(about).to.include(`](${calendar})`).and.include('https://forum.example.test/t/');
    const confirm = p.forum.postsIn(waiting.promptTopicId!).find((x) => x.raw.includes('meetup-companion:confirm'))!;
    expect(confirm.raw).to.include('Community Portal').and.include('The thread is in German.');
  });

  it('updates the status post when the thread is closed, and again when it is opened, without a second post', async () => {
    const { t, opening, interest } = leipzig();
    for (const d of [...opening, ...interest]) await p.deliver(d);
    await p.settle();
    const [status] = p.forum.posts.filter((x) => x.raw.startsWith(STATUS_MARKER));
    expect(status).to.not.equal(undefined);

    p.forum.calls.length = 0;
    await p.deliver(t.status('closed', true));
    await p.settle();
    expect((await p.proposal(27400))!.state).to.equal('withdrawn');
    expect(p.forum.writes().map(route)).to.deep.equal([`PUT /posts/${status!.id}.json`]);
    expect(p.forum.writes()[0]!.body.post.raw).to.include('no longer an open proposal');

    p.forum.calls.length = 0;
    await p.deliver(t.status('closed', false));
    await p.settle();
    expect((await p.proposal(27400))!.state).to.equal('gathering');
    expect(p.forum.writes().map(route)).to.deep.equal([`PUT /posts/${status!.id}.json`]);
    expect(p.forum.writes()[0]!.body.post.raw).to.include('Once every item is ticked');
    expect(p.forum.posts.filter((x) => x.raw.startsWith(STATUS_MARKER))).to.have.length(1);
  });

  it('tells the moderators there is nothing to approve when a thread awaiting approval is closed, and asks again when it is opened', async () => {
    const { t, opening, interest, details } = leipzig();
    for (const d of [...opening, ...interest, ...details]) await p.deliver(d);
    await p.settle();
    const pmTopic = (await p.proposal(27400))!.promptTopicId!;
    const [status] = p.forum.posts.filter((x) => x.raw.startsWith(STATUS_MARKER));

    p.forum.calls.length = 0;
    await p.deliver(t.status('closed', true));
    await p.settle();
    expect(p.forum.writes().map(route)).to.deep.equal([`PUT /posts/${status!.id}.json`, 'POST /posts.json']);
    expect(p.forum.writes()[1]!.body).to.deep.include({ topic_id: pmTopic });
    expect(p.forum.writes()[1]!.body.raw).to.include('was closed').and.include('nothing to approve');

    p.forum.calls.length = 0;
    await p.deliver(t.status('closed', false));
    await p.settle();
    expect((await p.proposal(27400))!.state).to.equal('awaiting_approval');
    expect(p.forum.writes().map(route)).to.deep.equal([`PUT /posts/${status!.id}.json`, 'POST /posts.json']);
    expect(p.forum.writes()[1]!.body).to.deep.include({ external_id: 'meetup-companion-prompt-27400-2' });
  });

  it('drops, without an alert, a status post edit the forum refuses because the thread was deleted meanwhile', async () => {
    const t = new ThreadBuilder(27401, 'Mautic Meetup in Leipzig?', jana, { start: '2026-11-30T09:00:00.000Z' });
    await p.deliver(t.created());
    const first = t.reply(jana, 'Who would like a Mautic meetup in Leipzig?');
    await p.deliver(first.delivery);
    await p.deliver(t.reply(marta, 'Count me in!').delivery);
    await p.settle();
    expect((await p.proposal(27401))!.statusPostId).to.be.a('number');

    // A change asks for an edit, then the thread is deleted before the worker gets to it.
    await p.deliver(t.reply(jana, TEMPLATE).delivery);
    await p.deliver(t.destroy(first.id));
    p.forum.fail('PUT', /^\/posts\//, [
      404,
      { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' },
    ]);
    p.forum.calls.length = 0;
    await p.settle();
    const proposal = (await p.proposal(27401))!;
    expect([proposal.state, proposal.pendingEffects]).to.deep.equal(['withdrawn', []]);
    expect(p.forum.writes().map(route)).to.deep.equal([`PUT /posts/${proposal.statusPostId}.json`]);
    expect(p.logs.text()).to.include('cannot be edited; left as it was').and.not.include('ALERT');
  });

  it("asks for a withdrawn thread's last edit as background work, and for a reply's at once, as work people wait for", async () => {
    const { t, opening, interest } = leipzig();
    for (const d of [...opening, ...interest]) await p.deliver(d);
    const asked = [...p.due.keys()];
    expect(asked, 'the runs asked for').to.have.length(2);
    expect(
      asked.map((k) => (p.waited.has(k) ? 'waited' : p.background.has(k) ? 'background' : 'ordinary')),
      'a reply',
    ).to.deep.equal(asked.map(() => 'waited'));
    await p.settle();
    p.now = new Date(p.now.getTime() + 60_000);
    await p.deliver(t.status('closed', true));
    expect((await p.proposal(27400))!.state).to.equal('withdrawn');
    const last = [...p.due.keys()].at(-1)!;
    expect(p.background.has(last), 'the closed thread').to.equal(true);
    expect(p.waited.has(last), 'the closed thread').to.equal(false);
  });

  it('writes nothing into a thread closed before it had a status post', async () => {
    const { t, opening } = leipzig();
    for (const d of opening) await p.deliver(d);
    await p.settle();
    await p.deliver(t.status('closed', true));
    await p.settle();
    expect((await p.proposal(27400))!.state).to.equal('withdrawn');
    expect(p.forum.writes()).to.deep.equal([]);
  });

  it('makes the same calls, once each, when every delivery arrives twice and out of order', async () => {
    const { opening, interest, details } = leipzig();
    const all = [...opening, ...interest, ...details];
    const shuffled = [...all, ...all].sort((a, b) => ((a.eventId * 7919) % 13) - ((b.eventId * 7919) % 13));
    for (const d of shuffled) await p.deliver(d);
    await p.settle();
    await p.settle();
    expect(
      p.forum
        .writes()
        .filter((c) => c.method === 'POST')
        .map((c) => (c.body.archetype ? 'prompt' : 'status')),
    ).to.deep.equal(['status', 'prompt']);
    expect((await p.proposal(27400))!.state).to.equal('awaiting_approval');
  });

  it('writes the first change of a quiet thread at once and folds what follows within the window into one run', async () => {
    const { t, opening, interest } = leipzig();
    const window = p.rules.statusPost.coalesceSeconds * 1000;
    const start = p.now.getTime();
    const dueTimes = () => [...p.due.values()];
    for (const d of opening) await p.deliver(d);
    await p.settle();

    // The first interest, long after: the thread is quiet, so the status post is written at once.
    const first = start + 3 * window;
    p.now = new Date(first);
    for (const d of interest) await p.deliver(d);
    expect(dueTimes().at(-1), 'the first change runs at once').to.equal(first);
    await p.settle();
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json']);
    const statusPostId = p.forum.posts.find((x) => x.raw.startsWith(STATUS_MARKER))!.id;

    // Fifty replies within the window: one trailing run at its end, however many.
    const before = dueTimes().length;
    for (let i = 0; i < 50; i++) {
      p.now = new Date(first + 100 + i * 50);
      await p.deliver(t.reply({ id: 6000 + i, username: `member${i}` }, 'Count me in!').delivery);
    }
    expect(dueTimes().slice(before), 'one trailing run').to.deep.equal([first + window]);
    p.now = new Date(first + window);
    await p.settle();
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json', `PUT /posts/${statusPostId}.json`]);

    // A change long after: the thread is quiet again, so it runs at once.
    p.now = new Date(first + 5 * window);
    await p.deliver(t.reply({ id: 7000, username: 'late_comer' }, 'Count me in too!').delivery);
    expect(dueTimes().at(-1)).to.equal(first + 5 * window);
  });

  it('leaves a change that came while the status post was written to the run at the end of the window', async () => {
    const { t, opening, interest } = leipzig();
    const window = p.rules.statusPost.coalesceSeconds * 1000;
    for (const d of opening) await p.deliver(d);
    await p.settle();
    const first = p.now.getTime() + 3 * window;
    p.now = new Date(first);
    for (const d of interest) await p.deliver(d);
    // While the forum makes the status post, someone else says they are in.
    const createPost = p.client.createPost.bind(p.client);
    p.client.createPost = async (input) => {
      p.now = new Date(first + 200);
      await p.deliver(t.reply({ id: 6100, username: 'midway' }, 'Count me in!').delivery);
      return createPost(input);
    };
    await p.runDue();
    expect(p.forum.writes().map(route), 'one write in the run').to.deep.equal(['POST /posts.json']);
    expect((await p.proposal(27400))!.pendingEffects!.map((e) => e.kind)).to.deep.equal(['write_status_post']);
    expect([...p.due.values()].at(-1), 'the rest waits for the end of the window').to.equal(first + window);
    p.now = new Date(first + window);
    await p.settle();
    const statusPostId = p.forum.posts.find((x) => x.raw.startsWith(STATUS_MARKER))!.id;
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json', `PUT /posts/${statusPostId}.json`]);
    expect(p.forum.posts.find((x) => x.id === statusPostId)!.raw).to.include('midway');
  });

  it('asks for its own run when it keeps an effect for a change that came during the run, whatever asked for a run besides', async () => {
    const { t, opening, interest } = leipzig();
    const window = p.rules.statusPost.coalesceSeconds * 1000;
    for (const d of opening) await p.deliver(d);
    await p.settle();
    const first = p.now.getTime() + 3 * window;
    p.now = new Date(first);
    for (const d of interest) await p.deliver(d);
    const createPost = p.client.createPost.bind(p.client);
    p.client.createPost = async (input) => {
      p.now = new Date(first + 200);
      await p.deliver(t.reply({ id: 6200, username: 'midway' }, 'Count me in!').delivery);
      // The run the change asked for itself is lost (a queue that was away for that call):
      // the one left is the run the kept effect asks for.
      p.scheduled.length = 0;
      p.due.clear();
      return createPost(input);
    };
    expect(await p.effects(27400)).to.equal('deferred');
    expect((await p.proposal(27400))!.pendingEffects!.map((e) => e.kind)).to.deep.equal(['write_status_post']);
    expect([...p.due.values()], 'the kept effect asked for a run at the end of the window').to.deep.equal([
      first + window,
    ]);
    p.now = new Date(first + window);
    await p.runDue();
    const statusPostId = p.forum.posts.find((x) => x.raw.startsWith(STATUS_MARKER))!.id;
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json', `PUT /posts/${statusPostId}.json`]);
    expect(p.forum.posts.find((x) => x.id === statusPostId)!.raw).to.include('midway');
  });

  it('does not post again when the worker died after the post and before its record', async () => {
    const { opening, interest } = leipzig();
    for (const d of [...opening, ...interest]) await p.deliver(d);
    const put = p.store.effects.put.bind(p.store.effects);
    let crashed = false;
    p.store.effects.put = async (id, value, expected) => {
      if (!crashed && value.state === 'done') {
        crashed = true;
        throw new Error('killed');
      }
      return put(id, value, expected);
    };
    await p.effects(27400, 'worker-a').then(
      () => expect.fail('the run should have died'),
      (err: Error) => expect(err.message).to.equal('killed'),
    );
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json']);
    // Another worker, once the dead one's lease ran out, looks on the forum and finds the post.
    p.now = new Date(p.now.getTime() + 61_000);
    await p.effects(27400, 'worker-b');
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json']);
    expect((await p.proposal(27400))!.statusPostId).to.equal(
      p.forum.posts.find((x) => x.raw.startsWith(STATUS_MARKER))!.id,
    );
    expect((await p.store.effects.get('status:27400'))!.value).to.deep.include({ state: 'done', owner: null });
  });

  it('posts once when two workers race for the same effect', async () => {
    const { opening, interest } = leipzig();
    for (const d of [...opening, ...interest]) await p.deliver(d);
    const results = await Promise.all([p.effects(27400, 'worker-a'), p.effects(27400, 'worker-b')]);
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json']);
    expect(results).to.include('deferred');
    expect(p.scheduled.length, 'the loser asks to run again after the lease').to.be.greaterThan(0);
  });

  it('posts once when two effects jobs of one worker process run side by side (the lease is per job run)', async () => {
    const { opening, interest } = leipzig();
    for (const d of [...opening, ...interest]) await p.deliver(d);
    const handler = createJobHandler(p.context('one-process'));
    await Promise.all([
      handler({ kind: 'effects', key: 'effects:27400:1', topicId: 27400 }, 1),
      handler({ kind: 'effects', key: 'effects:27400:2', topicId: 27400 }, 1),
    ]);
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json']);
    expect(p.forum.posts.filter((x) => x.raw.startsWith(STATUS_MARKER))).to.have.length(1);
  });

  it('retries a create that answered 500, looking first, and ends with exactly one post', async () => {
    const { opening, interest } = leipzig();
    for (const d of [...opening, ...interest]) await p.deliver(d);
    p.forum.fail('POST', /^\/posts\.json/, [500, { errors: ['Internal Server Error'] }], 2);
    for (let attempt = 1; attempt <= 2; attempt++) {
      await p.effects(27400).then(
        () => expect.fail('a 500 should fail the job'),
        (err: Error) => expect(err.message).to.include('POST /posts.json failed: 500'),
      );
    }
    await p.effects(27400);
    expect(p.forum.writes().map(route)).to.deep.equal(['POST /posts.json', 'POST /posts.json', 'POST /posts.json']);
    expect(p.forum.posts.filter((x) => x.raw.startsWith(STATUS_MARKER))).to.have.length(1);
    expect(p.forum.calls.filter((c) => route(c) === 'GET /t/27400.json')).to.have.length(3);
  });

  it('stops at a 403 without retrying and raises an alert', async () => {
    const { opening, interest } = leipzig();
    for (const d of [...opening, ...interest]) await p.deliver(d);
    p.forum.fail('POST', /^\/posts\.json/, [
      403,
      { errors: ['You are not permitted to view the requested resource.'], error_type: 'invalid_access' },
    ]);
    await p.effects(27400).then(
      () => expect.fail('a 403 should stop the job'),
      (err: Error) => expect(err.name).to.equal('PermanentJobError'),
    );
    expect(p.forum.writes()).to.have.length(1);
    expect(p.logs.text()).to.include('ALERT: POST /posts.json failed: 403 invalid_access');
    expect((await p.metrics.alerts.get()).values.find((v) => v.labels.reason === 'forum_auth')!.value).to.equal(1);
    expect(
      (await p.proposal(27400))!.pendingEffects!.map((e) => e.key),
      'kept for when the key is fixed',
    ).to.deep.equal(['status:27400']);
    expect(p.logs.text()).not.to.include('test-api-key');
  });

  it('ignores a non-approver\u2019s approve (answering once) and takes an approver\u2019s in the thread', async () => {
    const { t, opening, interest, details } = leipzig();
    for (const d of [...opening, ...interest, ...details]) await p.deliver(d);
    await p.settle();
    await p.deliver(t.reply(lukas, 'approve').delivery);
    await p.deliver(t.reply(lukas, 'Approve! please').delivery);
    await p.settle();
    expect((await p.proposal(27400))!.state).to.equal('awaiting_approval');
    const answers = p.forum.postsIn(27400).filter((x) => x.raw.includes('meetup-companion:answer'));
    expect(answers).to.have.length(1);
    expect(answers[0]!.raw).to.include('`lukas_b`').and.not.include('@lukas_b');

    await p.deliver(t.reply(kai, 'Approve: welcome, Leipzig!').delivery);
    await p.settle();
    expect((await p.proposal(27400))!.state).to.equal('opened');
    expect(
      p.forum.calls.filter((c) => route(c) === 'GET /u/mod_kai.json'),
      'membership asked of the forum',
    ).to.have.length(1);
  });

  it('adopts a category of the same name instead of making a second one, also after a 422', async () => {
    const { t, opening, interest, details } = leipzig();
    for (const d of [...opening, ...interest, ...details]) await p.deliver(d);
    await p.settle();
    // Someone creates it by hand between our look-up (the second read of the tree) and our create: the forum answers 422.
    const original = p.forum.categories.length;
    const handMade = { id: 333, name: 'Mautic Meetup Leipzig', slug: 'leipzig', parent_category_id: 7 };
    const realList = p.client.listCategories.bind(p.client);
    let lists = 0;
    p.client.listCategories = async () => {
      lists += 1;
      const seen = await realList();
      if (lists === 2) p.forum.categories.push(handMade);
      return seen;
    };
    await p.deliver(t.reply(kai, 'approve').delivery);
    await p.settle();
    expect(p.forum.categories).to.have.length(original + 1);
    expect(
      p.forum.writes().filter((c) => route(c) === 'POST /categories.json'),
      'one try, answered 422, then a look-up',
    ).to.have.length(1);
    expect((await p.proposal(27400))!.category!.id).to.equal(333);
    expect((await p.proposal(27400))!.state).to.equal('opened');
  });
});

describe('acting on the forum: nothing users wrote comes alive in what the service writes', function () {
  this.timeout(20_000);
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  for (const language of ['en', 'de', 'pl']) {
    it(`keeps mentions, images, links and HTML inert in the status post, the prompt, the description and the announcement (thread in ${language})`, async () => {
      nock.disableNetConnect();
      const p = new Pipeline({
        publicUrl: 'https://companion.example.test',
        rules: (r) => ({
          ...r,
          statusPost: { ...r.statusPost, createWhen: 'first_post' },
          texts: { ...r.texts, countryCategories: { Germany: { language } } },
        }),
      });
      p.forum.users.set('mod_kai', { username: 'mod_kai', moderator: true, groups: ['moderators'] });
      const hostile =
        'Leipzig @moderators @here ![x](https://evil.example/a.png) <script>alert(1)</script> [click](https://evil.example) <img src=x>';
      const t = new ThreadBuilder(27500, 'Mautic Meetup in Leipzig? @here <b>now</b>', jana, {
        start: '2026-11-30T09:00:00.000Z',
      });
      const template = `Region: ${hostile}\nOrganisers: me and @lukas_b\nVenue: Acme GmbH office @staff <img src=y> (office)\nLaunch: 2027-03-05\nMonthly: first Friday of each month at 18:00`;
      for (const d of [
        t.created(),
        t.reply(jana, template).delivery,
        t.reply(lukas, 'Count me in, I co-organise. @moderators').delivery,
      ])
        await p.deliver(d);
      await p.settle();
      await p.deliver(t.reply(kai, 'approve').delivery);
      await p.settle();
      const written = p.forum.writes().map((c) => String(c.body.raw ?? c.body.post?.raw ?? c.body.name ?? ''));
      expect(written.length).to.be.greaterThan(4);
      for (const text of written) {
        const outsideCode = text.replace(/```text\n[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
        const mentions = outsideCode.match(/(^|[^\w\u200b])@[\w.-]+/g) ?? [];
        for (const m of mentions) expect(['@jana.schmidt', '@lukas_b']).to.include(m.trim().replace(/^[^@]*/, ''));
        expect(outsideCode).not.to.match(/<script|<img|!\[|evil\.example|<b>/i);
        expect(text.length).to.be.lessThan(6000);
      }
      expect((await p.proposal(27500))!.language).to.equal(language);
      await p.close();
    });
  }
});

describe('acting on the forum: dry run', function () {
  this.timeout(20_000);
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('reads from the forum, sends no write, and shows what it would have done', async () => {
    nock.disableNetConnect();
    const p = new Pipeline({ dryRun: true });
    p.forum.readOnly = true;
    p.forum.users.set('mod_kai', { username: 'mod_kai', moderator: true, groups: ['moderators'] });
    const { t, opening, interest, details } = leipzig();
    for (const d of [...opening, ...interest, ...details]) await p.deliver(d);
    await p.settle();
    await p.deliver(t.reply(kai, 'approve').delivery);
    await p.settle();
    expect(p.forum.calls.length).to.be.greaterThan(0);
    expect(p.forum.calls.filter((c) => c.method !== 'GET')).to.deep.equal([]);
    const proposal = (await p.proposal(27400))!;
    expect(proposal.plannedWrites!.map((w) => `${w.key} ${w.method} ${w.path}`).sort()).to.deep.equal([
      'category:27400 POST /categories.json',
      'prompt:27400:1 POST /posts.json',
      'status:27400 POST /posts.json',
    ]);
    expect(proposal.plannedWrites!.find((w) => w.key === 'category:27400')!.body).to.deep.include({
      name: 'Mautic Meetup Leipzig',
      parent_category_id: 7,
    });
    expect(proposal.state).to.equal('approved');
    expect(p.logs.text()).to.include('dry run: write not sent');
    await p.close();
  });
});
