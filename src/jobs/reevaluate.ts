import type { JobContext } from './context.js';
import { refreshTopic } from './proposal.js';
import { OPEN_STATES } from './reconcile.js';
import type { JobResult, ReevaluateJob } from './types.js';

export async function handle(_job: ReevaluateJob, ctx: JobContext): Promise<JobResult> {
  await reevaluateOpen(ctx);
  return 'reevaluated';
}

/** The daily pass: rules that read the date (a launch date that has passed) are evaluated again. */
async function reevaluateOpen(ctx: JobContext): Promise<number> {
  const open = (await ctx.store.proposals.list()).map((p) => p.value).filter((p) => OPEN_STATES.has(p.state));
  for (const p of open) await refreshTopic(ctx, p.topicId);
  ctx.logger.info({ proposals: open.length }, 'daily re-evaluation done');
  return open.length;
}
