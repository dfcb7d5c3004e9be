import { runEffects } from '../effects/run.js';
import type { JobContext } from './context.js';
import { indexMeetup } from './meetups.js';
import { refreshTopic } from './proposal.js';
import { runEffectsAt, scheduleEffects } from './schedule.js';
import type { EffectsJob, JobResult } from './types.js';

/** How many times one job reads the proposal again after a category was made, before it leaves the rest to another. */
const REFRESHES_PER_JOB = 3;

/**
 * Runs a topic's pending effects and does what they leave to the jobs: read the thread
 * again once the category exists, or ask for another run.
 */
export async function runEffectsJob(ctx: JobContext, topicId: number): Promise<'idle' | 'done' | 'deferred'> {
  let ran = false;
  for (let round = 0; round <= REFRESHES_PER_JOB; round++) {
    const run = await runEffects(ctx, topicId);
    switch (run.next) {
      case 'none':
        return ran || run.ran ? 'done' : 'idle';
      case 'refresh':
        ran = true;
        await indexMeetup(ctx, topicId);
        await refreshTopic(ctx, topicId);
        continue;
      case 'run_at':
        await runEffectsAt(ctx, topicId, run.at);
        return 'deferred';
      case 'run_coalesced':
        await scheduleEffects(ctx, topicId);
        return 'deferred';
    }
  }
  await runEffectsAt(ctx, topicId, ctx.clock().getTime() + 1000);
  return 'deferred';
}

export async function handle(job: EffectsJob, ctx: JobContext): Promise<JobResult> {
  await runEffectsJob(ctx, job.topicId);
  return 'effects';
}
