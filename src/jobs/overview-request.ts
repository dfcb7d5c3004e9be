import { durationMs } from '../config/rules-config.js';
import type { JobContext } from './context.js';
import type { OverviewJob } from './types.js';

/**
 * Asks for a run of the overview at the next multiple of `overview.minEditInterval`: the
 * queue keeps one job per key, so however many changes ask, the topic is looked at once per
 * interval, and edited only if its text changed.
 */
export async function requestOverview(ctx: JobContext, notBefore?: number): Promise<void> {
  if (!ctx.rules.overview.enabled) return;
  const interval = durationMs(ctx.rules.overview.minEditInterval);
  const at = notBefore ?? ctx.clock().getTime();
  const due = Math.ceil(at / interval) * interval;
  const job: OverviewJob = { kind: 'overview', key: `overview:${due}` };
  await ctx.enqueue(job, { notBefore: due, background: true });
}
