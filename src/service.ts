import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, type Env } from './config/env.js';
import type { RulesConfig } from './config/rules-config.js';
import { CategoryDirectory } from './forum/categories.js';
import type { ForumClient } from './forum/client.js';
import { connectForum } from './forum/connect.js';
import { deliveriesWaitedFor } from './events/waited.js';
import { withTimeout } from './intake/deadline.js';
import { createRequestListener } from './http/app.js';
import type { Logger } from './log.js';
import { Metrics } from './metrics.js';
import { createJobContext, openAppStore, type AppStore } from './jobs/context.js';
import { startPeriodic, type Periodic } from './jobs/periodic.js';
import { createJobHandler } from './jobs/registry.js';
import type { Job } from './jobs/types.js';
import { InProcessQueue } from './queue/in-process.js';
import { probeRedis, redisHost, RedisQueue, type RedisQueueOptions } from './queue/redis.js';
import type { JobQueue } from './queue/types.js';

export type Role = 'all' | 'web' | 'worker';

export interface ServiceOptions {
  env: Env;
  rules: RulesConfig;
  role: Role;
  logger: Logger;
  /** Test seams: a queue name/prefix of their own, a fixed clock, fast forum retries. */
  redis?: RedisQueueOptions;
  clock?: () => Date;
  forumRetry?: { retries?: number; minRetryMs?: number };
  /** Reconciliation and the daily re-evaluation (on unless a test turns them off). */
  periodic?: boolean;
  /** How long start-up waits for Redis to answer before it refuses (REDIS_AT_START_MS). */
  redisWaitMs?: number;
}

export interface Service {
  store: AppStore;
  queue: JobQueue<Job>;
  metrics: Metrics;
  categories: CategoryDirectory;
  forum: ForumClient;
  server: Server | null;
  port: number | null;
  close(): Promise<void>;
}

/** docs/spec/interface.md: split processes share state only through Redis and MongoDB. */
export function checkRole(role: Role, env: Env): void {
  if (role === 'all') return;
  if (!env.MONGODB_URI) {
    throw new ConfigError(
      `MONGODB_URI: required to run the ${role} process on its own (the embedded store is single-process); set it, or run both in one process with npm start`,
    );
  }
  if (!env.REDIS_URL) {
    throw new ConfigError(
      `REDIS_URL: required to run the ${role} process on its own (jobs cross processes through Redis); set it, or run both in one process with npm start`,
    );
  }
}

