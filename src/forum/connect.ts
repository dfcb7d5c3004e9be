import { Redis } from 'ioredis';
import type { Env } from '../config/env.js';
import type { RulesConfig } from '../config/rules-config.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { MemoryBudget, RedisBudget, type ForumBudget } from './budget.js';
import { ForumClient } from './client.js';

export interface ForumAccess {
  forum: ForumClient;
  budget: ForumBudget;
  close(): void;
}

/**
 * The forum client with its request budget. With Redis the budget is shared by every
 * process (web, workers, a CLI run), so together they stay under the forum's limit;
 * without it, this process is the only caller.
 */
export function connectForum(options: {
  env: Env;
  rules: RulesConfig;
  logger: Logger;
  metrics?: Metrics;
  keyPrefix?: string;
  retry?: { retries?: number; minRetryMs?: number };
  /** false: a budget of this process only (doctor's few calls must work while Redis is down). */
  shared?: boolean;
  /** Test seam: how the budget waits (a test's virtual clock jumps instead). */
  budgetSleep?: (ms: number) => Promise<void>;
}): ForumAccess {
  const { env, rules, logger } = options;
  let connection: Redis | null = null;
  let budget: ForumBudget;
  if (env.REDIS_URL && options.shared !== false) {
    connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
    connection.on('error', (err) => logger.debug({ err: err.message }, 'redis budget connection error'));
    budget = new RedisBudget(connection, {
      perMinute: rules.forum.requestsPerMinute,
      keyPrefix: options.keyPrefix ?? '',
      sleep: options.budgetSleep,
    });
  } else {
    budget = new MemoryBudget({ perMinute: rules.forum.requestsPerMinute, sleep: options.budgetSleep });
  }
  const forum = new ForumClient({
    baseUrl: env.DISCOURSE_URL,
    apiKey: env.DISCOURSE_API_KEY,
    apiUsername: env.DISCOURSE_API_USERNAME,
    budget,
    logger,
    metrics: options.metrics,
    timeoutMs: rules.forum.requestTimeoutSeconds * 1000,
    dryRun: env.DRY_RUN,
    ...options.retry,
  });
  return {
    forum,
    budget,
    close() {
      budget.close();
      connection?.disconnect();
    },
  };
}
