import { durationMs, type RulesConfig } from '../config/rules-config.js';
import type { Logger } from '../log.js';
import type { EnqueueOptions } from '../queue/types.js';
import type { Job } from './types.js';

/**
 * The periodic jobs of the worker, keyed by their time slot. Every worker process offers
 * the current slot's jobs each tick; the queue stores a key once (BullMQ job id, or the
 * embedded inbox), so exactly one run happens per slot however many workers there are,
 * and a restart inside a slot does not run it twice.
 */
export function periodicJobs(rules: RulesConfig, nowMs: number): Job[] {
  const interval = rules.reconcile.intervalMinutes * 60_000;
  const slot = String(Math.floor(nowMs / interval));
  const day = new Date(nowMs - rules.reconcile.dailyHourUtc * 3600_000).toISOString().slice(0, 10);
  const check = String(Math.floor(nowMs / durationMs(rules.lifecycle.checkEvery)));
  return [
    { kind: 'reconcile', key: `reconcile:${slot}`, slot },
    { kind: 'reevaluate', key: `reevaluate:${day}`, day },
    { kind: 'lifecycle', key: `lifecycle:${check}`, slot: check },
  ];
}

export interface Periodic {
  stop(): void;
  /** Offers the current slot's jobs now (also done once at start). */
  tick(): Promise<void>;
}

export function startPeriodic(options: {
  rules: RulesConfig;
  enqueue(job: Job, options: EnqueueOptions): Promise<unknown>;
  logger: Logger;
  clock?: () => number;
  tickMs?: number;
}): Periodic {
  const clock = options.clock ?? Date.now;
  const tick = async () => {
    for (const job of periodicJobs(options.rules, clock())) {
      try {
        await options.enqueue(job, { background: true });
      } catch (err) {
        // The next tick offers the same slot again.
        options.logger.warn(
          { job: job.key, err: (err as Error).message },
          'periodic job not queued; will offer it again',
        );
      }
    }
  };
  const tickMs =
    options.tickMs ??
    Math.min(60_000, options.rules.reconcile.intervalMinutes * 60_000, durationMs(options.rules.lifecycle.checkEvery));
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer), tick };
}
