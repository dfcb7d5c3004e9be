import { runEffects } from '../effects/run.js';
import type { JobContext } from './context.js';
import { refreshTopic } from './proposal.js';
import { runEffectsAt } from './schedule.js';
import type { EffectsJob, JobResult } from './types.js';

export async function handle(job: EffectsJob, ctx: JobContext): Promise<JobResult> {
  await runEffects(
    {
      ...ctx,
      refresh: (topicId) => refreshTopic(ctx, topicId),
      schedule: (topicId, notBefore) => runEffectsAt(ctx, topicId, notBefore),
    },
    job.topicId,
  );
  return 'effects';
}
