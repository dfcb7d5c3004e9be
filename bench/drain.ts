/**
 * Drain: how fast a backlog of acknowledged deliveries is worked off, each one fully
 * processed (its thread's snapshot updated and its proposal evaluated): deliveries a second
 * from the moment the backlog stands to the moment nothing waits.
 *
 * - in-process: the deliveries are sent as fast as 50 connections go; the backlog is what
 *   waits once the last is answered (the answers go first, so nearly all of it).
 * - Redis + MongoDB: the web process takes them all with no worker running; then one, or two,
 *   workers start together, and the clock starts when they are up.
 *
 * Posts in 500 topics of the watched tree that are not proposals: nothing for the forum, so
 * the figure is the worker's own. Medians over BENCH_ROUNDS (3) runs, a fresh service each;
 * 5,000 deliveries in-process, 2,000 with Redis + MongoDB (BENCH_DRAIN_DELIVERIES sets both).
 */
import { StandInForum } from '../test/support/stand-in-forum.js';
import { API_KEY, benchMongo, deploy, depth, median, SECRET, sendAll, sleep, type Mode } from './deploy.js';
import { buildServers, pinSelf, postDelivery } from './support.js';

// The test MongoDB under Wine works off a few dozen a second: a smaller backlog keeps its runs to a minute.
const DELIVERIES = (mode: Mode) => Number(process.env.BENCH_DRAIN_DELIVERIES ?? (mode === 'in-process' ? 5000 : 2000));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const DRAIN_BAR = 500;

async function untilEmpty(port: number): Promise<number> {
  for (;;) {
    if ((await depth(port).catch(() => NaN)) === 0) return Date.now();
    await sleep(50);
  }
}

async function once(mode: Mode, workers: number, mongoUri: string | null): Promise<{ backlog: number; rate: number }> {
  // Stamped at the service's own time: a forum whose posts are weeks old would have its threads reminded.
  const forum = new StandInForum({ apiKey: API_KEY, clock: () => Date.now() });
  const forumUrl = await forum.start();
  const d = await deploy({ mode, forumUrl, mongoUri, workers: 0 });
  try {
    const deliveries = Array.from({ length: DELIVERIES(mode) }, (_, n) => postDelivery(n, 500, SECRET));
    const statuses = await sendAll(d.port, deliveries, 50);
    if (statuses.some((s) => s !== 202)) throw new Error(`${statuses.filter((s) => s !== 202).length} not 202`);
    if (mode !== 'in-process') await d.addWorkers(workers);
    const backlog = await depth(d.port);
    const from = Date.now();
    const to = await untilEmpty(d.port);
    return { backlog, rate: backlog / ((to - from) / 1000) };
  } finally {
    await d.close();
    await forum.stop();
  }
}

async function main(): Promise<void> {
  buildServers();
  pinSelf(1);
  const mongo = await benchMongo();
  console.log(
    `drain: a backlog of up to ${DELIVERIES('in-process').toLocaleString('en')} (in-process) or ${DELIVERIES('Redis + MongoDB').toLocaleString('en')} acknowledged post deliveries over 500 topics, each fully processed; deliveries a second, median of ${ROUNDS} runs`,
  );
  const runs: Array<[Mode, number]> = [
    ['in-process', 1],
    ['Redis + MongoDB', 1],
    ['Redis + MongoDB', 2],
  ];
  const verdicts: string[] = [];
  for (const [mode, workers] of runs) {
    if (!(process.env.BENCH_MODES?.split(',') ?? [mode]).includes(mode)) continue;
    const label =
      mode === 'in-process' ? 'in-process (one process)' : `${mode}, ${workers} worker${workers > 1 ? 's' : ''}`;
    if (mode !== 'in-process' && mongo.uri === null) {
      console.log(`  ${label}: skipped, ${mongo.why}`);
      continue;
    }
    const results = [];
    for (let r = 0; r < ROUNDS; r++) results.push(await once(mode, workers, mongo.uri));
    const rate = median(results.map((x) => x.rate));
    console.log(
      `  ${label.padEnd(32)} ${rate.toFixed(0).padStart(6)}/s  (runs: ${results.map((x) => `${x.rate.toFixed(0)}/s of ${x.backlog}`).join(', ')})`,
    );
    if (mode === 'in-process')
      verdicts.push(
        `in-process: ${rate.toFixed(0)} deliveries a second (≥ ${DRAIN_BAR}: ${rate >= DRAIN_BAR ? 'met' : 'NOT met'})`,
      );
  }
  for (const v of verdicts) console.log(`  verdict: ${v}`);
  if (mongo.uri) mongo.release();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
