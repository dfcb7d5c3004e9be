/**
 * What people on the forum feel, in both deployments (bench/deploy.ts):
 *
 * - Reply to checklist: from the moment a reply's delivery is sent to the moment the stand-in
 *   forum receives the edit of that thread's status post, by the forum's own clock. On an idle
 *   service (one reply every 3 s, each in a thread quiet for longer than the window); during a
 *   busy forum's burst (10,000 deliveries of ordinary traffic, judged); and during the
 *   realistic burst below, whose own edits need minutes of the forum's budget (printed, not
 *   judged: the replies share that budget with them). And 50 replies in one thread as fast as
 *   they can be sent: how many edits they make.
 * - A realistic burst: 10,000 deliveries over 500 topics; 150 of them proposals (their status
 *   posts made beforehand) that each get four people interested and are then closed, so every
 *   one changes state (to withdrawn) during the burst. Forum calls per delivery, and the most
 *   the forum saw in any minute, against the budget (50).
 *
 * Set-up (the proposals' status posts) runs with a budget of 600 calls a minute; the service is
 * then restarted on the same data with the default 50, its window forgotten, and measured.
 */
import { STATUS_MARKER } from '../src/texts/status-post.js';
import { StandInForum, type SignedDelivery } from '../test/support/stand-in-forum.js';
import {
  API_KEY,
  benchMongo,
  deploy,
  drained,
  maxInAnyMinute,
  percentile,
  SECRET,
  sendAll,
  sleep,
  type Deployment,
  type Mode,
} from './deploy.js';
import { buildServers, burstVerdict, pinSelf, postDelivery } from './support.js';

const BUDGET = 50;
const WINDOW_S = 10;
const PROPOSALS = Number(process.env.BENCH_BURST_PROPOSALS ?? 150);
const TOPICS = 500;
const DELIVERIES = Number(process.env.BENCH_BURST_DELIVERIES ?? 10_000);
const PROBES = Number(process.env.BENCH_PROBES ?? 20);
const PROBE_EVERY_MS = 3000;
// Post ids and event ids of the busy forum's deliveries, apart from the realistic burst's.
const BUSY_OFFSET = 1_000_000;

export const CHECKLIST_BARS = { idleP99S: 2, burstP99S: WINDOW_S + 10, editsFor50: 2 };

type Delivery = Pick<SignedDelivery, 'body' | 'headers'>;

interface Thread {
  topicId: number;
  statusPostId: number;
}

let people = 0;
function person(forum: StandInForum, prefix: string): string {
  const username = `${prefix}${++people}`;
  forum.addUser({ id: 100_000 + people, username });
  return username;
}

/** A proposal thread with its author and one person interested: enough for a status post. */
function proposal(forum: StandInForum, town: string): number {
  const author = person(forum, 'organiser');
  const { topicId } = forum.createTopic(
    author,
    `Mautic Meetup in ${town}?`,
    `Who is up for a Mautic meetup in ${town}?`,
    {
      categoryId: 61,
    },
  );
  forum.reply(person(forum, 'fan'), topicId, 'Count me in!');
  return topicId;
}

function statusPostOf(forum: StandInForum, topicId: number): number | null {
  return (
    forum.postsIn(topicId).find((p) => p.username === forum.apiUsername && p.raw.includes(STATUS_MARKER))?.id ?? null
  );
}

/** The first edit of `postId` the forum received at or after `since` (epoch ms); null while there is none. */
function editAfter(forum: StandInForum, postId: number, since: number): number | null {
  const edit = forum.requests.find((r) => r.method === 'PUT' && r.url === `/posts/${postId}.json` && r.at >= since);
  return edit ? edit.at : null;
}

/** One reply in a quiet thread; resolves to the seconds until its status post was edited. */
async function probe(forum: StandInForum, d: Deployment, thread: Thread, timeoutMs: number): Promise<number> {
  forum.reply(person(forum, 'probe'), thread.topicId, 'Count me in, I will be there!');
  // What the forum recorded since: the reply, and the deliveries of the service's own edits.
  const recorded = forum.takeRecorded(SECRET);
  const sent = Date.now();
  await sendAll(d.port, recorded, 1);
  for (const until = sent + timeoutMs; Date.now() < until; await sleep(20)) {
    const at = editAfter(forum, thread.statusPostId, sent);
    if (at !== null) return (at - sent) / 1000;
  }
  return Infinity;
}

async function probes(forum: StandInForum, d: Deployment, threads: Thread[], timeoutMs: number): Promise<number[]> {
  return Promise.all(
    threads.map(async (t, i) => {
      await sleep(i * PROBE_EVERY_MS);
      return probe(forum, d, t, timeoutMs);
    }),
  );
}

/** Spreads `few` evenly through `many`, keeping the order of each. */
function interleave<T>(many: T[], few: T[]): T[] {
  const out: T[] = [];
  const step = many.length / Math.max(1, few.length);
  let k = 0;
  for (let i = 0; i < many.length; i++) {
    while (k < few.length && k * step <= i) out.push(few[k++]!);
    out.push(many[i]!);
  }
  while (k < few.length) out.push(few[k++]!);
  return out;
}

