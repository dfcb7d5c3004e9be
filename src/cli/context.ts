import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/index.js';
import { CategoryDirectory } from '../forum/categories.js';
import type { ForumClient } from '../forum/client.js';
import { connectForum, type ForumAccess } from '../forum/connect.js';
import type { Logger } from '../log.js';
import { Metrics } from '../metrics.js';
import { createJobContext, openAppStore, type AppStore, type JobContext } from '../jobs/context.js';
import type { Job } from '../jobs/types.js';
import { InProcessQueue } from '../queue/in-process.js';
import { RedisQueue, type RedisQueueOptions } from '../queue/redis.js';
import type { JobQueue } from '../queue/types.js';

/** Where a command writes what a person reads (stdout), and its progress (stderr). */
export interface Output {
  line(text: string): void;
  /** A TTY to draw a progress bar on, or null. */
  progress: NodeJS.WriteStream | null;
}

/**
 * What a command may use, built on first use: a command that only reads the store does
 * not reach for the forum, and doctor can report a store that does not open.
 */
export class CliContext {
  readonly metrics = new Metrics(async () => 0);
  private access: ForumAccess | null = null;
  private openedStore: Promise<AppStore> | null = null;
  private openedQueue: JobQueue<Job> | null = null;
  private directory: CategoryDirectory | null = null;
  private sharedBudget = true;

  constructor(
    readonly config: AppConfig,
    readonly logger: Logger,
    readonly out: Output,
    private readonly seams: {
      redis?: RedisQueueOptions;
      clock?: () => Date;
      forumRetry?: { retries?: number; minRetryMs?: number };
      budgetSleep?: (ms: number) => Promise<void>;
    } = {},
  ) {}

  /** Before the first forum call: count this run's calls on its own instead of in Redis. */
  useLocalBudget(): void {
    this.sharedBudget = false;
  }

  get forum(): ForumClient {
    this.access ??= connectForum({
      env: this.config.env,
      rules: this.config.rules,
      logger: this.logger,
      metrics: this.metrics,
      keyPrefix: this.seams.redis?.prefix ? `${this.seams.redis.prefix}:` : '',
      retry: this.seams.forumRetry,
      shared: this.sharedBudget,
      budgetSleep: this.seams.budgetSleep,
    });
    return this.access.forum;
  }

  get categories(): CategoryDirectory {
    this.directory ??= new CategoryDirectory(() => this.forum.listCategories(), this.config.rules.forum);
    return this.directory;
  }

  store(): Promise<AppStore> {
    this.openedStore ??= openAppStore(this.config.env);
    return this.openedStore;
  }

  /** The service's queue, to hand work to its worker (nothing is consumed here). */
  async queue(): Promise<JobQueue<Job>> {
    if (!this.openedQueue) {
      const env = this.config.env;
      this.openedQueue = env.REDIS_URL
        ? new RedisQueue<Job>(env.REDIS_URL, this.logger, this.seams.redis)
        : new InProcessQueue<Job>(await this.store(), this.logger);
    }
    return this.openedQueue;
  }

  /** What the jobs work with, for a command that runs a job's work itself (backfill). */
  async jobContext(): Promise<JobContext> {
    const queue = await this.queue();
    return createJobContext({
      store: await this.store(),
      categories: this.categories,
      forum: this.forum,
      rules: this.config.rules,
      forumUrl: this.config.env.DISCOURSE_URL,
      ownUsername: this.config.env.DISCOURSE_API_USERNAME,
      logger: this.logger,
      metrics: this.metrics,
      clock: this.seams.clock,
      enqueue: (job, options) => queue.enqueue(job, options),
      owner: `cli-${randomUUID()}`,
      publicUrl: this.config.env.PUBLIC_URL ?? null,
    });
  }

  /** Forum calls made so far by this run. */
  async forumCalls(): Promise<number> {
    const metric = await this.metrics.forumCalls.get();
    return metric.values.reduce((n, v) => n + v.value, 0);
  }

  async close(): Promise<void> {
    await this.openedQueue?.close();
    this.access?.close();
    if (this.openedStore) await (await this.openedStore.catch(() => null))?.close();
  }
}
