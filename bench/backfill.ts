/**
 * Backfill: `meetup-companion backfill` (the compiled CLI, in-process store) against a
 * stand-in forum whose watched tree holds 2,000 open topics (a tenth of them proposals, four
 * posts each): forum calls per topic, and how long it takes.
 *
 * At the default budget of 50 calls a minute every topic costs at least one call, so the
 * budget, not the service, sets the time: 2,000 topics take over 40 minutes. So the whole
 * tree is read at the highest budget the configuration takes (600 a minute), which gives the
 * calls per topic and the service's own pace, and a sample of BENCH_BACKFILL_SAMPLE (100)
 * topics is read at 50 a minute, which shows the budget held by the forum's own count.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { StandInForum } from '../test/support/stand-in-forum.js';
import { API_KEY, maxInAnyMinute, SECRET } from './deploy.js';
import { buildServers } from './support.js';

const TOPICS = Number(process.env.BENCH_BACKFILL_TOPICS ?? 2000);
const SAMPLE = Number(process.env.BENCH_BACKFILL_SAMPLE ?? 100);
const BUDGET = 50;

async function forumWith(topics: number): Promise<StandInForum> {
  const forum = new StandInForum({ apiKey: API_KEY });
  await forum.start();
  forum.dropDeliveries = true;
  for (let u = 0; u < 50; u++) forum.addUser({ id: 70_000 + u, username: `member${u}` });
  for (let t = 0; t < topics; t++) {
    const proposal = t % 10 === 0;
    const { topicId } = forum.createTopic(
      `member${t % 50}`,
      proposal ? `Mautic Meetup in Town ${t}?` : `Question ${t} about segment filters`,
      proposal ? `Who is up for a Mautic meetup in Town ${t}?` : 'How often do segments refresh?',
      { categoryId: 61 },
    );
    for (let r = 1; r <= 3; r++)
      forum.reply(`member${(t + r) % 50}`, topicId, proposal ? 'Count me in!' : 'Every 15 minutes by cron.');
  }
  forum.deliveries.length = 0;
  return forum;
}

async function backfill(topics: number, perMinute: number) {
  const forum = await forumWith(topics);
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-backfill-'));
  const configFile = join(dir, 'rules.json');
  writeFileSync(
    configFile,
    JSON.stringify({ extends: resolve('config/default.json'), forum: { requestsPerMinute: perMinute } }),
  );
  try {
    forum.requests.length = 0;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['dist-bench/src/cli.js', 'backfill'], {
      env: {
        PATH: process.env.PATH ?? '',
        DISCOURSE_URL: forum.url,
        DISCOURSE_API_KEY: API_KEY,
        DISCOURSE_WEBHOOK_SECRET: SECRET,
        DATA_DIR: join(dir, 'data'),
        CONFIG_FILE: configFile,
        LOG_LEVEL: 'warn',
      },
      maxBuffer: 64 << 20,
    });
    const seconds = (Date.now() - started) / 1000;
    const evaluated = Number(/(\d+) evaluated/.exec(stdout)?.[1] ?? NaN);
    const calls = forum.requests.length;
    return {
      topics,
      evaluated,
      calls,
      perTopic: calls / topics,
      seconds,
      maxPerMinute: maxInAnyMinute(forum.requests.map((r) => r.at)),
      summary: stdout.trim().split('\n')[0] ?? '',
    };
  } finally {
    await forum.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  buildServers();
  console.log(
    `backfill: ${TOPICS.toLocaleString('en')} open topics in the watched tree (a tenth proposals, 4 posts each), read and evaluated by the CLI`,
  );
  const full = await backfill(TOPICS, 600);
  console.log(
    `  at 600 calls a minute: ${full.evaluated} of ${full.topics} evaluated in ${full.seconds.toFixed(0)} s; ${full.calls} forum calls, ${full.perTopic.toFixed(3)} a topic, at most ${full.maxPerMinute} in any minute`,
  );
  const atBudgetMin = Math.max(full.seconds / 60, (full.calls - BUDGET) / BUDGET);
  console.log(
    `  at ${BUDGET} a minute: the same ${full.calls} calls take ${atBudgetMin.toFixed(1)} min (the budget's floor: one window's ${BUDGET}, then ${BUDGET} a minute)`,
  );
  const sample = await backfill(SAMPLE, BUDGET);
  console.log(
    `  a sample at ${BUDGET} a minute: ${sample.evaluated} of ${sample.topics} topics evaluated in ${(sample.seconds / 60).toFixed(1)} min; ${sample.calls} calls, ${sample.perTopic.toFixed(3)} a topic, at most ${sample.maxPerMinute} in any minute by the forum's count`,
  );
  const within = sample.maxPerMinute <= BUDGET && full.evaluated === full.topics && sample.evaluated === sample.topics;
  console.log(
    `  verdict: every topic evaluated, ${full.perTopic.toFixed(3)} calls a topic; 2,000 topics in ${atBudgetMin.toFixed(0)} min at ${BUDGET} a minute; never more than the budget in a minute (${sample.maxPerMinute} ≤ ${BUDGET}: ${within ? 'met' : 'NOT met'})`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
