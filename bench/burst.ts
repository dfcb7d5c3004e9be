/**
 * Burst: 10,000 deliveries over 500 topics (a few of them meetup proposals) sent as fast
 * as 100 connections allow; time until the queue is drained, forum calls per delivery,
 * and the most calls the forum saw in any minute. Memory: the service's peak RSS after
 * it has taken 10,000 topics' snapshots. The service runs in its own process on core 0.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandInForum, type SignedDelivery } from '../test/support/stand-in-forum.js';
import {
  BURST_BARS,
  burstVerdict,
  buildServers,
  freePort,
  pinSelf,
  postDelivery,
  runRedis,
  startOnCore,
  stop,
} from './support.js';

const SECRET = 'bench-webhook-secret-0123';
const API_KEY = 'bench-api-key-0123456789';

type Delivery = Pick<SignedDelivery, 'body' | 'headers'>;

/** Proposal threads live on the stand-in forum (the service reads and writes them); the rest are questions. */
function plan(forum: StandInForum, deliveries: number, topics: number, proposals: number): Delivery[] {
  forum.dropDeliveries = true;
  forum.hookTo('http://127.0.0.1:9/unused', SECRET);
  for (let p = 0; p < proposals; p++) {
    const author = `organiser${p}`;
    forum.addUser({ id: 20_000 + p, username: author });
    const { topicId } = forum.createTopic(
      author,
      `Mautic Meetup in Town ${p}?`,
      `Who is up for a Mautic meetup in Town ${p}?`,
      { categoryId: 61 },
    );
    for (let r = 0; r < 5; r++) {
      forum.addUser({ id: 30_000 + p * 10 + r, username: `fan${p}x${r}` });
      forum.reply(`fan${p}x${r}`, topicId, r % 2 ? 'Count me in!' : 'Count me in, sounds great.');
    }
  }
  const recorded: Delivery[] = forum.takeRecorded(SECRET);
  forum.dropDeliveries = false;
  const out = [...recorded];
  for (let n = 0; out.length < deliveries; n++) out.push(postDelivery(n, topics - proposals, SECRET));
  return out;
}

async function send(port: number, deliveries: Delivery[], connections: number): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const d = deliveries[next++]!;
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/discourse`, {
        method: 'POST',
        headers: d.headers,
        body: d.body,
      });
      await res.arrayBuffer();
      if (res.status !== 202) failed++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return failed;
}

async function depth(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^meetup_companion_queue_depth (\S+)$/m.exec(text)?.[1] ?? NaN);
}

function peakRss(pid: number): number {
  // The child is `taskset … node`; taskset execs node, so the pid is node's.
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

async function run(mode: 'in-process' | 'Redis', options: { deliveries: number; topics: number; proposals: number }) {
  const forum = new StandInForum({ apiKey: API_KEY });
  const forumUrl = await forum.start();
  const deliveries = plan(forum, options.deliveries, options.topics, options.proposals);
  const dataDir = mkdtempSync(join(tmpdir(), 'mc-bench-burst-'));
  const port = await freePort();
  // Flushed before each answer, as the in-process intake is.
  const redis = mode === 'Redis' ? await runRedis(join(dataDir, 'redis-server'), 'always') : null;
  const child = await startOnCore(
    'bench/servers/service.ts',
    {
      DISCOURSE_URL: forumUrl,
      DISCOURSE_API_KEY: API_KEY,
      DISCOURSE_WEBHOOK_SECRET: SECRET,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...redis?.env,
    },
    0,
  );
  forum.requests.length = 0;
  try {
    const started = Date.now();
    const failed = await send(port, deliveries, 100);
    const taken = Date.now() - started;
    while ((await depth(port)) > 0) await new Promise((r) => setTimeout(r, 100));
    const drained = Date.now() - started;
    const calls = forum.requests.length;
    return {
      mode,
      ...options,
      sent: deliveries.length,
      failed,
      takenS: taken / 1000,
      drainedS: drained / 1000,
      calls,
      perDelivery: calls / deliveries.length,
      maxPerMinute: forum.maxCallsPerMinute(),
      rssMb: peakRss(child.pid!),
    };
  } finally {
    await stop(child);
    await forum.stop();
    await redis?.release();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  buildServers();
  pinSelf(1);
  const budget = 50;
  console.log(
    'burst: 10,000 signed deliveries over 500 topics (10 of them meetup proposals), 100 connections; service on core 0',
  );
  console.log(
    `  ${'mode'.padEnd(11)} ${'taken s'.padStart(8)} ${'drained s'.padStart(10)} ${'non-202'.padStart(8)} ${'forum calls'.padStart(12)} ${'per delivery'.padStart(13)} ${'max/min'.padStart(8)}`,
  );
  const verdicts: string[] = [];
  for (const mode of (process.env.BENCH_MODES?.split(',') ?? ['in-process', 'Redis']) as Array<
    'in-process' | 'Redis'
  >) {
    const r = await run(mode, { deliveries: 10_000, topics: 500, proposals: 10 });
    console.log(
      `  ${r.mode.padEnd(11)} ${r.takenS.toFixed(1).padStart(8)} ${r.drainedS.toFixed(1).padStart(10)} ${String(r.failed).padStart(8)} ${String(r.calls).padStart(12)} ${r.perDelivery.toFixed(4).padStart(13)} ${String(r.maxPerMinute).padStart(8)}`,
    );
    verdicts.push(burstVerdict(mode, { perDelivery: r.perDelivery, maxPerMinute: r.maxPerMinute, budget }));
  }
  console.log(
    `  judged by: fewer than ${BURST_BARS.callsPerDelivery} forum calls per delivery, never more than the budget (${budget}) in any minute; "drained" includes the 10 s coalescing window`,
  );
  for (const verdict of verdicts) console.log(`    ${verdict}`);

  console.log('\nmemory: peak RSS of the service after taking 10,000 topics (20,000 deliveries)');
  for (const mode of ['in-process', 'Redis'] as const) {
    const r = await run(mode, { deliveries: 20_000, topics: 10_000, proposals: 0 });
    console.log(`  ${r.mode.padEnd(11)} peak RSS ${r.rssMb.toFixed(0)} MB (drained in ${r.drainedS.toFixed(1)} s)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