export async function startService(options: ServiceOptions): Promise<Service> {
  const { env, rules, role, logger } = options;
  checkRole(role, env);
  if (env.REDIS_URL) await redisAtStart(env.REDIS_URL, options.redisWaitMs ?? REDIS_AT_START_MS);
  const store: AppStore = await storeAtStart(env);
  // A proposal's deliveries go ahead of ordinary traffic, on either queue.
  const waitedFor = (jobs: readonly Job[]) =>
    deliveriesWaitedFor(
      jobs.map((j) => (j.kind === 'delivery' ? j : null)),
      (ids) => store.proposals.existing(ids),
    );
  const queue: JobQueue<Job> = env.REDIS_URL
    ? new RedisQueue<Job>(env.REDIS_URL, logger, {
        stalledMs: rules.queue.stalledSeconds * 1000,
        waitedFor,
        ...options.redis,
      })
    : // One clock for the handler and the queue, so a job scheduled for "now" is due now.
      new InProcessQueue<Job>(store, logger, {
        waitedFor,
        ...(options.clock ? { clock: () => options.clock!().getTime() } : {}),
      });
  if (queue.kind === 'in-process') await store.intake.ready?.();
  const metrics = new Metrics(() => queue.depth());
  const access = connectForum({
    env,
    rules,
    logger,
    metrics,
    keyPrefix: options.redis?.prefix ? `${options.redis.prefix}:` : '',
    retry: options.forumRetry,
  });
  const forum = access.forum;
  const categories = new CategoryDirectory(() => forum.listCategories(), rules.forum);

  let server: Server | null = null;
  if (role !== 'worker') {
    await readCategoryTree(categories, forum, logger);
    const listener = createRequestListener({
      secrets: [env.DISCOURSE_WEBHOOK_SECRET, env.DISCOURSE_WEBHOOK_SECRET_PREVIOUS].filter((s): s is string => !!s),
      bodyLimitBytes: env.WEBHOOK_BODY_LIMIT_BYTES,
      adminToken: env.ADMIN_TOKEN,
      queue,
      store,
      categories,
      metrics,
      logger,
      commands: rules.approval.commands,
      rules,
      forumUrl: env.DISCOURSE_URL,
      publicUrl: env.PUBLIC_URL ?? null,
      clock: options.clock,
      forumHealth: () => forum.health(),
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = createServer(listener).listen(env.PORT, () => resolve(s));
      s.once('error', (err: NodeJS.ErrnoException) => reject(portError(err, env.PORT)));
    });
    // Discourse waits 20 s for an answer; anything slower is already a failed delivery.
    server.requestTimeout = 20_000;
    server.headersTimeout = 10_000;
  }
  // Jobs start once the receiver listens: a start that fails (a port in use) has done no work,
  // and no job is left writing to the store while the process exits.
  let periodic: Periodic | null = null;
  if (role !== 'web') {
    queue.start(
      createJobHandler(
        createJobContext({
          store,
          categories,
          rules,
          forumUrl: env.DISCOURSE_URL,
          ownUsername: env.DISCOURSE_API_USERNAME,
          logger,
          metrics,
          clock: options.clock,
          forum,
          enqueue: (job, opts) => queue.enqueue(job, opts),
          owner: `worker-${randomUUID()}`,
          publicUrl: env.PUBLIC_URL ?? null,
        }),
      ),
    );
    if (options.periodic !== false) {
      periodic = startPeriodic({
        rules,
        enqueue: (job, opts) => queue.enqueue(job, opts),
        logger,
        clock: options.clock ? () => options.clock!().getTime() : undefined,
      });
    }
  }

  const port = server ? (server.address() as AddressInfo).port : null;
  logger.info({ role, port, queue: queue.kind, store: store.kind, dryRun: env.DRY_RUN }, 'meetup-companion started');

  let closing: Promise<void> | null = null;
  return {
    store,
    queue,
    metrics,
    categories,
    forum,
    server,
    port,
    close() {
      closing ??= (async () => {
        periodic?.stop();
        if (server) {
          await new Promise<void>((resolve) => server.close(() => resolve()));
        }
        await queue.close();
        access.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * The receiver answers a delivery from an unwatched category "ignored" only if it knows
 * the tree, so the tree is read before the first delivery is taken. A forum that does not
 * answer in time does not stop the start: deliveries are then queued, and the worker
 * reads the tree itself.
 */
async function readCategoryTree(categories: CategoryDirectory, forum: ForumClient, logger: Logger): Promise<void> {
  try {
    await withTimeout(categories.tree(), TREE_AT_START_MS, 'reading the category tree');
  } catch (err) {
    // Past the wait the client is still retrying: its last failure is the cause, not the wait.
    const health = forum.health();
    const cause =
      health.status === 'fails' ? `${health.call}: ${health.reason}` : ((err as Error)?.message ?? String(err));
    logger.warn(
      { err: cause, forum: forum.baseUrl },
      'category tree not read at start; it is read again on first use. Fix: check DISCOURSE_URL and that this machine reaches the forum',
    );
    categories.warm(() => undefined);
  }
}

const TREE_AT_START_MS = 2000;

/**
 * Redis unreachable at start is refused, as MongoDB is: a process that starts without its
 * queue answers every delivery 503 and looks alive to its supervisor, while one line that
 * names REDIS_URL shows the cause wherever the platform shows a failed start.
 */
async function redisAtStart(url: string, waitMs: number): Promise<void> {
  try {
    await probeRedis(url, waitMs);
  } catch (err) {
    throw new ConfigError(
      `REDIS_URL: Redis at ${redisHost(url)} does not answer (${(err as Error).message}). Fix: start Redis, or correct REDIS_URL (without it, jobs run in this process)`,
    );
  }
}

// A Redis that a platform starts beside the service may answer a moment after it.
const REDIS_AT_START_MS = 5000;

/** The store, or one line naming the setting that points at it. */
async function storeAtStart(env: Env): Promise<AppStore> {
  try {
    return await openAppStore(env);
  } catch (err) {
    if (err instanceof ConfigError || !env.MONGODB_URI) throw err;
    throw new ConfigError(
      `MONGODB_URI: MongoDB at ${mongoHosts(env.MONGODB_URI)} does not answer (${(err as Error).message}). Fix: start MongoDB (a replica set), or correct MONGODB_URI`,
    );
  }
}

/** The hosts of a MongoDB connection string, without user or password. */
export function mongoHosts(uri: string): string {
  const authority = uri.replace(/^mongodb(\+srv)?:\/\//, '').split(/[/?]/)[0] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1) || 'MONGODB_URI';
}

function portError(err: NodeJS.ErrnoException, port: number): Error {
  if (err.code === 'EADDRINUSE')
    return new ConfigError(
      `PORT: ${port} is in use by another process. Fix: stop that process, or set PORT to a free port`,
    );
  if (err.code === 'EACCES')
    return new ConfigError(
      `PORT: ${port} may not be opened by this user (ports below 1024 need privileges). Fix: set PORT to 1024 or above, and let a proxy listen on 80 or 443`,
    );
  return err;
}

/** The two timer functions a stop uses; a test passes a fake clock's. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/**
 * A stop that ends, whatever the backends do: `close` gets `ms` to finish the jobs in hand,
 * then the caller exits anyway. What was unfinished is not lost: the in-process queue keeps
 * it in its inbox, BullMQ gives a job whose lock lapses to the next worker.
 */
export async function stopWithin(
  close: () => Promise<void>,
  ms: number,
  timers: Timers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) },
): Promise<'stopped' | 'timed out'> {
  let timer: unknown;
  const late = new Promise<'timed out'>((resolve) => {
    timer = timers.setTimeout(() => resolve('timed out'), ms);
  });
  try {
    return await Promise.race([close().then(() => 'stopped' as const), late]);
  } finally {
    timers.clearTimeout(timer);
  }
}
