import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deepMerge } from '../../src/config/rules-config.js';
import type { Proposal } from '../../src/rules/proposal.js';
import { MongoStore } from '../../src/store/mongo.js';
import type { EffectRecord } from '../../src/store/types.js';
import { dropDatabase, withDatabase } from '../support/mongodb.js';
import { freePort, PrivateRedis } from '../support/redis.js';
import { StandInForum, type SignedDelivery } from '../support/stand-in-forum.js';

export const SECRET = 'fault-suite-secret-0123';
export const API_KEY = 'fault-suite-api-key-0123456789';
export const ADMIN_TOKEN = 'fault-suite-admin-token-0123';

export type Delivery = SignedDelivery;

/**
 * How the service is deployed:
 * - `in-process`: one process (`npm start`), jobs in-process, the embedded store in its data
 *   directory; a restart is a new process on the same directory.
 * - `procfile`: the Procfile's `web` and two `worker` processes sharing a private Redis and
 *   a MongoDB database of the test's own.
 */
export type Topology = 'in-process' | 'procfile';

type Role = 'all' | 'web' | 'worker';

interface Proc {
  child: ChildProcess;
  role: Role;
  /** The HTTP port; null for a worker, which serves none. */
  port: number | null;
  output: string;
  exit: Promise<number | null>;
}

let clusters = 0;

/**
 * Real processes for the fault suite: service processes in one of the two topologies, a
 * private Redis the test may kill and restart (append-only, flushed before each answer, so
 * a restart keeps the queue), and the stand-in forum over loopback, which can answer 429,
 * 500, hang or reset. People's posts are recorded from the stand-in forum, not sent by it,
 * so the test decides the order, the duplicates and the receiver.
 */
export class Cluster {
  readonly procs = new Map<string, Proc>();
  private constructor(
    readonly topology: Topology,
    readonly redis: PrivateRedis | null,
    /** The test's own database, dropped at close; null in-process. */
    readonly mongoUri: string | null,
    readonly forum: StandInForum,
    readonly dir: string,
    readonly configFile: string,
  ) {}

