import { storeWithin } from './deadline.js';

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
   * fails or runs out rejects every caller of its batch with an UnavailableError naming
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
