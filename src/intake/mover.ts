import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from '../log.js';
import type { Intake } from './types.js';
import { Wakeable } from './wake.js';

export interface IntakeMoverOptions {
  /** How long to wait before looking again when the intake was empty or failed. */
  idleMs?: number;
  /**
   * Taken before each step when several processes move from one intake; a `false`
   * means another process is moving, so this one waits. Correctness does not depend on
   * it (admission is idempotent), only the work saved.
   */
  lease?: { acquire(): Promise<boolean>; release(): Promise<void> };
  /** Awaited before each step: the ingest gate, so acknowledgements go first. */
  beforeBatch?: () => Promise<void>;
  /**
   * Batches admitted together in one step, as long as they hold no more than
   * `jobsPerMove` jobs (a first batch goes whole, however large). A queue that orders what
   * it holds (by lane) can only put a reply first once it holds it: a mover that admits no
   * faster than the jobs run keeps the backlog in the intake, first in first out.
   */
  batchesPerMove?: number | (() => number);
  jobsPerMove?: number;
}

/**
 * Moves acknowledged batches from the intake into the queue, oldest first: a step admits
 * one batch or several, then removes them. It yields to the event loop between steps, so
 * under a burst the receiver keeps answering while the backlog, durable in the intake,
 * waits its turn.
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
      let moved: boolean;
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
      const per = this.options.batchesPerMove ?? 1;
      const oldest = await this.intake.oldest(typeof per === 'function' ? per() : per);
      if (oldest.length === 0) return false;
      const most = this.options.jobsPerMove ?? Number.POSITIVE_INFINITY;
      const batches = [oldest[0]!];
      let jobs = oldest[0]!.jobs.length;
      for (const b of oldest.slice(1)) {
        if (jobs + b.jobs.length > most) break;
        batches.push(b);
        jobs += b.jobs.length;
      }
      await this.admit(batches.flatMap((b) => b.jobs));
      await Promise.all(batches.map((b) => this.intake.remove(b.id)));
      return true;
    } finally {
      await lease?.release();
    }
  }
}
