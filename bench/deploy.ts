/**
 * The service as the benchmarks of what users feel run it, in either deployment:
 * - in-process: one process (`npm start`), the embedded store in a data directory, on core 0;
 * - Redis + MongoDB: the Procfile's web process and one or two workers, a redis-server of
 *   the run's own (append-only, flushed before each answer) and a database of the run's own
 *   on the test MongoDB (scripts/test-mongodb.sh), unpinned: they share both cores.
 */
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { deepMerge } from '../src/config/rules-config.js';
import { freePort, runRedis, startOnCore, stop } from './support.js';

export type Mode = 'in-process' | 'Redis + MongoDB';

export const SECRET = 'bench-webhook-secret-0123';
export const API_KEY = 'bench-api-key-0123456789';

/** The test MongoDB: BENCH_MONGODB_URI, else the fixture, started here if it is not running (and stopped after). */
export async function benchMongo(): Promise<{ uri: string; release(): void } | { uri: null; why: string }> {
  if (process.env.BENCH_MONGODB_URI) return { uri: process.env.BENCH_MONGODB_URI, release: () => undefined };
  const running = spawnSync('bash', ['scripts/test-mongodb.sh', 'status'], { encoding: 'utf8' }).status === 0;
  try {
    const out = execFileSync('bash', ['scripts/test-mongodb.sh', 'start'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const uri = out.trim().split('\n').at(-1)!;
    return {
      uri,
      release: () => {
        if (!running) spawnSync('bash', ['scripts/test-mongodb.sh', 'stop'], { stdio: 'inherit' });
      },
    };
  } catch (err) {
    return { uri: null, why: `no MongoDB (${(err as Error).message.split('\n')[0]}); set BENCH_MONGODB_URI` };
  }
}

export interface Deployment {
  mode: Mode;
  /** The receiving process's port (web, or the one process). */
  port: number;
  /** The process whose memory is measured: the one process, or the first worker. */
  main(): ChildProcess;
  /** Starts `n` more workers (Redis + MongoDB only). */
  addWorkers(n: number): Promise<void>;
  /** Stops the service's processes and starts them again on the same data, with `rules` merged in. */
  restart(rules?: Record<string, unknown>): Promise<void>;
  /** Forgets the forum budget's window (a setup phase's calls), as if a minute had passed. */
  resetBudget(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a deployment: `workers` worker processes (Redis + MongoDB; 0 leaves only web
 * running, so deliveries wait until `addWorkers`), rules merged over config/default.json.
 */
export async function deploy(options: {
  mode: Mode;
  forumUrl: string;
  mongoUri?: string | null;
  workers?: number;
  rules?: Record<string, unknown>;
  coalesceSeconds?: number;
}): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-deploy-'));
  const configFile = join(dir, 'rules.json');
  // No overview topic: its edit waits for the next 10-minute mark, and a queue holding it
  // is not drained, so every phase would wait for it; its one write is not measured here.
  const base = { extends: resolve('config/default.json'), overview: { enabled: false } };
  const writeRules = (rules: Record<string, unknown>) =>
    writeFileSync(configFile, JSON.stringify(deepMerge(base, rules)));
  writeRules(options.rules ?? {});
  const port = await freePort();
  const redis = options.mode === 'in-process' ? null : await runRedis(join(dir, 'redis-server'), 'always');
  const database = `mc_bench_${process.pid}_${Date.now().toString(36)}`;
  const mongoUri =
    options.mode === 'in-process'
      ? null
      : (() => {
          if (!options.mongoUri) throw new Error('Redis + MongoDB needs a MongoDB');
          const url = new URL(options.mongoUri);
          url.pathname = `/${database}`;
          return url.toString();
        })();
  const env = {
    DISCOURSE_URL: options.forumUrl,
    DISCOURSE_API_KEY: API_KEY,
    DISCOURSE_WEBHOOK_SECRET: SECRET,
    CONFIG_FILE: configFile,
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(options.coalesceSeconds === undefined ? {} : { BENCH_COALESCE_SECONDS: String(options.coalesceSeconds) }),
    ...(redis ? redis.env : {}),
    ...(mongoUri ? { MONGODB_URI: mongoUri } : {}),
  };
  let procs: ChildProcess[] = [];
  const web = async () => {
    const role = options.mode === 'in-process' ? 'all' : 'web';
    procs.push(
      await startOnCore(
        'bench/servers/service.ts',
        { ...env, PORT: String(port), BENCH_ROLE: role },
        options.mode === 'in-process' ? 0 : null,
      ),
    );
  };
  let workers = 0;
  const addWorkers = async (n: number) => {
    if (options.mode === 'in-process') return;
    // Side by side, so that two workers start working together.
    const started = await Promise.all(
      Array.from({ length: n }, () => startOnCore('bench/servers/service.ts', { ...env, BENCH_ROLE: 'worker' }, null)),
    );
    procs.push(...started);
    workers += n;
  };
  await web();
  await addWorkers(options.workers ?? 1);
  return {
    mode: options.mode,
    port,
    main: () => (options.mode === 'in-process' ? procs[0]! : (procs[1] ?? procs[0]!)),
    addWorkers,
    async restart(rules) {
      for (const p of procs) await stop(p);
      procs = [];
      writeRules(rules ?? {});
      const n = workers;
      workers = 0;
      await web();
      await addWorkers(n);
    },
    async resetBudget() {
      if (!redis) return;
      const { Redis } = await import('ioredis');
      const client = new Redis(redis.env.REDIS_URL!);
      const prefix = redis.env.BENCH_REDIS_PREFIX!;
      await client.del(`${prefix}:meetup-companion:forum-budget`, `${prefix}:meetup-companion:forum-pause`);
      client.disconnect();
    },
    async close() {
      for (const p of procs) await stop(p);
      await redis?.release();
      if (mongoUri) {
        const client = await MongoClient.connect(mongoUri);
        await client.db().dropDatabase();
        await client.close();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Jobs waiting in the intake and the queue, as /metrics says. */
export async function depth(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^meetup_companion_queue_depth (\S+)$/m.exec(text)?.[1] ?? NaN);
}

/** Until nothing waits, twice in a row 200 ms apart. */
export async function drained(port: number, timeoutMs = 30 * 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < until) {
    quiet = (await depth(port).catch(() => NaN)) === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not drained in ${timeoutMs / 1000} s`);
}

/** Peak resident memory of a process (VmHWM), in MB; the child is `taskset … node`, which execs node. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

/** Sends deliveries over `connections` connections; resolves to the answers' statuses in the order given. */
export async function sendAll(
  port: number,
  deliveries: Array<{ body: string; headers: Record<string, string> }>,
  connections: number,
): Promise<number[]> {
  const statuses = new Array<number>(deliveries.length);
  let next = 0;
  const lane = async () => {
    while (next < deliveries.length) {
      const i = next++;
      const d = deliveries[i]!;
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/discourse`, {
        method: 'POST',
        headers: d.headers,
        body: d.body,
      });
      await res.arrayBuffer();
      statuses[i] = res.status;
    }
  };
  await Promise.all(Array.from({ length: connections }, lane));
  return statuses;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The p-th percentile (nearest rank) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The most of `times` (epoch ms) in any window of 60 s. */
export function maxInAnyMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 60_000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
