import type { Observation } from '../events/payloads.js';

/** A verified forum delivery, reduced to what the thread snapshot needs. */
export interface DeliveryJob {
  kind: 'delivery';
  /** Content key: the same forum event always has the same key, whatever its delivery id. */
  key: string;
  event: string;
  eventId: number;
  receivedAt: string;
  observation: Observation;
}

/**
 * "Do the forum work this proposal is waiting for." Keyed by topic and time window, so
 * a burst of deliveries for one thread adds one job, which runs once the burst is over.
 */
export interface EffectsJob {
  kind: 'effects';
  key: string;
  topicId: number;
}

/** "Read this thread from the forum again": a resync request, backfill, or a difference reconciliation found. */
export interface ResyncJob {
  kind: 'resync';
  key: string;
  topicId: number;
  reason: 'api' | 'backfill' | 'reconcile';
}

/**
 * Periodic work, keyed by its time slot (`reconcile:<slot>`): every worker process
 * offers the job each slot, and the queue's key deduplication lets one of them run it.
 */
export interface ReconcileJob {
  kind: 'reconcile';
  key: string;
}

export interface ReevaluateJob {
  kind: 'reevaluate';
  key: string;
}

export type Job = DeliveryJob | EffectsJob | ResyncJob | ReconcileJob | ReevaluateJob;

export interface EnqueueOptions {
  /** Epoch ms before which the job must not run. */
  notBefore?: number;
}

export type JobHandler = (job: Job, attempt: number) => Promise<void>;

/** Thrown by a handler when trying again cannot help (a 403, a malformed job). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Thrown by `accept` and `enqueue` when the delivery or job cannot be stored durably right now. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

export interface JobQueue {
  readonly kind: 'redis' | 'in-process';
  /**
   * Adds a job of the service's own (effects, resync, periodic work); resolves once it
   * will survive a crash of this process. 'duplicate' when the same key is already known
   * (the in-process queue tells; BullMQ's addBulk does not, so Redis always says 'queued').
   */
  enqueue(job: Job, options?: EnqueueOptions): Promise<'queued' | 'duplicate'>;
  /**
   * Takes a verified delivery: resolves once it will survive a crash, when it may be
   * acknowledged. Deliveries of the same moment share one durable write, and each is
   * admitted to the queue (deduplicated by key) behind its acknowledgement, so a burst
   * is answered at the cost of a few writes, not of a queue insert per delivery.
   */
  accept(job: DeliveryJob): Promise<void>;
  /** Starts consuming; the same handler runs whichever backend is behind the queue. */
  start(handler: JobHandler): void;
  /** Jobs not finished yet, in the intake or the queue: 0 only when none is waiting (see `waitingIn`). */
  depth(): Promise<number>;
  ping(): Promise<void>;
  /** Stops taking jobs, lets the jobs in hand finish, then releases connections. */
  close(): Promise<void>;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before attempt `attempt + 1`, after `attempt` failures. */
  delayMs(attempt: number): number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 12,
  // 1 s, 2 s, 4 s … capped at 10 min: enough to ride out a forum or disk outage of an hour or more.
  delayMs: (attempt) => Math.min(1000 * 2 ** (attempt - 1), 10 * 60_000),
};

/**
 * A durable write bounded by `ms`. Any failure to store, or a store too slow, is a
 * QueueUnavailableError naming `what`: the receiver answers 503 with it, so the forum
 * tries again later.
 */
export async function storeWithin<T>(write: Promise<T>, ms: number, what: string, spentMs = 0): Promise<T> {
  try {
    return await withTimeout(write, ms, what, spentMs);
  } catch (err) {
    throw err instanceof QueueUnavailableError
      ? err
      : new QueueUnavailableError(`${what}: ${(err as Error)?.message ?? String(err)}`);
  }
}

/** Rejects once `ms` have passed, counting `spentMs` already spent waiting before the call. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, spentMs = 0): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new QueueUnavailableError(`${what} took longer than ${ms} ms`)),
      Math.max(0, ms - spentMs),
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Jobs waiting in the intake and in the queue behind it. A mover takes a batch from the
 * one to the other between any two reads, so the intake is read first: a batch moved in
 * between is then counted twice for a moment, never missed. Read the other way round, it
 * could be in neither, and an empty answer would not mean that nothing waits.
 */
export async function waitingIn(intake: () => Promise<number>, queue: () => Promise<number>): Promise<number> {
  const inIntake = await intake();
  return inIntake + (await queue());
}
