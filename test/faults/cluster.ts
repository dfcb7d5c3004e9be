import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deepMerge } from '../../src/config/rules-config.js';
import type { Proposal } from '../../src/rules/proposal.js';
import { freePort, PrivateRedis } from '../support/redis.js';
import { StandInForum, type SignedDelivery } from '../support/stand-in-forum.js';

export const SECRET = 'fault-suite-secret-0123';
export const API_KEY = 'fault-suite-api-key-0123456789';
export const ADMIN_TOKEN = 'fault-suite-admin-token-0123';

export type Delivery = SignedDelivery;

interface Proc {
  child: ChildProcess;
  port: number;
  output: string;
  exit: Promise<number | null>;
}

/**
 * Real processes for the fault suite: a private Redis the test may stop and restart
 * (append-only, so a restart keeps the queue), service processes (web + worker each)
 * sharing it and one data directory, and the stand-in forum over loopback, which can
 * answer 429, 500, hang or reset. People's posts are recorded from the stand-in forum,
 * not sent by it, so the test decides the order, the duplicates and the receiver.
 */
export class Cluster {
  readonly procs = new Map<string, Proc>();
  private constructor(
    readonly redis: PrivateRedis,
    readonly forum: StandInForum,
    readonly dir: string,
    readonly configFile: string,
  ) {}

  static async start(rules: Record<string, unknown> = {}): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), 'mc-faults-'));
    const redis = await PrivateRedis.start({ dir });
    const forum = new StandInForum({ apiKey: API_KEY });
    await forum.start();
    forum.dropDeliveries = true;
    forum.hookTo('http://127.0.0.1:9/recorded-not-sent', SECRET);
    const configFile = join(dir, 'rules.json');
    const base = {
      extends: resolve('config/default.json'),
      statusPost: { coalesceSeconds: 1 },
      effects: { leaseSeconds: 3 },
      queue: { stalledSeconds: 3 },
      forum: { requestsPerMinute: 600, requestTimeoutSeconds: 2 },
    };
    writeFileSync(configFile, JSON.stringify(deepMerge(base, rules)));
    return new Cluster(redis, forum, dir, configFile);
  }

  /** One service process (web + worker); resolves once it says it started. `redis: false` runs it in-process. */
  async spawn(name: string, options: { redis?: boolean } = {}): Promise<Proc> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        DISCOURSE_URL: this.forum.url,
        DISCOURSE_API_KEY: API_KEY,
        DISCOURSE_WEBHOOK_SECRET: SECRET,
        ADMIN_TOKEN,
        PORT: String(port),
        DATA_DIR: join(this.dir, 'data'),
        ...(options.redis === false ? {} : { REDIS_URL: this.redis.url }),
        CONFIG_FILE: this.configFile,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc: Proc = { child, port, output: '', exit: new Promise((r) => child.once('exit', (code) => r(code))) };
    child.stdout.on('data', (c: Buffer) => (proc.output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (proc.output += c.toString()));
    this.procs.set(name, proc);
    for (let i = 0; i < 400 && !proc.output.includes('meetup-companion started'); i++) {
      if (child.exitCode !== null) throw new Error(`${name} exited: ${proc.output}`);
      await sleep(25);
    }
    if (!proc.output.includes('meetup-companion started')) throw new Error(`${name} did not start: ${proc.output}`);
    return proc;
  }

  async kill(name: string, signal: NodeJS.Signals): Promise<number | null> {
    const proc = this.procs.get(name)!;
    proc.child.kill(signal);
    const code = await proc.exit;
    this.procs.delete(name);
    return code;
  }

  /** People's new forum activity since the last call, as signed deliveries in the forum's order. */
  take(): Delivery[] {
    return this.forum.takeRecorded(SECRET);
  }

  /** Sends a delivery to one process (round robin by default); 0 when the connection failed. */
  async send(d: Delivery, to?: string, headers: Record<string, string> = {}): Promise<number> {
    const names = [...this.procs.keys()];
    const name = to ?? names[roundRobin++ % names.length]!;
    try {
      const res = await fetch(`http://127.0.0.1:${this.procs.get(name)!.port}/webhooks/discourse`, {
        method: 'POST',
        headers: { ...d.headers, ...headers },
        body: d.body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  private async depth(): Promise<number> {
    const proc = [...this.procs.values()][0]!;
    const text = await (await fetch(`http://127.0.0.1:${proc.port}/metrics`)).text();
    return Number(/^meetup_companion_queue_depth (\S+)$/m.exec(text)?.[1] ?? NaN);
  }

  /** Until the queue is empty twice in a row, 300 ms apart. */
  async settle(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let quiet = 0;
    while (Date.now() < until) {
      quiet = (await this.depth()) === 0 ? quiet + 1 : 0;
      if (quiet >= 2) return;
      await sleep(300);
    }
    throw new Error(`the queue did not drain in ${timeoutMs} ms`);
  }

  async proposals(): Promise<Proposal[]> {
    const proc = [...this.procs.values()][0]!;
    const res = await fetch(`http://127.0.0.1:${proc.port}/api/proposals`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    return ((await res.json()) as { proposals: Proposal[] }).proposals;
  }

  /** Posts the service wrote in a topic, by their marker. */
  written(topicId: number, marker: string): number {
    return this.forum.postsIn(topicId).filter((p) => p.username === this.forum.apiUsername && p.raw.includes(marker))
      .length;
  }

  async close(): Promise<void> {
    for (const name of [...this.procs.keys()]) await this.kill(name, 'SIGKILL');
    await this.forum.stop();
    await this.redis.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let roundRobin = 0;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A deterministic shuffle (seeded), so a failing order can be replayed. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
