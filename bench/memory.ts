/**
 * Memory: the in-process service's peak resident memory (VmHWM) once it has taken the
 * snapshots of 10,000 and of 50,000 topics (a post each, sent as fast as 100 connections
 * go and worked off), beside its memory just after start, and how it grows per 1,000 topics.
 * With Redis and MongoDB the snapshots live in MongoDB, not in the service's memory.
 */
import { StandInForum } from '../test/support/stand-in-forum.js';
import { API_KEY, deploy, drained, peakRssMb, rssMb, SECRET, sendAll } from './deploy.js';
import { buildServers, pinSelf, postDelivery } from './support.js';

export const MEMORY_BARS = { peakMbAt10k: 300, superlinear: 1.25 };

async function run(topics: number) {
  // Stamped at the service's own time: a forum whose posts are weeks old would have its threads reminded.
  const forum = new StandInForum({ apiKey: API_KEY, clock: () => Date.now() });
  const forumUrl = await forum.start();
  const d = await deploy({ mode: 'in-process', forumUrl });
  try {
    const pid = d.main().pid!;
    const startMb = rssMb(pid);
    const started = Date.now();
    // Sent in slices, so the load generator holds no more than one slice of signed bodies.
    for (let from = 0; from < topics; from += 10_000) {
      const slice = Array.from({ length: Math.min(10_000, topics - from) }, (_, i) =>
        postDelivery(from + i, topics, SECRET),
      );
      await sendAll(d.port, slice, 100);
    }
    await drained(d.port);
    return { topics, startMb, peakMb: peakRssMb(pid), seconds: (Date.now() - started) / 1000 };
  } finally {
    await d.close();
    await forum.stop();
  }
}

async function main(): Promise<void> {
  buildServers();
  pinSelf(1);
  console.log('memory: peak RSS of the in-process service after taking N topics (a post each), and its RSS at start');
  const sizes = (process.env.BENCH_MEMORY_TOPICS ?? '10000,50000').split(',').map(Number);
  const results = [];
  for (const topics of sizes) {
    const r = await run(topics);
    results.push(r);
    console.log(
      `  ${r.topics.toLocaleString('en').padStart(7)} topics: peak ${r.peakMb.toFixed(0)} MB (at start ${r.startMb.toFixed(0)} MB; ${(((r.peakMb - r.startMb) / r.topics) * 1000).toFixed(1)} MB per 1,000 topics above it), worked off in ${r.seconds.toFixed(0)} s`,
    );
  }
  const small = results.find((r) => r.topics === 10_000);
  const large = results.find((r) => r.topics === 50_000);
  if (small && large) {
    const perSmall = (small.peakMb - small.startMb) / small.topics;
    const perLarge = (large.peakMb - large.startMb) / large.topics;
    const ratio = perLarge / perSmall;
    console.log(
      `  verdict: peak ${small.peakMb.toFixed(0)} MB at 10,000 topics (< ${MEMORY_BARS.peakMbAt10k}: ${small.peakMb < MEMORY_BARS.peakMbAt10k ? 'met' : 'NOT met'}); ` +
        `growth per topic at 50,000 is ${ratio.toFixed(2)} × that at 10,000 (linear or less: ≤ ${MEMORY_BARS.superlinear}: ${ratio <= MEMORY_BARS.superlinear ? 'met' : 'NOT met'})`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