  /** `mongo`: the server for the Procfile topology (the test gets a database of its own on it). */
  static async start(
    topology: Topology,
    options: { mongo?: string | null; rules?: Record<string, unknown> } = {},
  ): Promise<Cluster> {
    if (topology === 'procfile' && !options.mongo) throw new Error('the Procfile topology needs MongoDB');
    const dir = mkdtempSync(join(tmpdir(), 'mc-faults-'));
    const redis = topology === 'procfile' ? await PrivateRedis.start({ dir }) : null;
    const mongoUri =
      topology === 'procfile' ? withDatabase(options.mongo!, `mc_faults_${process.pid}_${++clusters}`) : null;
    if (mongoUri) await dropDatabase(mongoUri);
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
      // The overview's job waits for its edit interval and would keep the queue from settling.
      overview: { enabled: false },
      // The stand-in stamps posts weeks before the processes' clock: reminders only where a test is about them.
      lifecycle: { proposalReminderAfter: 'P3650D', proposalStalledAfter: 'P3650D' },
    };
    writeFileSync(configFile, JSON.stringify(deepMerge(base, options.rules ?? {})));
    return new Cluster(topology, redis, mongoUri, forum, dir, configFile);
  }

  /** The topology's processes: `solo` in-process; `web`, `w1` and `w2` on the Procfile. */
  async boot(): Promise<void> {
    if (this.topology === 'in-process') await this.spawn('solo');
    else {
      await this.spawn('web', 'web');
      await this.spawn('w1', 'worker');
      await this.spawn('w2', 'worker');
    }
  }

  /** The role a process of this topology runs to receive deliveries. */
  get receiverRole(): Role {
    return this.topology === 'in-process' ? 'all' : 'web';
  }

  /** One service process; resolves once it says it started. `env` adds to or replaces its settings. */
  async spawn(
    name: string,
    role: Role = this.topology === 'in-process' ? 'all' : 'worker',
    env: Record<string, string> = {},
  ): Promise<Proc> {
    const port = role === 'worker' ? null : await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', role], {
      env: { ...this.env(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc: Proc = {
      child,
      role,
      port,
      output: '',
      exit: new Promise((r) => child.once('exit', (code) => r(code))),
    };
    child.stdout.on('data', (c: Buffer) => (proc.output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (proc.output += c.toString()));
    this.procs.set(name, proc);
    for (let i = 0; i < 1200 && !proc.output.includes('meetup-companion started'); i++) {
      if (child.exitCode !== null) throw new Error(`${name} exited: ${proc.output}`);
      await sleep(25);
    }
    if (!proc.output.includes('meetup-companion started')) throw new Error(`${name} did not start: ${proc.output}`);
    return proc;
  }

  /** A process's environment in this topology, with an HTTP port unless it is a worker. */
  env(port: number | null): Record<string, string> {
    const backends: Record<string, string> =
      this.topology === 'procfile'
        ? { REDIS_URL: this.redis!.url, MONGODB_URI: this.mongoUri! }
        : { DATA_DIR: join(this.dir, 'data') };
    return {
      PATH: process.env.PATH ?? '',
      DISCOURSE_URL: this.forum.url,
      DISCOURSE_API_KEY: API_KEY,
      DISCOURSE_WEBHOOK_SECRET: SECRET,
      ADMIN_TOKEN,
      ...(port === null ? {} : { PORT: String(port) }),
      ...backends,
      CONFIG_FILE: this.configFile,
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'info',
    };
  }

  /** A process that is expected to refuse to start: its exit code and everything it printed. */
  async refusal(
    role: Role,
    env: Record<string, string>,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', role], {
      env: { ...this.env(await freePort()), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, stdout, stderr };
  }

  async kill(name: string, signal: NodeJS.Signals): Promise<number | null> {
    const proc = this.procs.get(name)!;
    proc.child.kill(signal);
    const code = await proc.exit;
    this.procs.delete(name);
    return code;
  }

  /** Everything the processes of one role printed (their JSON log lines). */
  output(role: Role): string {
    return [...this.procs.values()]
      .filter((p) => p.role === role)
      .map((p) => p.output)
      .join('');
  }

  /** The warnings and errors the running processes logged, for a failing test's message. */
  complaints(): string {
    return [...this.procs.entries()]
      .flatMap(([name, p]) =>
        p.output
          .split('\n')
          .filter(
            (line) =>
              /"level":(4|5|6)0/.test(line) || line.startsWith('meetup-companion:') || !!process.env.FAULTS_LOG_LEVEL,
          )
          .map((line) => `${name}: ${line.slice(0, 400)}`),
      )
      .slice(process.env.FAULTS_LOG_LEVEL ? -400 : -30)
      .join('\n');
  }

  /** People's new forum activity since the last call, as signed deliveries in the forum's order. */
  take(): Delivery[] {
    return this.forum.takeRecorded(SECRET);
  }

  private receivers(): Proc[] {
    return [...this.procs.values()].filter((p) => p.port !== null);
  }

  /** Sends a delivery to a receiving process (round robin by default); 0 when the connection failed. */
  async send(d: Delivery, to?: string, headers: Record<string, string> = {}): Promise<number> {
    const receivers = this.receivers();
    const proc = to ? this.procs.get(to)! : receivers[roundRobin++ % receivers.length]!;
    try {
      const res = await fetch(`http://127.0.0.1:${proc.port}/webhooks/discourse`, {
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
    const proc = this.receivers()[0]!;
    const text = await (await fetch(`http://127.0.0.1:${proc.port}/metrics`)).text();
    return Number(/^meetup_companion_queue_depth (\S+)$/m.exec(text)?.[1] ?? NaN);
  }

  /** Until the queue is empty twice in a row, 300 ms apart. */
  async settle(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let quiet = 0;
    while (Date.now() < until) {
      quiet = (await this.depth().catch(() => NaN)) === 0 ? quiet + 1 : 0;
      if (quiet >= 2) return;
      await sleep(300);
    }
    throw new Error(`the queue did not drain in ${timeoutMs} ms`);
  }

  async proposals(): Promise<Proposal[]> {
    const proc = this.receivers()[0]!;
    const res = await fetch(`http://127.0.0.1:${proc.port}/api/proposals`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    return ((await res.json()) as { proposals: Proposal[] }).proposals;
  }

  /** An effect's record as the shared store holds it (Procfile topology). */
  async effect(key: string): Promise<EffectRecord | null> {
    const store = await MongoStore.connect(this.mongoUri!);
    try {
      return (await store.effects.get(key))?.value ?? null;
    } finally {
      await store.close();
    }
  }

  /** Posts the service wrote in a topic, by their marker. */
  written(topicId: number, marker: string): number {
    return this.forum.postsIn(topicId).filter((p) => p.username === this.forum.apiUsername && p.raw.includes(marker))
      .length;
  }

  async close(): Promise<void> {
    for (const name of [...this.procs.keys()]) await this.kill(name, 'SIGKILL');
    await this.forum.stop();
    await this.redis?.stop();
    if (this.mongoUri) await dropDatabase(this.mongoUri).catch(() => undefined);
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
