import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, type Env } from './config/env.js';
import type { RulesConfig } from './config/rules-config.js';
import { createJobHandler } from './events/handler.js';
import { compileRules } from './rules/checklist.js';
import { CategoryDirectory } from './forum/categories.js';
import { ForumClient } from './forum/client.js';
import { createApp } from './http/app.js';
import type { Logger } from './log.js';
import { Metrics } from './metrics.js';
import { InProcessQueue } from './queue/in-process.js';
import { RedisQueue, type RedisQueueOptions } from './queue/redis.js';
import type { JobQueue } from './queue/types.js';
import { openStore, type AppStore } from './store/index.js';

export type Role = 'all' | 'web' | 'worker';

export interface ServiceOptions {
  env: Env;
  rules: RulesConfig;
  role: Role;
  logger: Logger;
  /** Test seams: a queue name/prefix of their own, a fixed clock. */
  redis?: RedisQueueOptions;
  clock?: () => Date;
}

export interface Service {
  store: AppStore;
  queue: JobQueue;
  metrics: Metrics;
  categories: CategoryDirectory;
  server: Server | null;
  port: number | null;
  close(): Promise<void>;
}

/** interface.md: split processes share state only through Redis and MongoDB. */
export function checkRole(role: Role, env: Env): void {
  if (role === 'all') return;
  if (!env.MONGODB_URI) {
    throw new ConfigError(`MONGODB_URI: required to run the ${role} process on its own (the embedded store is single-process); set it, or run both in one process with npm start`);
  }
  if (!env.REDIS_URL) {
    throw new ConfigError(`REDIS_URL: required to run the ${role} process on its own (jobs cross processes through Redis); set it, or run both in one process with npm start`);
  }
}

export async function startService(options: ServiceOptions): Promise<Service> {
  const { env, rules, role, logger } = options;
  checkRole(role, env);
  const store = await openStore(env);
  const queue: JobQueue = env.REDIS_URL
    ? new RedisQueue(env.REDIS_URL, logger, options.redis)
    : new InProcessQueue(store.inbox, logger);
  const metrics = new Metrics(() => queue.depth());
  const forum = new ForumClient({ baseUrl: env.DISCOURSE_URL, apiKey: env.DISCOURSE_API_KEY, apiUsername: env.DISCOURSE_API_USERNAME });
  const categories = new CategoryDirectory(() => forum.listCategories(), rules.forum);

  if (role !== 'web') {
    queue.start(
      createJobHandler({
        store,
        categories,
        rules,
        compiled: compileRules(rules, env.DISCOURSE_API_USERNAME),
        forumUrl: env.DISCOURSE_URL,
        ownUsername: env.DISCOURSE_API_USERNAME,
        logger,
        metrics,
        clock: options.clock,
      }),
    );
  }

  let server: Server | null = null;
  if (role !== 'worker') {
    const app = createApp({
      secrets: [env.DISCOURSE_WEBHOOK_SECRET, env.DISCOURSE_WEBHOOK_SECRET_PREVIOUS].filter((s): s is string => !!s),
      bodyLimitBytes: env.WEBHOOK_BODY_LIMIT_BYTES,
      adminToken: env.ADMIN_TOKEN,
      queue,
      store,
      categories,
      metrics,
      logger,
      clock: options.clock,
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(env.PORT, () => resolve(s));
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
    server,
    port,
    close() {
      closing ??= (async () => {
        if (server) {
          await new Promise<void>((resolve) => server!.close(() => resolve()));
        }
        await queue.close();
        await store.close();
      })();
      return closing;
    },
  };
}
