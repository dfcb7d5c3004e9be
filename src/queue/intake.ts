import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from '../log.js';
import type { Intake } from '../store/types.js';
import { storeWithin } from './types.js';
import { Wakeable } from './wake.js';

// A burst's batch stops growing here: it is written at once, beside a write in flight.
const MAX_BATCH = 500;

/**
 * Group commit: one durable write for many callers. Items wait while a write is in flight
 * and all go in the next one, which starts as soon as it ends; when nothing is in flight,
 * the items of one event-loop turn go together. Each caller resolves only once the write
 * that holds its item has finished, and rejects if that write failed.
 *
 * One write at a time is what a synced write wants: a second one started meanwhile would
 * only queue behind the first one's flush (LevelDB's writer takes one at a time), at the
 * cost of a thread hand-off of its own. Under load the batches grow by themselves: the
 * slower the disk, the more each write carries.
 */
export class GroupCommit<T> {
  private batch: Array<{ item: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  /** When the oldest item of `batch` came: the timeout counts from there. */
  private batchSince = 0;
  private readonly write: (items: T[], waitedMs: number) => Promise<void>;
  private readonly maxBatch: number;
  private readonly afterWrite: () => void;
  private writing = false;
  private scheduled = false;

  /**
   * `timeout` bounds each caller's wait, once per batch rather than with a timer per
   * caller, counted from the batch's oldest item: time spent behind a write in flight
   * counts too, so a hung disk is a 503 within `ms`, not within twice that. A write that
   * fails or runs out rejects every caller of its batch with a QueueUnavailableError naming
   * `what`: the receiver's 503. `afterWrite` runs once per successful write, before its
   * callers resume.
   */
  constructor(
    write: (items: T[]) => Promise<void>,
    options: { maxBatch?: number; timeout?: { ms: number; what: string }; afterWrite?: () => void } = {},
  ) {
    const timeout = options.timeout;
    this.write = timeout ? (items, waitedMs) => storeWithin(write(items), timeout.ms, timeout.what, waitedMs) : write;
    this.maxBatch = options.maxBatch ?? MAX_BATCH;
    this.afterWrite = options.afterWrite ?? (() => undefined);
  }

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.batch.length === 0) this.batchSince = performance.now();
      this.batch.push({ item, resolve, reject });
      // A full batch goes at once, even beside a write in flight: a burst is not held back.
      if (this.batch.length >= this.maxBatch) void this.flush();
      else this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // A full batch may have started a write since: these items then wait for its end.
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    if (batch.length === 0) return;
    const since = this.batchSince;
    this.batch = [];
    const first = !this.writing;
    this.writing = true;
    try {
      await this.write(
        batch.map((b) => b.item),
        performance.now() - since,
      );
    } catch (err) {
      for (const b of batch) b.reject(err);
      return;
    } finally {
      // Only the write that set the flag clears it; a full batch's extra write does not.
      if (first) {
        this.writing = false;
        if (this.batch.length > 0) this.schedule();
      }
    }
    this.afterWrite();
    for (const b of batch) b.resolve();
  }
}

export interface IntakeMoverOptions {
  /** How long to wait before looking again when the intake was empty or failed. */
  idleMs?: number;
  /**
   * Taken before each batch when several processes move from one intake; a `false`
   * means another process is moving, so this one waits. Correctness does not depend on
   * it (admission is idempotent), only the work saved.
   */
  lease?: { acquire(): Promise<boolean>; release(): Promise<void> };
  /** Awaited before each batch: the ingest gate, so acknowledgements go first. */
  beforeBatch?: () => Promise<void>;
}

/**
 * Moves acknowledged batches from the intake into the queue, oldest first: each batch is
 * admitted, then removed. It yields to the event loop between batches, so under a burst
 * the receiver keeps answering while the backlog, durable in the intake, waits its turn.
 */
export class IntakeMover<J> {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly alarm = new Wakeable();
  private readonly idleMs: number;

  constructor(
    private readonly intake: Intake<J>,
    private readonly admit: (jobs: J[]) => Promise<void>,
    private readonly logger: Logger,
    private readonly options: IntakeMoverOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 200;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Something was appended: look now instead of at the next poll. */
  nudge(): void {
    this.alarm.wake();
  }

  async close(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.alarm.takeWoken();
      let moved = false;
      try {
        moved = await this.moveOne();
        failures = 0;
      } catch (err) {
        // One warning per outage, not one per attempt; attempts slow down to every 5 s.
        if (failures++ === 0)
          this.logger.warn(
            { err: (err as Error)?.message ?? String(err) },
            'intake: cannot admit deliveries yet; they wait, durable, and will be admitted',
          );
        if (this.running) await this.alarm.sleep(Math.min(this.idleMs * 2 ** failures, 5000));
        continue;
      }
      if (!this.running) break;
      if (moved) await nextTurn();
      else if (!this.alarm.takeWoken()) await this.alarm.sleep(this.idleMs);
    }
  }

  private async moveOne(): Promise<boolean> {
    await this.options.beforeBatch?.();
    const lease = this.options.lease;
    if (lease && !(await lease.acquire())) return false;
    try {
      const [batch] = await this.intake.oldest(1);
      if (!batch) return false;
      await this.admit(batch.jobs);
      await this.intake.remove(batch.id);
      return true;
    } finally {
      await lease?.release();
    }
  }
}
