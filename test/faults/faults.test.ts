import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { STATUS_MARKER } from '../../src/texts/status-post.js';
import type { EffectRecord } from '../../src/store/types.js';
import { PrivateMongo, testMongoUri, withoutMongo } from '../support/mongodb.js';
import { freePort, PrivateRedis } from '../support/redis.js';
import { Cluster, shuffle, sleep, type Delivery, type Topology } from './cluster.js';

const TOPOLOGIES: Array<{ topology: Topology; title: string }> = [
  { topology: 'in-process', title: 'in-process: one process, the embedded store' },
  { topology: 'procfile', title: 'Procfile: one web and two worker processes on Redis and MongoDB' },
];

/**
 * docs/spec/reliability.md §6, against real processes, in both deployments: one process on its
 * data directory, and the Procfile's web and workers sharing Redis and MongoDB. Each test
 * names the fault and checks the forum's final writes and the proposals, never the logs.
 */
for (const { topology, title } of TOPOLOGIES) {
  describe(`faults (docs/spec/reliability.md §6), ${title}`, function () {
    this.timeout(240_000);
    const mongo = testMongoUri();
    if (topology === 'procfile' && !mongo) {
      withoutMongo();
      return;
    }
    let c: Cluster;
    const procfile = topology === 'procfile';

    afterEach(async () => {
      await c?.close();
    });

    const start = (rules?: Record<string, unknown>) => Cluster.start(topology, { mongo, rules });

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
    const forumRequests = () =>
      `the forum was asked: ${c.forum.requests.map((r) => `${r.method} ${r.url}`).join(', ')}\n${c.complaints()}`;
    const proposal = async (topicId: number) => (await c.proposals()).find((p) => p.topicId === topicId)!;
    const postCreated = () => c.forum.requests.some((r) => r.method === 'POST' && r.url === '/posts.json');

    /** The status post's effect record as the store holds it, read once its holder is dead. */
    async function statusRecord(topicId: number): Promise<EffectRecord | null> {
      if (procfile) return c.effect(`status:${topicId}`);
      const store = new EmbeddedStore(join(c.dir, 'data'));
      try {
        return (await store.effects.get(`status:${topicId}`))?.value ?? null;
      } finally {
        await store.close();
      }
    }

    /** Sends every delivery answered with something other than 202/200 again, as the forum's retry would. */
    async function resendRefused(answers: Map<Delivery, number>): Promise<void> {
      for (const [d, answer] of answers) {
        let status = answer;
        for (let tries = 0; tries < 60 && status !== 202 && status !== 200; tries++) {
          status = await c.send(d);
          if (status !== 202 && status !== 200) await sleep(250);
        }
        expect(status, 'a refused delivery is taken when sent again').to.be.oneOf([200, 202]);
      }
    }

    /** Sends `deliveries` over four lanes; `during` runs once, when half of them are sent. */
    async function burst(deliveries: Delivery[], during: () => Promise<void>): Promise<Map<Delivery, number>> {
      const answers = new Map<Delivery, number>();
      const fault: Array<Promise<void>> = [];
      await Promise.all(
        [0, 1, 2, 3].map(async (lane) => {
          for (let i = lane; i < deliveries.length; i += 4) {
            if (i >= Math.floor(deliveries.length / 2) && fault.length === 0) fault.push(during());
            const answer = await c.send(deliveries[i]!);
            // 0: no answer before the sender gave up (Cluster.send), which a forum counts as a failed delivery.
            expect(answer, 'an answer, a 503 at worst, never a hang').not.to.equal(0);
            answers.set(deliveries[i]!, answer);
          }
        }),
      );
      await Promise.all(fault);
      expect(answers.size).to.equal(deliveries.length);
      return answers;
    }

    async function expectEveryFanOnce(towns: string[], topics: number[], fans: string[]): Promise<void> {
      for (const [i, topicId] of topics.entries()) {
        // deep.equal: each person once, in forum order; a delivery processed twice changes nothing.
        expect((await proposal(topicId)).interested, towns[i]).to.deep.equal([
          `author_${towns[i]!.toLowerCase()}`,
          ...fans,
        ]);
        expect(statusPosts(topicId), towns[i]).to.equal(1);
        expect(
          c.forum.postsIn(topicId).find((x) => x.raw.includes(STATUS_MARKER))!.raw,
          `${towns[i]}: the status post shows the final count`,
        ).to.include(`${fans.length + 1} people: `);
      }
    }

    it('#1 #2 the same delivery 10 times at once, then as an automatic retry with a new event id: one job, one status post', async () => {
      c = await start();
      await c.boot();
      const topicId = thread('Leipzig', ['marta']);
      const [created, first, reply] = c.take() as [Delivery, Delivery, Delivery];
      for (const d of [created, first]) expect(await c.send(d)).to.equal(202);
      const answers = await Promise.all(Array.from({ length: 10 }, () => c.send(reply)));
      // With Redis the answer cannot tell a duplicate cheaply (the job id makes it one job); every answer is a 2xx.
      expect(answers.every((s) => s === 202 || s === 200)).to.equal(true);
      expect([200, 202]).to.include(await c.send(reply, undefined, { 'X-Discourse-Event-Id': '999999' }));
      await c.settle();
      // The queue can read empty just before the effects run that makes the post: wait for it, then look for a second.
      for (let i = 0; i < 1200 && statusPosts(topicId) === 0; i++) await sleep(50);
      await sleep(1500);
      await c.settle();
      expect(statusPosts(topicId), forumRequests()).to.equal(1);
      expect((await proposal(topicId)).interested, forumRequests()).to.deep.equal(['author_leipzig', 'marta']);
    });

    it('#6 a worker SIGKILLed while it holds the status post’s lease, after the forum made the post and before the record: the next one finds the post, no duplicate', async () => {
      // A lease and a forum timeout long enough to start the second worker while the first waits.
      c = await start({ effects: { leaseSeconds: 10 }, forum: { requestTimeoutSeconds: 10 } });
      if (procfile) {
        await c.spawn('web', 'web');
        await c.spawn('w1', 'worker');
      } else await c.spawn('solo');
      const topicId = thread('Leipzig', ['marta']);
      // The forum creates the post, then never answers: the worker is killed while it waits.
      c.forum.fail('POST', /^\/posts\.json$/, 'after:hang');
      for (const d of c.take()) expect(await c.send(d)).to.equal(202);
      for (let i = 0; i < 2400 && !postCreated(); i++) await sleep(25);
      expect(statusPosts(topicId), `the post landed; ${forumRequests()}`).to.equal(1);
      // The second worker is up before the first dies, as on a platform that runs two.
      if (procfile) await c.spawn('w2', 'worker');
      expect(await c.kill(procfile ? 'w1' : 'solo', 'SIGKILL')).to.equal(null);
      const held = await statusRecord(topicId);
      expect(held, 'the dead worker’s record').to.deep.include({ state: 'started', result: null });
      expect(held!.owner, 'the dead worker held the lease').to.be.a('string');
      // A lease given back is 0; one held runs from when it was taken.
      expect(held!.leaseUntil, 'its lease was never given back').to.be.above(Date.parse(held!.startedAt));

      if (!procfile) await c.spawn('solo-again');
      c.forum.addUser({ id: 30_001, username: 'tomasz' });
      c.forum.reply('tomasz', topicId, 'Count me in too!');
      for (const d of c.take()) expect(await c.send(d)).to.equal(202);
      await c.settle();
      await sleep(Math.max(0, held!.leaseUntil - Date.now()) + 2000); // the dead run's lease runs out; the deferred run takes over
      await c.settle();
      for (let i = 0; i < 600 && !(await proposal(topicId)).statusPostId; i++) await sleep(100);
      const p = await proposal(topicId);
      expect(statusPosts(topicId), forumRequests()).to.equal(1);
      expect(p.statusPostId).to.equal(c.forum.postsIn(topicId).find((x) => x.raw.includes(STATUS_MARKER))!.id);
      expect(c.forum.postsIn(topicId).find((x) => x.raw.includes(STATUS_MARKER))!.raw).to.include('3 people: ');
    });

    it('a worker SIGKILLed during the periodic check, holding a reminder whose post landed: after a restart every reminder and check-in is written once', async () => {
      c = await start({
        effects: { leaseSeconds: 5 },
        forum: { requestTimeoutSeconds: 10 },
        lifecycle: { proposalReminderAfter: 'P3650D', meetupQuietAfter: 'P3650D', meetupDormantAfter: 'P3650D' },
        overview: { enabled: false },
      });
      // First the threads and their status posts, with nothing due yet.
      if (procfile) {
        await c.spawn('web', 'web');
        await c.spawn('w1', 'worker');
      } else await c.spawn('solo');
      const topics = ['Leipzig', 'Dresden', 'Erfurt'].map((town) => thread(town, ['marta']));
      for (const d of c.take()) expect(await c.send(d)).to.equal(202);
      await c.settle();
      for (const t of topics) expect(statusPosts(t), forumRequests()).to.equal(1);
      await c.kill(procfile ? 'w1' : 'solo', 'SIGTERM');

      // Then every thread is quiet, and so is the meetup: the next processes check every second.
      const rules = JSON.parse(readFileSync(c.configFile, 'utf8')) as Record<string, Record<string, unknown>>;
      rules.lifecycle = {
        proposalReminderAfter: 'PT1S',
        meetupQuietAfter: 'PT1S',
        meetupDormantAfter: 'P3650D',
        checkEvery: 'PT1S',
      };
      writeFileSync(c.configFile, JSON.stringify(rules));
      const reminders = () => topics.map((t) => c.written(t, `<!-- meetup-companion:reminder:${t}:1 -->`));
      const checkins = () =>
        [...c.forum.topics.values()].filter((t) => c.written(t.id, '<!-- meetup-companion:checkin:90:1 -->')).length;
      c.forum.requests.length = 0;
      // The forum makes the first of the check's posts, then never answers: the worker dies waiting.
      c.forum.fail('POST', /^\/posts\.json$/, 'after:hang');
      const workers = procfile ? ['w2', 'w3'] : ['solo-2'];
      for (const w of workers) await c.spawn(w, procfile ? 'worker' : 'all');
      for (let i = 0; i < 2400 && !postCreated(); i++) await sleep(25);
      // The hung post landed; on the Procfile the other worker may have written others meanwhile.
      expect(reminders().reduce((a, b) => a + b, 0) + checkins(), `a post landed; ${forumRequests()}`).to.be.at.least(
        1,
      );
      for (const w of workers) expect(await c.kill(w, 'SIGKILL')).to.equal(null);

      await c.spawn(procfile ? 'w4' : 'solo-3', procfile ? 'worker' : 'all');
      for (let i = 0; i < 1200 && (reminders().some((n) => n === 0) || checkins() === 0); i++) await sleep(50);
      await sleep(3000); // two more checks: a second reminder or check-in would show by now
      await c.settle();
      expect(reminders(), `one reminder in each thread; ${forumRequests()}`).to.deep.equal([1, 1, 1]);
      expect(checkins(), 'one check-in for the quiet meetup').to.equal(1);
      for (const t of topics) expect((await proposal(t)).reminders).to.equal(1);
    });

    it('#7 SIGTERM during a job whose forum call hangs: the process exits 0, and the next worker makes the post once', async () => {
      c = await start();
      if (procfile) {
        await c.spawn('web', 'web');
        await c.spawn('w1', 'worker');
      } else await c.spawn('solo');
      const topicId = thread('Leipzig', ['marta']);
      c.forum.fail('POST', /^\/posts\.json$/, 'hang');
      for (const d of c.take()) expect(await c.send(d)).to.equal(202);
      for (let i = 0; i < 2400 && !postCreated(); i++) await sleep(25);
      expect(await c.kill(procfile ? 'w1' : 'solo', 'SIGTERM')).to.equal(0);
      expect(statusPosts(topicId)).to.equal(0);
      await c.spawn(procfile ? 'w2' : 'solo-again');
      await c.settle();
      for (let i = 0; i < 600 && statusPosts(topicId) === 0; i++) await sleep(100);
      await sleep(1500);
      await c.settle();
      expect(statusPosts(topicId), forumRequests()).to.equal(1);
    });

    it('Redis SIGKILLed while a job is in hand, then SIGTERM: every process exits within its stop time, and after Redis is back the next one makes the post once', async () => {
      c = await start();
      const stopIn = { STOP_TIMEOUT_SECONDS: '2' };
      // One process on Redis too (npm start with REDIS_URL), with a Redis of the test's own.
      const redis = procfile
        ? c.redis!
        : await PrivateRedis.start({ dir: mkdirSync(join(c.dir, 'redis'), { recursive: true })! });
      const env = procfile ? stopIn : { ...stopIn, REDIS_URL: redis.url };
      try {
        const names = procfile ? ['web', 'w1'] : ['solo'];
        if (procfile) {
          await c.spawn('web', 'web', env);
          await c.spawn('w1', 'worker', env);
        } else await c.spawn('solo', 'all', env);
        const topicId = thread('Leipzig', ['marta']);
        c.forum.fail('POST', /^\/posts\.json$/, 'hang');
        for (const d of c.take()) expect(await c.send(d)).to.equal(202);
        for (let i = 0; i < 2400 && !postCreated(); i++) await sleep(25);
        expect(postCreated(), 'the status post’s job is in hand').to.equal(true);
        await redis.stop('SIGKILL');
        for (const name of names) {
          const output = () => c.procs.get(name)?.output ?? '';
          const exit = await exitWithin(name, 'SIGTERM', 30_000, output);
          expect(exit.code, `${name} exits on SIGTERM with Redis gone, rather than hang\n${exit.output}`).to.equal(0);
          expect(exit.output).to.include('stopping: finishing the jobs in hand');
        }
        expect(statusPosts(topicId)).to.equal(0);
        await redis.resume();
        if (procfile) {
          await c.spawn('web2', 'web', env);
          await c.spawn('w2', 'worker', env);
        } else await c.spawn('solo-again', 'all', env);
        await c.settle();
        for (let i = 0; i < 600 && statusPosts(topicId) === 0; i++) await sleep(100);
        await sleep(1500);
        await c.settle();
        expect(statusPosts(topicId), forumRequests()).to.equal(1);
      } finally {
        if (!procfile) await redis.stop();
      }
    });

    /** Sends `signal`; the exit code, or 'hung' if the process still runs after `ms`. */
    async function exitWithin(
      name: string,
      signal: NodeJS.Signals,
      ms: number,
      output: () => string,
    ): Promise<{ code: number | null | 'hung'; output: string }> {
      const proc = c.procs.get(name)!;
      proc.child.kill(signal);
      const code = await Promise.race([proc.exit, sleep(ms).then(() => 'hung' as const)]);
      const printed = output();
      if (code === 'hung') await c.kill(name, 'SIGKILL');
      else c.procs.delete(name);
      return { code, output: printed };
    }

    if (procfile) {
      it('#9 #8 Redis SIGKILLed in the middle of a burst: the outage is seen (answers 503), every delivery answered 202 is processed once, those refused are taken when sent again', async () => {
        c = await start();
        await c.boot();
        const towns = ['Leipzig', 'Dresden', 'Bremen', 'Kiel', 'Mainz'];
        const fans = Array.from({ length: 12 }, (_, i) => `fan${i}`);
        const topics = towns.map((t) => thread(t, fans));
        const answers = await burst(c.take(), async () => {
          await c.redis!.stop('SIGKILL');
          await sleep(1500);
          await c.redis!.resume();
        });
        const refused = [...answers.values()].filter((s) => s === 503).length;
        expect(refused, 'deliveries answered 503 while Redis was down: the outage hit the burst').to.be.above(0);
        expect([...answers.values()].every((s) => s === 202 || s === 503)).to.equal(true);
        await resendRefused(answers);
        await c.settle(120_000);
        await sleep(1500);
        await c.settle(60_000);
        await expectEveryFanOnce(towns, topics, fans);
      });

      it('MongoDB SIGKILLed in the middle of a burst and started again (a primary that goes away): every delivery answered 202 is processed once, one status post each', async () => {
        const own = await PrivateMongo.start();
        try {
          c = await Cluster.start(topology, { mongo: own.uri });
          await c.boot();
          const towns = ['Leipzig', 'Dresden', 'Bremen', 'Kiel', 'Mainz', 'Essen'];
          const fans = Array.from({ length: 14 }, (_, i) => `fan${i}`);
          const topics = towns.map((t) => thread(t, fans));
          let waitingAtKill = -1;
          const answers = await burst(c.take(), async () => {
            await own.kill();
            waitingAtKill = Number(/^meetup_companion_queue_depth (\S+)$/m.exec(await metrics())?.[1]);
            await sleep(1000);
            await own.resume();
          });
          // The web process stores deliveries in Redis: MongoDB's absence does not refuse them.
          expect([...answers.values()].filter((s) => s !== 202)).to.deep.equal([]);
          expect(waitingAtKill, 'deliveries waiting for the workers when MongoDB went away').to.be.above(0);
          await c.settle(180_000);
          await sleep(1500);
          await c.settle(60_000);
          await expectEveryFanOnce(towns, topics, fans);
        } finally {
          await c?.close();
          await own.stop();
        }
      });
    }

    async function metrics(): Promise<string> {
      const web = [...c.procs.values()].find((p) => p.port !== null)!;
      return (await fetch(`http://127.0.0.1:${web.port}/metrics`)).text();
    }

    if (!procfile) {
      it('the one process SIGKILLed right after answering a burst: after a restart every delivery answered 202 is processed, once', async () => {
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
          c = await start();
          await c.spawn('solo');
          topics = towns.map((t) => thread(t, fans));
          const answers = await Promise.all(c.take().map((d) => c.send(d, 'solo')));
          expect(answers.filter((a) => a !== 202)).to.deep.equal([]);
          expect(await c.kill('solo', 'SIGKILL')).to.equal(null);
          const store = new EmbeddedStore(join(c.dir, 'data'));
          waiting = await store.intake.count();
          await store.close();
        }
        expect(waiting, 'deliveries left in the intake by the crash, in one of 5 tries').to.be.above(0);

        await c.spawn('again');
        await c.settle(120_000);
        await expectEveryFanOnce(towns, topics, fans);
      });
    }

    it('#11 #12 #13 the forum answers 500, resets after creating, hangs after creating, and asks to wait 2 s: exactly one post each, and no call until the wait is over', async () => {
      c = await start();
      await c.boot();
      const leipzig = thread('Leipzig', ['marta']);
      c.forum.fail('POST', /^\/posts\.json$/, 500);
      c.forum.fail('POST', /^\/posts\.json$/, 'after:reset');
      for (const d of c.take()) expect(await c.send(d)).to.equal(202);
      await c.settle();
      for (let i = 0; i < 1200 && statusPosts(leipzig) === 0; i++) await sleep(50);
      await sleep(1500);
      await c.settle();
      expect(statusPosts(leipzig), 'after a 500 and a reset that landed').to.equal(1);

      const dresden = thread('Dresden', ['marta']);
      c.forum.fail('POST', /^\/posts\.json$/, 'after:hang');
      for (const d of c.take()) expect(await c.send(d)).to.equal(202);
      for (let i = 0; i < 1200 && statusPosts(dresden) === 0; i++) await sleep(50);
      await sleep(3000); // the client's 2 s timeout, then the retry looks first
      await c.settle();
      expect(statusPosts(dresden), 'after a create that landed and hung').to.equal(1);

      c.forum.fail('PUT', /^\/posts\/\d+\.json$/, 429, 1, 2);
      c.forum.addUser({ id: 30_001, username: 'tomasz' });
      c.forum.reply('tomasz', leipzig, 'Count me in as well!');
      c.forum.requests.length = 0;
      for (const d of c.take()) expect(await c.send(d)).to.equal(202);
      for (let i = 0; i < 600 && c.forum.requests.filter((r) => r.method === 'PUT').length < 2; i++) await sleep(100);
      await c.settle();
      const puts = c.forum.requests.filter((r) => r.method === 'PUT');
      expect(puts, forumRequests()).to.have.length(2);
      // Retry-After: 2. The forum refuses every call for those 2 s, as Discourse's limiter does: none came
      // in that time, and nothing at all came between the 429 and the retry, which was taken.
      expect(c.forum.refusedWithinRetryAfter, 'calls the forum refused for coming within the wait').to.equal(0);
      const [refused, retried] = puts.map((put) => c.forum.requests.indexOf(put)) as [number, number];
      expect(c.forum.requests.slice(refused + 1, retried)).to.deep.equal([]);
      expect(c.forum.postsIn(leipzig).find((x) => x.raw.includes(STATUS_MARKER))!.raw).to.include('3 people: ');
    });

    it(`${procfile ? 'two workers' : 'one process'}, 2,000 shuffled and partly duplicated deliveries over 100 threads: the in-order result, and each effect exactly once`, async () => {
      c = await start();
      await c.boot();
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
      await c.settle(200_000);
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
}

/** Backends that do not answer when a process starts: it refuses in one line naming the setting, and does not start. */
describe('faults at start: a backend that does not answer', function () {
  this.timeout(60_000);
  let c: Cluster;
  afterEach(async () => {
    await c?.close();
  });

  it('Redis down at start: npm start refuses in one line naming REDIS_URL, with its fix', async () => {
    c = await Cluster.start('in-process');
    const port = await freePort();
    const run = await c.refusal('all', { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(run.code).to.equal(1);
    expect(run.stdout, 'no "meetup-companion started"').to.equal('');
    expect(run.stderr).to.match(
      new RegExp(
        `^meetup-companion: cannot start: REDIS_URL: Redis at 127\\.0\\.0\\.1:${port} does not answer \\(connect ECONNREFUSED [^)]+\\)\\. Fix: start Redis, or correct REDIS_URL \\(without it, jobs run in this process\\)\n$`,
      ),
    );
  });

  it('MongoDB down at start: npm start refuses in one line naming MONGODB_URI, with its fix and no password', async () => {
    c = await Cluster.start('in-process');
    const port = await freePort();
    const run = await c.refusal('all', { MONGODB_URI: `mongodb://app:hunter2@127.0.0.1:${port}/meetups` });
    expect(run.code).to.equal(1);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.match(
      new RegExp(
        `^meetup-companion: cannot start: MONGODB_URI: MongoDB at 127\\.0\\.0\\.1:${port} does not answer \\(connect ECONNREFUSED [^)]+\\)\\. Fix: start MongoDB \\(a replica set\\), or correct MONGODB_URI\n$`,
      ),
    );
    expect(run.stderr).not.to.include('hunter2');
  });
});
