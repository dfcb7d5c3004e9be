import { storeWithin } from '../intake/deadline.js';
import { IngestGate } from '../intake/gate.js';
import { GroupCommit } from '../intake/group-commit.js';
import { IntakeMover } from '../intake/mover.js';
import type { Intake } from '../intake/types.js';
import { Wakeable } from '../intake/wake.js';
import type { Logger } from '../log.js';
import type { Inbox } from '../store/types.js';
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

export interface InProcessQueueOptions<J> {
  concurrency?: number;
  retry?: RetryPolicy;
  /** How often to look for retries that have come due when nothing new arrives. */
  pollMs?: number;
  enqueueTimeoutMs?: number;
  /** How long completed keys are remembered: the forum can redeliver for 30 days. */
  retentionMs?: number;
  clock?: () => number;
  gate?: IngestGate;
  /** Which deliveries people wait for: admitted ahead of the others. */
  waitedFor?: WaitedFor<J>;
}

// Admitting a batch takes the inbox's per-key check and writes; in slices this size the
// receiver gets the event loop back between them.
const ADMIT_SLICE = 50;

/**
 * Jobs run in this process, kept in the store's inbox: a job is written durably before
 * `enqueue` resolves and leaves the inbox only when its handler succeeded, so what was
 * taken but not finished is run again after a restart (at-least-once, like BullMQ).
 * Deliveries come in through the store's intake, and are admitted to the inbox behind
 * their acknowledgement.
 */
export class InProcessQueue<J extends QueuedJob> implements JobQueue<J> {
  readonly kind = 'in-process' as const;
  private handler: JobHandler<J> | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Keys finished while a read of due entries was in flight: that read may still list them. */
  private finishedDuringRead: Set<string> | null = null;
  private readonly alarm = new Wakeable();
  private readonly appends: GroupCommit<J>;
  private readonly mover: IntakeMover<J>;
  private lastPrune = 0;
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly pollMs: number;
  private readonly enqueueTimeoutMs: number;
  private readonly retentionMs: number;
  private readonly clock: () => number;
  private readonly inbox: Inbox<J>;
  private readonly intake: Intake<J>;
  private readonly gate: IngestGate;
  private readonly waitedFor: WaitedFor<J> | undefined;

  constructor(
    store: { inbox: Inbox<J>; intake: Intake<J> },
    private readonly logger: Logger,
    options: InProcessQueueOptions<J> = {},
  ) {
    this.inbox = store.inbox;
    this.intake = store.intake;
    this.concurrency = options.concurrency ?? 4;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.pollMs = options.pollMs ?? 1000;
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 1500;
    this.retentionMs = options.retentionMs ?? 31 * 24 * 3600_000;
    this.clock = options.clock ?? Date.now;
    this.gate = options.gate ?? new IngestGate();
    this.waitedFor = options.waitedFor;
    this.mover = new IntakeMover(this.intake, (jobs) => this.admit(jobs), logger, {
      idleMs: this.pollMs,
      beforeBatch: () => this.gate.turn(),
    });
    this.appends = new GroupCommit((jobs) => this.intake.append(jobs), {
      timeout: { ms: this.enqueueTimeoutMs, what: 'storing the delivery' },
      afterWrite: () => this.mover.nudge(),
    });
  }

  accept(job: J): Promise<void> {
    this.gate.delivery();
    return this.appends.add(job);
  }

  private async admit(jobs: J[]): Promise<void> {
    const lanes = await admissionLanes(jobs, this.waitedFor, this.logger);
    for (let i = 0; i < jobs.length; i += ADMIT_SLICE) {
      const now = this.clock();
      const added = await Promise.all(
        jobs.slice(i, i + ADMIT_SLICE).map((job, k) => this.inbox.add(job.key, job, now, now, lanes[i + k])),
      );
      if (added.includes(true)) this.poke();
    }
  }

  async enqueue(job: J, options: EnqueueOptions = {}): Promise<'queued' | 'duplicate'> {
    const now = this.clock();
    // A store that is away or too slow is a 503, so the forum tries again later.
    const added = await storeWithin(
      this.inbox.add(job.key, job, now, Math.max(now, options.notBefore ?? now), laneOf(options)),
      this.enqueueTimeoutMs,
      'storing the job',
    );
    if (added) this.poke();
    return added ? 'queued' : 'duplicate';
  }

  start(handler: JobHandler<J>): void {
    if (this.running) return;
    this.handler = handler;
    this.running = true;
    this.loop = this.run();
    this.mover.start();
  }

  depth(): Promise<number> {
    return waitingIn(
      () => this.intake.count(),
      () => this.inbox.countPending(),
    );
  }

  async ping(): Promise<void> {
    await this.inbox.countPending();
  }

  async close(): Promise<void> {
    await this.mover.close();
    this.running = false;
    this.poke();
    await this.loop;
    await Promise.all(this.inFlight.values());
  }

  private poke(): void {
    this.alarm.wake();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.alarm.takeWoken();
      let started = 0;
      try {
        await this.gate.turn();
        started = await this.startDueJobs();
        await this.pruneNowAndThen();
      } catch (err) {
        this.logger.error({ err }, 'in-process queue: cannot read the inbox');
      }
      if (!this.running) break;
      if (started === 0 && !this.alarm.takeWoken()) await this.alarm.sleep(this.pollMs);
      else if (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight.values());
    }
  }

  private async startDueJobs(): Promise<number> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const finished = new Set<string>();
    this.finishedDuringRead = finished;
    let due;
    try {
      due = await this.inbox.due(this.clock(), free + this.inFlight.size);
    } finally {
      this.finishedDuringRead = null;
    }
    let started = 0;
    for (const entry of due) {
      if (started >= free || !this.running) break;
      if (this.inFlight.has(entry.key) || finished.has(entry.key)) continue;
      const task = this.runOne(entry.key, entry.job, entry.attempts + 1).finally(() => {
        this.inFlight.delete(entry.key);
        this.finishedDuringRead?.add(entry.key);
        this.poke();
      });
      this.inFlight.set(entry.key, task);
      started++;
    }
    return started;
  }

  private async runOne(key: string, job: J, attempt: number): Promise<void> {
    try {
      await this.handler!(job, attempt);
      await this.inbox.complete(key, this.clock());
    } catch (err) {
      const permanent = err instanceof PermanentJobError || attempt >= this.retry.maxAttempts;
      const message = (err as Error)?.message ?? String(err);
      const notBefore = permanent ? null : this.clock() + this.retry.delayMs(attempt);
      await this.inbox
        .retryLater(key, message, notBefore)
        .catch((e: unknown) => this.logger.error({ err: e }, 'in-process queue: cannot record a failed attempt'));
      this.logger[permanent ? 'error' : 'warn'](
        { job: jobLogName(job), kind: job.kind, attempt, err: message },
        permanent ? 'job failed for good' : 'job failed; will retry',
      );
    }
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = this.clock();
    if (now - this.lastPrune < 3600_000) return;
    this.lastPrune = now;
    const pruned = await this.inbox.prune(now - this.retentionMs);
    if (pruned > 0) this.logger.info({ pruned }, 'in-process queue: forgot old delivery keys');
  }
}
