import type { Logger } from '../log.js';
import type { Inbox } from '../store/types.js';
import {
  defaultRetryPolicy,
  PermanentJobError,
  QueueUnavailableError,
  withTimeout,
  type EnqueueOptions,
  type Job,
  type JobHandler,
  type JobQueue,
  type RetryPolicy,
} from './types.js';

export interface InProcessQueueOptions {
  concurrency?: number;
  retry?: RetryPolicy;
  /** How often to look for retries that have come due when nothing new arrives. */
  pollMs?: number;
  enqueueTimeoutMs?: number;
  /** How long completed keys are remembered: the forum can redeliver for 30 days. */
  retentionMs?: number;
  clock?: () => number;
}

/**
 * Jobs run in this process, kept in the store's inbox: a job is written durably before
 * `enqueue` resolves and leaves the inbox only when its handler succeeded, so what was
 * taken but not finished is run again after a restart (at-least-once, like BullMQ).
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private handler: JobHandler | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Map<string, Promise<void>>();
  private wake: (() => void) | null = null;
  private pokeWhileBusy = false;
  private lastPrune = 0;
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly pollMs: number;
  private readonly enqueueTimeoutMs: number;
  private readonly retentionMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly inbox: Inbox<Job>,
    private readonly logger: Logger,
    options: InProcessQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.pollMs = options.pollMs ?? 1000;
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 1500;
    this.retentionMs = options.retentionMs ?? 31 * 24 * 3600_000;
    this.clock = options.clock ?? Date.now;
  }

  async enqueue(job: Job, options: EnqueueOptions = {}): Promise<'queued' | 'duplicate'> {
    let added: boolean;
    try {
      const now = this.clock();
      added = await withTimeout(this.inbox.add(job.key, job, now, Math.max(now, options.notBefore ?? now)), this.enqueueTimeoutMs, 'storing the delivery');
    } catch (err) {
      if (err instanceof QueueUnavailableError) throw err;
      throw new QueueUnavailableError(`cannot store the delivery: ${(err as Error).message}`);
    }
    if (added) this.poke();
    return added ? 'queued' : 'duplicate';
  }

  start(handler: JobHandler): void {
    if (this.running) return;
    this.handler = handler;
    this.running = true;
    this.loop = this.run();
  }

  async depth(): Promise<number> {
    return this.inbox.countPending();
  }

  async ping(): Promise<void> {
    await this.inbox.countPending();
  }

  async close(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    await Promise.all(this.inFlight.values());
  }

  private poke(): void {
    this.pokeWhileBusy = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pokeWhileBusy = false;
      let started = 0;
      try {
        started = await this.startDueJobs();
        await this.pruneNowAndThen();
      } catch (err) {
        this.logger.error({ err }, 'in-process queue: cannot read the inbox');
      }
      if (!this.running) break;
      if (started === 0 && !this.pokeWhileBusy) await this.sleep();
      else if (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight.values());
    }
  }

  private async startDueJobs(): Promise<number> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const due = await this.inbox.due(this.clock(), free + this.inFlight.size);
    let started = 0;
    for (const entry of due) {
      if (started >= free || !this.running) break;
      if (this.inFlight.has(entry.key)) continue;
      const task = this.runOne(entry.key, entry.job, entry.attempts + 1).finally(() => {
        this.inFlight.delete(entry.key);
        this.poke();
      });
      this.inFlight.set(entry.key, task);
      started++;
    }
    return started;
  }

  private async runOne(key: string, job: Job, attempt: number): Promise<void> {
    try {
      await this.handler!(job, attempt);
      await this.inbox.complete(key, this.clock());
    } catch (err) {
      const permanent = err instanceof PermanentJobError || attempt >= this.retry.maxAttempts;
      const message = (err as Error)?.message ?? String(err);
      const notBefore = permanent ? null : this.clock() + this.retry.delayMs(attempt);
      await this.inbox.retryLater(key, message, notBefore).catch((e: unknown) => this.logger.error({ err: e }, 'in-process queue: cannot record a failed attempt'));
      this.logger[permanent ? 'error' : 'warn']({ job: key.slice(0, 16), kind: job.kind, attempt, err: message }, permanent ? 'job failed for good' : 'job failed; will retry');
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, this.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = this.clock();
    if (now - this.lastPrune < 3600_000) return;
    this.lastPrune = now;
    const pruned = await this.inbox.prune(now - this.retentionMs);
    if (pruned > 0) this.logger.info({ pruned }, 'in-process queue: forgot old delivery keys');
  }
}
