/** What the queue needs of a job: its kind (the handler that runs it) and its idempotency key. */
export interface QueuedJob {
  kind: string;
  key: string;
}

/**
 * How a job is named in a log line, whole: a delivery by the forum's delivery id, as the
 * receiver's line and the forum's webhook log name it ("delivery-88430"), since its key
 * holds the delivery's signature; any other job by its key.
 */
export function jobLogName(job: QueuedJob): string {
  const eventId = (job as { eventId?: unknown }).eventId;
  return typeof eventId === 'number' ? `delivery-${eventId}` : job.key;
}

export interface EnqueueOptions {
  /** Epoch ms before which the job must not run. */
  notBefore?: number;
  /**
   * Work nobody is waiting for (reconciliation, a withdrawn thread's edit): it runs only when
   * no other job is due, so under a burst the replies people wait on go first.
   */
  background?: boolean;
  /**
   * Work someone is waiting for (a proposal's status post edit): it runs before every other
   * due job, ahead of a burst's ordinary traffic.
   */
  waitedFor?: boolean;
}

/**
 * Which of the deliveries being admitted from the intake people wait for: those go ahead of
 * ordinary traffic. Told from what the store already knows, never by reading the thread.
 * A failure or a slow answer admits them all as ordinary: order is never at stake, only
 * who goes first.
 */
export type WaitedFor<J> = (jobs: readonly J[]) => Promise<boolean[]>;

export type JobHandler<J extends QueuedJob> = (job: J, attempt: number) => Promise<void>;

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before attempt `attempt + 1`, after `attempt` failures. */
  delayMs(attempt: number): number;
}

export interface JobQueue<J extends QueuedJob> {
  readonly kind: 'redis' | 'in-process';
  /**
   * Adds a job of the service's own (effects, resync, periodic work); resolves once it
   * will survive a crash of this process. 'duplicate' when the same key is already known
   * (the in-process queue tells; BullMQ's addBulk does not, so Redis always says 'queued').
   */
  enqueue(job: J, options?: EnqueueOptions): Promise<'queued' | 'duplicate'>;
  /**
   * Takes a verified delivery: resolves once it will survive a crash, when it may be
   * acknowledged. Deliveries of the same moment share one durable write, and each is
   * admitted to the queue (deduplicated by key) behind its acknowledgement, so a burst
   * is answered at the cost of a few writes, not of a queue insert per delivery.
   */
  accept(job: J): Promise<void>;
  /** Starts consuming; the same handler runs whichever backend is behind the queue. */
  start(handler: JobHandler<J>): void;
  /** Jobs not finished yet, in the intake or the queue: 0 only when none is waiting (see `waitingIn`). */
  depth(): Promise<number>;
  ping(): Promise<void>;
  /** Stops taking jobs, lets the jobs in hand finish, then releases connections. */
  close(): Promise<void>;
}
