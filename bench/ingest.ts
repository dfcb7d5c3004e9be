/**
 * Ingest: deliveries per second and acknowledgement latency of POST /webhooks/discourse,
 * with real signed 1–2 kB payloads, at 50 and 200 connections, in both modes, beside a
 * bare node:http server that only verifies the HMAC. The servers run on core 0, the
 * load generator (autocannon) on core 1. Prints figures and the ratio ours / bare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { StandInForum } from '../test/support/stand-in-forum.js';
import { buildServers, dropRedisKeys, freePort, pinSelf, postDelivery, redisPrefix, startOnCore, stop } from './support.js';

const SECRET = 'bench-webhook-secret-0123';
const API_KEY = 'bench-api-key-0123456789';
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Figure {
  server: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

// Signed ahead of time: signing in the load generator would make it, not the server, the limit.
const POOL = Number(process.env.BENCH_POOL ?? 400_000);
let pool: Array<{ body: string; headers: Record<string, string> }> = [];
let sequence = 0;
async function load(port: number, connections: number, seconds: number): Promise<Omit<Figure, 'server'>> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/discourse',
        // Every request a new post: nothing is a duplicate, everything is stored.
        setupRequest: (req) => {
          const d = pool[sequence++ % pool.length]!;
          return { ...req, body: d.body, headers: d.headers };
        },
      },
    ],
  });
  return { connections, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

async function measure(server: string, script: string, env: Record<string, string>): Promise<Figure[]> {
  const port = await freePort();
  const child = await startOnCore(script, { ...env, PORT: String(port) }, 0);
  // Each server starts on deliveries it has not seen: none is a duplicate.
  sequence = 0;
  const out: Figure[] = [];
  try {
    await load(port, 50, 2); // warm-up: JIT, connections, caches
    for (const connections of [50, 200]) out.push({ server, ...(await load(port, connections, DURATION)) });
  } finally {
    await stop(child);
  }
  return out;
}

async function main(): Promise<void> {
  buildServers();
  const pinned = pinSelf(1);
  pool = Array.from({ length: POOL }, (_, i) => postDelivery(i, 500, SECRET));
  const forum = new StandInForum({ apiKey: API_KEY });
  const forumUrl = await forum.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'mc-bench-ingest-'));
  const common = { DISCOURSE_URL: forumUrl, DISCOURSE_API_KEY: API_KEY, DISCOURSE_WEBHOOK_SECRET: SECRET, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', BENCH_COALESCE_SECONDS: '10' };
  const figures: Figure[] = [];
  const prefix = redisPrefix();
  try {
    // BENCH_SERVERS=bare,in-process,redis picks some (the bare server is always measured: it is the yardstick).
    const only = process.env.BENCH_SERVERS?.split(',');
    figures.push(...(await measure('bare node:http (HMAC only)', 'bench/servers/bare.ts', { DISCOURSE_WEBHOOK_SECRET: SECRET })));
    if (!only || only.includes('in-process')) figures.push(...(await measure('meetup-companion, in-process', 'bench/servers/service.ts', { ...common, DATA_DIR: join(dataDir, 'a') })));
    if (!only || only.includes('redis')) figures.push(...(await measure('meetup-companion, Redis', 'bench/servers/service.ts', { ...common, DATA_DIR: join(dataDir, 'b'), REDIS_URL, BENCH_REDIS_PREFIX: prefix })));
  } finally {
    await dropRedisKeys(REDIS_URL, prefix);
    await forum.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`ingest: POST /webhooks/discourse, signed ~${postDelivery(0, 500, SECRET).body.length} B post_created deliveries, ${DURATION} s per run; servers on core 0, load generator on core 1${pinned ? '' : ' (taskset unavailable: not pinned)'}`);
  console.log(`  ${'server'.padEnd(32)} ${'conns'.padStart(5)} ${'deliveries/s'.padStart(13)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'non-2xx'.padStart(8)} ${'ratio'.padStart(6)}`);
  for (const f of figures) {
    const bare = figures.find((b) => b.server.startsWith('bare') && b.connections === f.connections)!;
    console.log(`  ${f.server.padEnd(32)} ${String(f.connections).padStart(5)} ${f.rps.toFixed(0).padStart(13)} ${String(f.p50).padStart(7)} ${String(f.p99).padStart(7)} ${String(f.non2xx + f.errors).padStart(8)} ${(f.rps / bare.rps).toFixed(2).padStart(6)}`);
  }
  console.log('  judged by: ratio ≥ 0.50 of the bare server in both modes, p99 < 50 ms at 200 connections');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
