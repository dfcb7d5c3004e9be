import type { IntakeBatch } from './types.js';

/**
 * The batches this process appended lately, kept as the objects they were made from, so
 * the mover admits them without reading them back: no read on libuv's pool or round trip
 * to Redis, and no JSON to parse again, for what is still in memory anyway. What the
 * intake holds stays the truth: a batch is taken from here only when the intake lists it,
 * and read from the intake when it is not here (another process appended it, or this one
 * restarted). Jobs are plain JSON data, so the object and its stored copy are the same.
 *
 * Bounded by jobs: under a flood the oldest are let go and read back like any other.
 */
export class RecentBatches<J> {
  private readonly batches = new Map<string, J[]>();
  private jobs = 0;

  constructor(private maxJobs = 10_000) {}

  /**
   * Raises or lowers the bound. A process without a mover (a web process beside Redis)
   * keeps nothing: no one there would ever take the batches back.
   */
  keepUpTo(maxJobs: number): void {
    this.maxJobs = maxJobs;
    this.evict();
  }

  /** Only once the batch is durable in the intake. */
  remember(id: string, jobs: J[]): void {
    this.forget(id);
    this.batches.set(id, jobs);
    this.jobs += jobs.length;
    this.evict();
  }

  private evict(): void {
    for (const [oldest, held] of this.batches) {
      if (this.jobs <= this.maxJobs) break;
      this.batches.delete(oldest);
      this.jobs -= held.length;
    }
  }

  recall(id: string): J[] | undefined {
    return this.batches.get(id);
  }

  /**
   * The intake's listed `ids` as batches: from memory where held, the rest with one
   * `read` (none when all are held). An id that neither has, such as a batch removed
   * meanwhile, is left out.
   */
  async withJobs(ids: string[], read: (missing: string[]) => Promise<Array<J[] | undefined>>): Promise<Array<IntakeBatch<J>>> {
    const missing = ids.filter((id) => !this.batches.has(id));
    const found = missing.length > 0 ? await read(missing) : [];
    const stored = new Map(missing.map((id, i) => [id, found[i]]));
    // Looked up again after the read: a batch removed while it ran is not handed out.
    return ids.flatMap((id) => {
      const jobs = this.batches.get(id) ?? stored.get(id);
      return jobs === undefined ? [] : [{ id, jobs }];
    });
  }

  forget(id: string): void {
    const held = this.batches.get(id);
    if (!held) return;
    this.batches.delete(id);
    this.jobs -= held.length;
  }

  get size(): number {
    return this.jobs;
  }
}
