import { Queue, UnrecoverableError, Worker, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { withTimeout } from '../intake/deadline.js';
import { IngestGate } from '../intake/gate.js';
import { GroupCommit } from '../intake/group-commit.js';
import { IntakeMover } from '../intake/mover.js';
import { firstConnect, RedisIntake } from '../intake/redis.js';
import { everyOnce, type Logger } from '../log.js';
import { waitingIn } from './depth.js';
import { PermanentJobError } from './errors.js';
import { admissionLanes, laneOf } from './lanes.js';
import { defaultRetryPolicy } from './retry.js';
import {
  jobLogName,
  type EnqueueOptions,
  type JobHandler,
  type JobQueue,
  type QueuedJob,
  type RetryPolicy,
  type WaitedFor,
} from './types.js';
import type { Lane } from '../store/types.js';

export interface RedisQueueOptions {
  queueName?: string;
  /** Key prefix in Redis; tests give each run its own. */
  prefix?: string;
  concurrency?: number;
  retry?: RetryPolicy;
  enqueueTimeoutMs?: number;
  /** BullMQ lockDuration and stalledInterval: how soon a dead worker's job runs elsewhere. */
  stalledMs?: number;
  gate?: IngestGate;
}

/**
 * BullMQ takes jobs without a priority before any job with one, and among those the
 * lowest number first: what people wait for has none.
 */
const PRIORITY: Record<Lane, number | undefined> = { waited: undefined, ordinary: 1, background: 2 };

const BACKOFF = 'meetup-companion';

/**
 * What the mover admits in one step: moving costs round trips per step, not per delivery,
 * so a burst reaches BullMQ, where replies people wait for go first, long before its jobs
 * have run. The job cap keeps one step's triage read and addBulk short. A process that is
 * also taking the burst's deliveries moves one batch a step meanwhile: acknowledging comes first.
 */
const MOVE = { batchesPerMove: 50, jobsPerMove: 1000 };

/** Where a Redis URL points, without its password: what a person may read in a log or an answer. */
export function redisHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * Whether Redis answers at `url`, trying again for up to `waitMs` (a Redis started beside the
 * service may come up a moment later). Rejects with the network's own reason ("connect
 * ECONNREFUSED 127.0.0.1:6379"), not a timeout's.
 */
export async function probeRedis(url: string, waitMs: number): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    let reason = '';
    const redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: Math.max(100, Math.min(2000, until - Date.now())),
      retryStrategy: () => null,
    });
    redis.on('error', (err: Error) => (reason ||= err.message));
    try {
      await redis.connect();
      await redis.ping();
      return;
    } catch (err) {
      reason ||= (err as Error).message;
    } finally {
      redis.disconnect();
    }
    if (Date.now() + PROBE_PAUSE_MS >= until) throw new Error(reason || 'no answer');
    await new Promise((resolve) => setTimeout(resolve, PROBE_PAUSE_MS));
  }
}

const PROBE_PAUSE_MS = 250;

/**
 * BullMQ on Redis, for several processes. The producer's connection fails fast, so a
 * webhook is answered 503 at once when Redis is away instead of hanging; the worker's
 * connection uses BullMQ's required settings (maxRetriesPerRequest: null) so it
 * resumes by itself when Redis comes back (docs/spec/reliability.md §2).
 */
/** How often a Redis outage is logged while it lasts. */
const OUTAGE_LOG_EVERY_MS = 60_000;

/** A job's log fields, named as the receiver's and the job's own lines name it. */
function jobFields(job: QueuedJob | undefined): Record<string, unknown> {
  return job ? { job: jobLogName(job) } : {};
}