const fmt = (s: number) => (Number.isFinite(s) ? s.toFixed(2) : 'none');

async function run(mode: Mode, mongoUri: string | null) {
  // Stamped at the service's own time: a forum whose posts are weeks old would have its threads reminded.
  const forum = new StandInForum({ apiKey: API_KEY, clock: () => Date.now() });
  const forumUrl = await forum.start();
  forum.dropDeliveries = true;
  forum.hookTo('http://127.0.0.1:9/recorded-not-sent', SECRET);
  const d = await deploy({
    mode,
    forumUrl,
    mongoUri,
    workers: 1,
    coalesceSeconds: WINDOW_S,
    rules: { forum: { requestsPerMinute: 600 } },
  });
  try {
    // Set-up: every thread to be measured has its status post.
    const probeThreads = Array.from({ length: PROBES }, (_, i) => proposal(forum, `Probe ${i}`));
    const hot = proposal(forum, 'Hotspot');
    const burstThreads = Array.from({ length: PROPOSALS }, (_, i) => proposal(forum, `Town ${i}`));
    await sendAll(d.port, forum.takeRecorded(SECRET), 20);
    const all = [...probeThreads, hot, ...burstThreads];
    for (let i = 0; i < 1200 && all.some((t) => statusPostOf(forum, t) === null); i++) await sleep(250);
    if (all.some((t) => statusPostOf(forum, t) === null)) throw new Error('set-up: status posts missing');
    await drained(d.port);
    // The service's own posts come back as deliveries, as from a real forum.
    await sendAll(d.port, forum.takeRecorded(SECRET), 20);
    await drained(d.port);
    await d.restart({ forum: { requestsPerMinute: BUDGET } });
    await d.resetBudget();
    const threads = (ids: number[]) => ids.map((topicId) => ({ topicId, statusPostId: statusPostOf(forum, topicId)! }));
    await sleep(WINDOW_S * 1000 + 1000);

    // Idle: one reply every 3 s, each in a quiet thread.
    const idle = await probes(forum, d, threads(probeThreads), 60_000);
    await drained(d.port);

    // 50 replies in one thread, as fast as they go.
    const [hotThread] = threads([hot]);
    for (let i = 0; i < 50; i++) forum.reply(person(forum, 'crowd'), hot, 'Count me in!');
    const hotSince = Date.now();
    await sendAll(d.port, forum.takeRecorded(SECRET), 5);
    await sleep(2 * WINDOW_S * 1000);
    await drained(d.port);
    const hotEdits = forum.requests.filter(
      (r) => r.method === 'PUT' && r.url === `/posts/${hotThread!.statusPostId}.json` && r.at >= hotSince,
    ).length;
    await sleep(WINDOW_S * 1000 + 1000);

    // A busy forum: 10,000 deliveries of ordinary traffic, probes every 3 s from its start.
    const busy = Array.from({ length: DELIVERIES }, (_, n) =>
      postDelivery(BUSY_OFFSET + n, TOPICS - PROPOSALS - PROBES - 1, SECRET),
    );
    const [, duringBusy] = await Promise.all([
      sendAll(d.port, busy, 100),
      probes(forum, d, threads(probeThreads), 20 * 60_000),
    ]);
    await drained(d.port);
    await sleep(WINDOW_S * 1000 + 1000);

    // BENCH_REALISTIC=0 stops here: the busy burst's bar alone.
    if (process.env.BENCH_REALISTIC === '0')
      return { mode, idle, duringBusy, during: [], burstEdits: 0, hotEdits, burst: null };

    // The realistic burst: the proposals' deliveries spread through 10,000, probes every 3 s from its start.
    const editsBefore = forum.requests.filter((r) => r.method === 'PUT').length;
    const proposalDeliveries: Delivery[] = [];
    for (const topicId of burstThreads) {
      for (let r = 0; r < 4; r++) forum.reply(person(forum, 'joiner'), topicId, 'Count me in, sounds great.');
      forum.close(topicId);
      proposalDeliveries.push(...forum.takeRecorded(SECRET));
    }
    const others: Delivery[] = [];
    for (let n = 0; others.length < DELIVERIES - proposalDeliveries.length; n++)
      others.push(postDelivery(n, TOPICS - PROPOSALS - PROBES - 1, SECRET));
    const burst = interleave(others, proposalDeliveries);
    const burstStart = Date.now();
    let takenS = 0;
    const [statuses, during] = await Promise.all([
      sendAll(d.port, burst, 100).then((s) => ((takenS = (Date.now() - burstStart) / 1000), s)),
      probes(forum, d, threads(probeThreads), 20 * 60_000),
    ]);
    await drained(d.port);
    // The proposals' last edits may wait for the budget in a job counted as active; let them land.
    for (
      let i = 0;
      i < 600 && burstThreads.some((t) => editAfter(forum, statusPostOf(forum, t)!, burstStart) === null);
      i++
    )
      await sleep(500);
    await drained(d.port);
    const drainedS = (Date.now() - burstStart) / 1000;
    const calls = forum.requests.filter((r) => r.at >= burstStart);
    return {
      mode,
      idle,
      duringBusy,
      during,
      burstEdits: forum.requests.filter((r) => r.method === 'PUT').length - editsBefore,
      hotEdits,
      burst: {
        sent: burst.length,
        non202: statuses.filter((s) => s !== 202).length,
        takenS,
        drainedS,
        calls: calls.length,
        perDelivery: calls.length / burst.length,
        maxPerMinute: maxInAnyMinute(calls.map((r) => r.at)),
        edited: burstThreads.filter((t) => editAfter(forum, statusPostOf(forum, t)!, burstStart) !== null).length,
      },
    };
  } finally {
    await d.close();
    await forum.stop();
  }
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  buildServers();
  pinSelf(1);
  const mongo = await benchMongo();
  const modes = (process.env.BENCH_MODES?.split(',') ?? ['in-process', 'Redis + MongoDB']) as Mode[];
  console.log(
    `reply to checklist: seconds from a reply's delivery to the edit of its thread's status post on the stand-in forum (window ${WINDOW_S} s, budget ${BUDGET} calls a minute)`,
  );
  console.log(
    `realistic burst: ${DELIVERIES.toLocaleString('en')} deliveries over ${TOPICS} topics, ${PROPOSALS} of them proposals that get 4 people each and are closed (withdrawn) during the burst, 100 connections`,
  );
  const verdicts: string[] = [];
  for (const mode of modes) {
    if (mode !== 'in-process' && mongo.uri === null) {
      console.log(`  ${mode}: skipped, ${mongo.why}`);
      continue;
    }
    const r = await run(mode, mongo.uri);
    const b = r.burst;
    const idle = { p50: percentile(r.idle, 50), p99: percentile(r.idle, 99) };
    const during = { p50: percentile(r.during, 50), p99: percentile(r.during, 99) };
    const busy = { p50: percentile(r.duringBusy, 50), p99: percentile(r.duringBusy, 99) };
    // The edits the realistic burst needs, at the budget, before every probe can be served.
    const floorS = (r.burstEdits / BUDGET) * 60;
    console.log(`  ${mode}`);
    console.log(
      `    reply to checklist, idle:        p50 ${fmt(idle.p50)} s, p99 ${fmt(idle.p99)} s (${r.idle.length} replies; ${r.idle.map(fmt).join(' ')})`,
    );
    console.log(
      `    reply to checklist, in a busy forum's burst: p50 ${fmt(busy.p50)} s, p99 ${fmt(busy.p99)} s (${r.duringBusy.length} replies)`,
    );
    if (!b) {
      console.log(`    50 replies in one thread: ${r.hotEdits} edits of its status post`);
      verdicts.push(
        `${mode}: reply to checklist p99 ${fmt(busy.p99)} s in a busy forum's burst (< ${CHECKLIST_BARS.burstP99S}: ${met(busy.p99 < CHECKLIST_BARS.burstP99S)}); the realistic burst not run (BENCH_REALISTIC=0)`,
      );
      continue;
    }
    console.log(
      `    reply to checklist, in the realistic burst: p50 ${fmt(during.p50)} s, p99 ${fmt(during.p99)} s (${r.during.length} replies; the burst's ${r.burstEdits} edits take the forum budget ${floorS.toFixed(0)} s at least, and the replies share it)`,
    );
    console.log(`    50 replies in one thread: ${r.hotEdits} edits of its status post`);
    console.log(
      `    burst: taken in ${b.takenS.toFixed(1)} s (${b.non202} not 202), done by ${b.drainedS.toFixed(1)} s; ${b.edited} of ${PROPOSALS} proposals' status posts edited; ${b.calls} forum calls, ${b.perDelivery.toFixed(4)} a delivery, at most ${b.maxPerMinute} in any minute`,
    );
    verdicts.push(
      `${mode}: reply to checklist p99 ${fmt(idle.p99)} s idle (< ${CHECKLIST_BARS.idleP99S}: ${met(idle.p99 < CHECKLIST_BARS.idleP99S)}), ` +
        `${fmt(busy.p99)} s in a busy forum's burst (< ${CHECKLIST_BARS.burstP99S}: ${met(busy.p99 < CHECKLIST_BARS.burstP99S)}), ` +
        `${fmt(during.p99)} s in the realistic burst (not judged: its own edits need ${floorS.toFixed(0)} s of the budget); ` +
        `${r.hotEdits} edits for 50 replies (≤ ${CHECKLIST_BARS.editsFor50}: ${met(r.hotEdits <= CHECKLIST_BARS.editsFor50)})`,
    );
    verdicts.push(
      `${burstVerdict(`${mode} burst`, { perDelivery: b.perDelivery, maxPerMinute: b.maxPerMinute, budget: BUDGET })}` +
        (b.edited === PROPOSALS ? '' : `; only ${b.edited} of ${PROPOSALS} proposals edited: NOT met`),
    );
  }
  console.log('  verdicts:');
  for (const v of verdicts) console.log(`    ${v}`);
  if (mongo.uri) mongo.release();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
