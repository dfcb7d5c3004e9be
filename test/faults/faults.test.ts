import { join } from 'node:path';
import { expect } from 'chai';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { STATUS_MARKER } from '../../src/texts/status-post.js';
import { Cluster, shuffle, sleep, type Delivery } from './cluster.js';

/**
 * reliability.md §6, against real processes: service processes sharing a private Redis
 * and one store, the stand-in forum over HTTP. Each test names the fault and checks the
 * forum's final writes and the proposals, never the logs.
 */
describe('faults (reliability.md §6), with real processes', function () {
  this.timeout(180_000);
  let c: Cluster;

  afterEach(async () => {
    await c?.close();
  });

  /** A proposal thread on the stand-in forum: an author and people who say they are in. */
  function thread(town: string, fans: string[]): number {
    const author = `author_${town.toLowerCase()}`;
    c.forum.addUser({ id: 10_000 + c.forum.users.size, username: author });
    const { topicId } = c.forum.createTopic(
      author,
      `Mautic Meetup in ${town}?`,
      `Who would like a Mautic meetup in ${town}?`,
    );
    for (const fan of fans) {
      if (!c.forum.users.has(fan)) c.forum.addUser({ id: 20_000 + c.forum.users.size, username: fan });
      c.forum.reply(fan, topicId, 'Count me in!');
    }
    return topicId;
  }

  const statusPosts = (topicId: number) => c.written(topicId, STATUS_MARKER);
  const forumRequests = () => `the forum was asked: ${c.forum.requests.map((r) => `${r.method} ${r.url}`).join(', ')}`;
  const proposal = async (topicId: number) => (await c.proposals()).find((p) => p.topicId === topicId)!;

  it('#1 #2 the same delivery 10 times at once to two processes, then as an automatic retry with a new event id: one job, one status post', async () => {
    c = await Cluster.start();
    await c.spawn('a');
    await c.spawn('b');
    const topicId = thread('Leipzig', ['marta']);
    const [created, first, reply] = c.take() as [Delivery, Delivery, Delivery];
    for (const d of [created, first]) expect(await c.send(d)).to.equal(202);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => c.send(reply, i % 2 ? 'a' : 'b')));
    // With Redis the answer cannot tell a duplicate cheaply (the job id makes it one job); every answer is a 2xx.
    expect(answers.every((s) => s === 202 || s === 200)).to.equal(true);
    expect([200, 202]).to.include(await c.send(reply, 'a', { 'X-Discourse-Event-Id': '999999' }));
    await c.settle();
    // Once in a full-suite run the queue read empty before the post was made: wait for it, then look for a second.
    for (let i = 0; i < 300 && statusPosts(topicId) === 0; i++) await sleep(50);
    await c.settle();
    // It failed once in a full local run (2026-12-03) with its message lost: the forum's requests say what happened.
    expect(statusPosts(topicId), forumRequests()).to.equal(1);
    expect((await proposal(topicId)).interested, forumRequests()).to.deep.equal(['author_leipzig', 'marta']);
  });

  it('#6 a worker SIGKILLed after the forum made the status post and before the record: another worker finds the post, no duplicate', async () => {
    c = await Cluster.start();
    await c.spawn('a');
    const topicId = thread('Leipzig', ['marta']);
    // The forum creates the post, then never answers: the worker is killed while it waits.
    c.forum.fail('POST', /^\/posts\.json$/, 'after:hang');
    for (const d of c.take()) expect(await c.send(d)).to.equal(202);
    for (let i = 0; i < 600 && !c.forum.requests.some((r) => r.method === 'POST' && r.url === '/posts.json'); i++)
      await sleep(25);
    expect(statusPosts(topicId), 'the post landed').to.equal(1);
    expect(await c.kill('a', 'SIGKILL')).to.equal(null);

    await c.spawn('b');
    c.forum.addUser({ id: 30_001, username: 'tomasz' });
    c.forum.reply('tomasz', topicId, 'Count me in too!');
    for (const d of c.take()) expect(await c.send(d)).to.equal(202);
    await c.settle();
    await sleep(4000); // the dead run's lease (3 s) runs out; the deferred run takes over
    await c.settle();
    const p = await proposal(topicId);
    expect(statusPosts(topicId)).to.equal(1);
    expect(p.statusPostId).to.equal(c.forum.postsIn(topicId).find((x) => x.raw.includes(STATUS_MARKER))!.id);
    expect(c.forum.postsIn(topicId).find((x) => x.raw.includes(STATUS_MARKER))!.raw).to.include('3 people: ');
  });

  it('#7 SIGTERM during a job whose forum call hangs: the process exits 0, and the restarted worker makes the post once', async () => {
    c = await Cluster.start();
    await c.spawn('a');
    const topicId = thread('Leipzig', ['marta']);
    c.forum.fail('POST', /^\/posts\.json$/, 'hang');
    for (const d of c.take()) expect(await c.send(d)).to.equal(202);
    for (let i = 0; i < 600 && !c.forum.requests.some((r) => r.method === 'POST' && r.url === '/posts.json'); i++)
      await sleep(25);
    expect(await c.kill('a', 'SIGTERM')).to.equal(0);
    expect(statusPosts(topicId)).to.equal(0);
    await c.spawn('b');
    await c.settle();
    for (let i = 0; i < 100 && statusPosts(topicId) === 0; i++) await sleep(100);
    await c.settle();
    expect(statusPosts(topicId)).to.equal(1);
  });

  it('#9 #8 Redis restarted in the middle of a burst: every delivery answered 202 is processed, those answered 503 are sent again, nothing is lost or doubled', async () => {
    c = await Cluster.start();
    await c.spawn('a');
    await c.spawn('b');
    const towns = ['Leipzig', 'Dresden', 'Bremen', 'Kiel', 'Mainz'];
    const fans = Array.from({ length: 12 }, (_, i) => `fan${i}`);
    const topics = towns.map((t) => thread(t, fans));
    const deliveries = c.take();
    const answers = new Map<Delivery, number>();
    let restarted: Promise<void> | null = null;
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = lane; i < deliveries.length; i += 4) {
          if (i === Math.floor(deliveries.length / 2) && !restarted) {
            restarted = (async () => {
              await c.redis.stop('SIGTERM');
              await sleep(1500);
              await c.redis.resume();
            })();
          }
          const started = Date.now();
          answers.set(deliveries[i]!, await c.send(deliveries[i]!));
          expect(Date.now() - started, '503 comes fast, never a hang').to.be.below(5000);
        }
      }),
    );
    await restarted;
    const refused = deliveries.filter((d) => answers.get(d) !== 202 && answers.get(d) !== 200);
    expect(answers.size).to.equal(deliveries.length);
    // The forum's retry (or reconciliation) sends what was refused again, once Redis is back.
    for (const d of refused) {
      let status = 0;
      for (let tries = 0; tries < 40 && status !== 202 && status !== 200; tries++) {
        status = await c.send(d);
        if (status !== 202 && status !== 200) await sleep(250);
      }
      expect(status).to.be.oneOf([200, 202]);
    }
    await c.settle(120_000);
    for (const [i, topicId] of topics.entries()) {
      expect((await proposal(topicId)).interested, towns[i]).to.deep.equal([
        `author_${towns[i]!.toLowerCase()}`,
        ...fans,
      ]);
      expect(statusPosts(topicId), towns[i]).to.equal(1);
    }
  });

  it('in-process, the one process SIGKILLed right after answering a burst: after a restart every delivery answered 202 is processed, once', async () => {
    const towns = ['Leipzig', 'Dresden', 'Bremen'];
    const fans = Array.from({ length: 12 }, (_, i) => `fan${i}`);
    let topics: number[] = [];
    let waiting = 0;
    // The kill must catch acknowledged deliveries still in the intake, where only the synced
    // write keeps them. The answers go first (the ingest gate), so it nearly always does; on a
    // slow machine the process may have moved everything in the moment between the last
    // answer and the kill, and that run has not injected the fault: it is set up again.
    for (let attempt = 1; attempt <= 5 && waiting === 0; attempt++) {
      if (attempt > 1) await c.close();
      c = await Cluster.start();
      await c.spawn('solo', { redis: false });
      topics = towns.map((t) => thread(t, fans));
      const answers = await Promise.all(c.take().map((d) => c.send(d, 'solo')));
      expect(answers.filter((a) => a !== 202)).to.deep.equal([]);
      expect(await c.kill('solo', 'SIGKILL')).to.equal(null);
      const store = new EmbeddedStore(join(c.dir, 'data'));
      waiting = await store.intake.count();
      await store.close();
    }
    expect(waiting, 'deliveries left in the intake by the crash, in one of 5 tries').to.be.above(0);

    await c.spawn('again', { redis: false });
    await c.settle(120_000);
    for (const [i, topicId] of topics.entries()) {
      expect((await proposal(topicId)).interested, towns[i]).to.deep.equal([
        `author_${towns[i]!.toLowerCase()}`,
        ...fans,
      ]);
      expect(statusPosts(topicId), towns[i]).to.equal(1);
    }
  });

  it('#11 #12 #13 the forum answers 500, resets after creating, hangs after creating, and asks to wait 2 s: exactly one post each, and no call before the wait is over', async () => {
    c = await Cluster.start();
    await c.spawn('a');
    const leipzig = thread('Leipzig', ['marta']);
    c.forum.fail('POST', /^\/posts\.json$/, 500);
    c.forum.fail('POST', /^\/posts\.json$/, 'after:reset');
    for (const d of c.take()) expect(await c.send(d)).to.equal(202);
    await c.settle();
    for (let i = 0; i < 200 && statusPosts(leipzig) === 0; i++) await sleep(50);
    await c.settle();
    expect(statusPosts(leipzig), 'after a 500 and a reset that landed').to.equal(1);

    const dresden = thread('Dresden', ['marta']);
    c.forum.fail('POST', /^\/posts\.json$/, 'after:hang');
    for (const d of c.take()) expect(await c.send(d)).to.equal(202);
    for (let i = 0; i < 200 && statusPosts(dresden) === 0; i++) await sleep(50);
    await sleep(3000); // the client's 2 s timeout, then the retry looks first
    await c.settle();
    expect(statusPosts(dresden), 'after a create that landed and hung').to.equal(1);

    c.forum.fail('PUT', /^\/posts\/\d+\.json$/, 429, 1, 2);
    c.forum.addUser({ id: 30_001, username: 'tomasz' });
    c.forum.reply('tomasz', leipzig, 'Count me in as well!');
    c.forum.requests.length = 0;
    for (const d of c.take()) expect(await c.send(d)).to.equal(202);
    for (let i = 0; i < 100 && c.forum.requests.filter((r) => r.method === 'PUT').length < 2; i++) await sleep(100);
    await c.settle();
    const puts = c.forum.requests.filter((r) => r.method === 'PUT');
    expect(puts).to.have.length(2);
    const at = (r: (typeof puts)[number]) => c.forum.requests.indexOf(r);
    const after429 = c.forum.requests.slice(at(puts[0]!) + 1);
    expect(after429.every((r) => r === puts[1] || r.method === 'GET')).to.equal(true);
    expect(c.forum.postsIn(leipzig).find((x) => x.raw.includes(STATUS_MARKER))!.raw).to.include('3 people: ');
  });

  it('four workers, 2,000 shuffled and partly duplicated deliveries over 100 threads: the in-order result, and each effect exactly once', async () => {
    c = await Cluster.start();
    for (const name of ['w1', 'w2', 'w3', 'w4']) await c.spawn(name);
    const expected = new Map<number, string[]>();
    for (let t = 0; t < 100; t++) {
      const proposalThread = t % 5 === 0;
      const author = `member${t}`;
      c.forum.addUser({ id: 40_000 + t, username: author });
      const { topicId } = c.forum.createTopic(
        author,
        proposalThread ? `Mautic Meetup in Town ${t}?` : `Question ${t} about segments`,
        proposalThread ? `Who would like a Mautic meetup in Town ${t}?` : 'How do segments refresh?',
      );
      const people: string[] = [author];
      for (let r = 0; r < 17; r++) {
        const who = `p${(t * 7 + r) % 60}`;
        if (!c.forum.users.has(who)) c.forum.addUser({ id: 50_000 + c.forum.users.size, username: who });
        // Some people say they are in, then change their mind later in the thread.
        const out = r % 6 === 5 && people.includes(`p${(t * 7 + r - 3) % 60}`);
        const text = out ? 'Sorry, count me out, I cannot make it.' : 'Count me in!';
        c.forum.reply(out ? `p${(t * 7 + r - 3) % 60}` : who, topicId, text);
        if (out) people.splice(people.indexOf(`p${(t * 7 + r - 3) % 60}`), 1);
        else if (!people.includes(who)) people.push(who);
      }
      if (proposalThread) expected.set(topicId, people);
    }
    const inOrder = c.take();
    expect(inOrder.length).to.be.at.least(1800);
    const duplicated = [...inOrder, ...inOrder.filter((_, i) => i % 10 === 0)];
    const mixed = shuffle(duplicated, 42);
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < mixed.length) statuses.push(await c.send(mixed[next++]!));
      }),
    );
    expect(statuses.every((s) => s === 202 || s === 200)).to.equal(true);
    await c.settle(150_000);
    await sleep(2000);
    await c.settle(60_000);

    const proposals = await c.proposals();
    expect(proposals.map((p) => p.topicId).sort()).to.deep.equal([...expected.keys()].sort());
    for (const [topicId, people] of expected) {
      const p = proposals.find((x) => x.topicId === topicId)!;
      expect(p.interested, `topic ${topicId}`).to.have.members(people);
      expect(statusPosts(topicId), `status posts in ${topicId}`).to.equal(1);
      const text = c.forum.postsIn(topicId).find((x) => x.raw.includes(STATUS_MARKER))!.raw;
      expect(text, `status post of ${topicId} shows the final count`).to.include(`${people.length} people: `);
    }
    const creates = c.forum.requests.filter((r) => r.method === 'POST' && r.url === '/posts.json');
    expect(creates).to.have.length(expected.size);
  });
});