export class RedisQueue<J extends QueuedJob> implements JobQueue<J> {
  readonly kind = 'redis' as const;
  private readonly producerConnection: Redis;
  // Data and names spelled out: BullMQ infers them from a job type, which a type parameter leaves open.
  private readonly queue: Queue<J, unknown, string, J, unknown, string>;
  /** The mover's admissions, on its own connection: a large addBulk never holds up a delivery's append. */
  private admissions: Queue<J, unknown, string, J, unknown, string> | null = null;
  private worker: Worker<J, unknown, string> | null = null;
  private workerConnection: Redis | null = null;
  private readonly queueName: string;
  private readonly prefix: string;
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly enqueueTimeoutMs: number;
  private readonly stalledMs: number | undefined;
  private readonly jobOptions: JobsOptions;
  private readonly intake: RedisIntake<J>;
  private readonly appends: GroupCommit<J>;
  private readonly adds: GroupCommit<{ job: J; options: EnqueueOptions }>;
  private mover: IntakeMover<J> | null = null;
  private moverConnection: Redis | null = null;
  private readonly gate: IngestGate;
  /** The producer connection's last error, for /readyz: the network's reason, not ioredis's state. */
  private lastError: string | null = null;
  private readonly waitedFor: WaitedFor<J> | undefined;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    options: RedisQueueOptions & { waitedFor?: WaitedFor<J> } = {},
  ) {
    this.waitedFor = options.waitedFor;
    this.queueName = options.queueName ?? 'deliveries';
    this.prefix = options.prefix ?? 'meetup-companion';
    this.concurrency = options.concurrency ?? 4;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 1500;
    this.stalledMs = options.stalledMs;
    this.gate = options.gate ?? new IngestGate();
    this.producerConnection = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.producerConnection.on('error', (err) => {
      this.lastError = err.message;
      this.logger.debug({ err: err.message }, 'redis producer connection error');
    });
    this.producerConnection.on('close', () => (this.lastError ??= 'the connection closed'));
    this.producerConnection.on('ready', () => (this.lastError = null));
    this.queue = new Queue<J, unknown, string, J, unknown, string>(this.queueName, {
      connection: this.producerConnection,
      prefix: this.prefix,
    });
    this.queue.on('error', (err) => this.logger.debug({ err: err.message }, 'redis queue error'));
    this.jobOptions = {
      attempts: this.retry.maxAttempts,
      backoff: { type: BACKOFF },
      // The job id is the content key: adding a known key is a no-op while the job is kept.
      removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
      removeOnFail: { age: 31 * 24 * 3600 },
    };
    this.intake = new RedisIntake(this.producerConnection, this.intakePrefix());
    this.appends = new GroupCommit((jobs) => this.intake.append(jobs), {
      timeout: { ms: this.enqueueTimeoutMs, what: 'storing the delivery in Redis' },
      afterWrite: () => this.mover?.nudge(),
    });
    this.adds = new GroupCommit((items) => this.addBulk(items), {
      timeout: { ms: this.enqueueTimeoutMs, what: 'queueing the job in Redis' },
    });
  }

  private intakePrefix(): string {
    return `${this.prefix}:${this.queueName}`;
  }

  /** Acknowledged once the delivery's batch is in the Redis intake; a worker's mover admits it. */
  accept(job: J): Promise<void> {
    this.gate.delivery();
    return this.appends.add(job);
  }

  /** Jobs offered in the same event-loop turn go to Redis in one addBulk (one round trip). */
  async enqueue(job: J, options: EnqueueOptions = {}): Promise<'queued' | 'duplicate'> {
    await this.adds.add({ job, options });
    return 'queued';
  }

  private async addBulk(items: Array<{ job: J; options: EnqueueOptions }>, queue = this.queue): Promise<void> {
    const now = Date.now();
    await queue.addBulk(
      items.map(({ job, options }) => {
        const priority = PRIORITY[laneOf(options)];
        return {
          name: job.kind,
          data: job,
          // BullMQ refuses ':' in custom job ids; the id is the content key, so adding a known key is a no-op.
          opts: {
            ...this.jobOptions,
            ...(priority === undefined ? {} : { priority }),
            jobId: job.key.replaceAll(':', '-'),
            delay: options.notBefore === undefined ? 0 : Math.max(0, options.notBefore - now),
          },
        };
      }),
    );
  }

  start(handler: JobHandler<J>): void {
    if (this.worker) return;
    this.workerConnection = new Redis(this.url, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', (err) =>
      this.logger.debug({ err: err.message }, 'redis worker connection error'),
    );
    this.worker = new Worker<J, unknown, string>(
      this.queueName,
      async (job) => {
        await this.gate.turn();
        try {
          await handler(job.data, job.attemptsMade + 1);
        } catch (err) {
          if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
          throw err;
        }
      },
      {
        connection: this.workerConnection,
        prefix: this.prefix,
        concurrency: this.concurrency,
        ...(this.stalledMs ? { lockDuration: this.stalledMs, stalledInterval: this.stalledMs } : {}),
        settings: { backoffStrategy: (attemptsMade: number) => this.retry.delayMs(attemptsMade) },
      },
    );
    // While Redis is away the worker reports each reconnect attempt: once a minute says as much.
    const workerError = everyOnce(OUTAGE_LOG_EVERY_MS);
    this.worker.on('error', (err) =>
      workerError((suppressed) =>
        this.logger.warn({ err: err.message, ...(suppressed ? { suppressed } : {}) }, 'redis worker error'),
      ),
    );
    this.worker.on('failed', (job, err) =>
      this.logger.warn({ ...jobFields(job?.data), attempt: job?.attemptsMade, err: err.message }, 'job failed'),
    );
    // BullMQ names the job by its id, which spells the key's ':' as '-': the job itself has the key.
    this.worker.on(
      'stalled',
      (jobId) =>
        void this.queue
          .getJob(jobId)
          .catch(() => undefined)
          .then((job) =>
            this.logger.warn(job ? jobFields(job.data) : { job: jobId }, 'job stalled; it will run again'),
          ),
    );

    // The mover waits out a Redis outage on a connection of its own instead of failing.
    this.moverConnection = new Redis(this.url, { maxRetriesPerRequest: null });
    this.moverConnection.on('error', (err) => this.logger.debug({ err: err.message }, 'redis mover connection error'));
    const intake = new RedisIntake<J>(this.moverConnection, this.intakePrefix());
    const admissions = new Queue<J, unknown, string, J, unknown, string>(this.queueName, {
      connection: this.moverConnection,
      prefix: this.prefix,
    });
    admissions.on('error', (err) => this.logger.debug({ err: err.message }, 'redis admission queue error'));
    this.admissions = admissions;
    this.mover = new IntakeMover(
      intake,
      async (jobs) => {
        const lanes = await admissionLanes(jobs, this.waitedFor, this.logger);
        await this.addBulk(
          jobs.map((job, i) => ({ job, options: { waitedFor: lanes[i] === 'waited' } })),
          admissions,
        );
      },
      this.logger,
      {
        idleMs: 100,
        lease: intake.lease(10_000),
        beforeBatch: () => this.gate.turn(),
        batchesPerMove: () => (this.gate.receiving() ? 1 : MOVE.batchesPerMove),
        jobsPerMove: MOVE.jobsPerMove,
      },
    );
    this.mover.start();
  }

  depth(): Promise<number> {
    const inQueue = async () =>
      Object.values(await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).reduce(
        (a, b) => a + b,
        0,
      );
    return withTimeout(
      waitingIn(() => this.intake.count(), inQueue),
      1000,
      'counting jobs',
    );
  }

  /** Just after start-up the first connection is worth its wait (as for an append); a lost one is not. */
  async ping(): Promise<void> {
    try {
      await withTimeout(
        firstConnect(this.producerConnection).then(() => this.producerConnection.ping()),
        1000,
        'pinging Redis',
      );
    } catch (err) {
      const reason = this.lastError ?? (err as Error).message;
      throw new Error(
        `Redis at ${redisHost(this.url)} does not answer (${reason}). Fix: check REDIS_URL and that Redis runs`,
        { cause: err },
      );
    }
  }

  async close(): Promise<void> {
    await this.mover?.close();
    // Worker.close waits for the jobs in hand before it returns.
    if (this.worker) await this.worker.close();
    await this.admissions?.close().catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    // BullMQ leaves connections it was given open (docs/spec/reliability.md §2): close them last.
    this.workerConnection?.disconnect();
    this.moverConnection?.disconnect();
    this.producerConnection.disconnect();
  }
}
