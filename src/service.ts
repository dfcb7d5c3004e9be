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
import { RedisQueue, type RedisQueueOptions } from './queue/redis.js';
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
  const store: AppStore = await openAppStore(env);
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

  let server: Server | null = null;
  if (role !== 'worker') {
    await readCategoryTree(categories, logger);
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
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = createServer(listener).listen(env.PORT, () => resolve(s));
      s.once('error', reject);
    });
    // Discourse waits 20 s for an answer; anything slower is already a failed delivery.
    server.requestTimeout = 20_000;
    server.headersTimeout = 10_000;
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
async function readCategoryTree(categories: CategoryDirectory, logger: Logger): Promise<void> {
  try {
    await withTimeout(categories.tree(), TREE_AT_START_MS, 'reading the category tree');
  } catch (err) {
    logger.warn({ err: (err as Error)?.message }, 'category tree not read at start; it is read again on first use');
    categories.warm(() => undefined);
  }
}

const TREE_AT_START_MS = 2000;
