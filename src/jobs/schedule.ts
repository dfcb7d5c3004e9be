import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import type { JobContext } from './context.js';
import type { EffectsJob } from './types.js';

/**
 * Asks for a run of a topic's effects. The coalescing window is leading-edge: the first
 * change in a quiet thread is written at once, and whatever follows within the window
 * (statusPost.coalesceSeconds) waits for one trailing run at its end, so a lone reply
 * shows in the status post within seconds while a burst of replies makes two edits.
 * The due time is kept on the proposal (compare-and-set), so workers agree on it, and
 * the job's key is the topic and its due time: asking again for the same run adds nothing.
 */
export async function scheduleEffects(ctx: JobContext, topicId: number): Promise<void> {
  const window = ctx.rules.statusPost.coalesceSeconds * 1000;
  let due = ctx.clock().getTime();
  let background = false;
  if (window > 0) {
    await updateVersioned(ctx.store.proposals, String(topicId), (p) => {
      if (!p) return UNCHANGED;
      // Read with the proposal, not before: a run found due later than "now" has not run yet,
      // so its job is still waiting; one read earlier may have run meanwhile, its key used up.
      const now = ctx.clock().getTime();
      due = now;
      // Nobody waits on a closed or moved thread's last edit: it goes after the replies people wait on.
      background = p.state === 'withdrawn';
      const last = p.effectsDueAt;
      if (last !== undefined && last > now) {
        due = last;
        return UNCHANGED;
      }
      due = last === undefined || now >= last + window ? now : last + window;
      return { ...p, effectsDueAt: due };
    });
  }
  await runEffectsAt(ctx, topicId, due, background);
}

/**
 * An effects run of a topic at a given time: a run that found the forum busy looks again
 * later. People wait for it, unless it is background work.
 */
export async function runEffectsAt(
  ctx: JobContext,
  topicId: number,
  notBefore: number,
  background = false,
): Promise<void> {
  const job: EffectsJob = { kind: 'effects', key: `effects:${topicId}:${notBefore}`, topicId };
  await ctx.enqueue(job, background ? { notBefore, background } : { notBefore, waitedFor: true });
}
