import { readThread } from './read-thread.js';
import { scopeOf } from '../events/scope.js';
import { applyObservation, type SnapshotContext, type ThreadSnapshot } from '../rules/snapshot.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import type { JobContext } from './context.js';
import { refreshProposal } from './proposal.js';
import type { JobResult, ResyncJob } from './types.js';

export function handle(job: ResyncJob, ctx: JobContext): Promise<JobResult> {
  return resyncTopic(ctx, job.topicId);
}

/**
 * Reads the whole thread from the forum and folds it into the snapshot like a batch of
 * deliveries, then evaluates the proposal once. Used by the resync route, backfill and
 * reconciliation: whatever the forum never delivered is caught here.
 */
export async function resyncTopic(ctx: JobContext, topicId: number): Promise<JobResult> {
  const tree = await ctx.categories.tree();
  const known = (await ctx.store.topics.get(String(topicId)))?.value ?? null;
  const at = ctx.clock();
  const read = await readThread(ctx.forum, topicId, known, at);
  if (!read.observations) {
    ctx.logger.info({ topicId }, 'resync: the forum no longer shows this topic');
    return 'gone';
  }
  if (read.truncated)
    ctx.logger.warn({ topicId }, 'resync: thread longer than the read limit; later posts come from deliveries only');
  const topic = read.observations.find((o) => o.kind === 'topic');
  if (topic?.kind === 'topic' && topic.topic.archetype !== 'regular') return 'not_watched';
  const watchedHere = topic?.kind === 'topic' && scopeOf(topic.topic.categoryId, tree) === 'watched';
  const snapshotContext: SnapshotContext = { ownUsername: ctx.ownUsername };
  const result = await updateVersioned<ThreadSnapshot>(ctx.store.topics, String(topicId), (current) => {
    if (!current && !watchedHere) return UNCHANGED;
    let next = current;
    for (const o of read.observations!) next = applyObservation(next, o, snapshotContext);
    if (!next) return UNCHANGED;
    // Kept even when nothing else changed: reconciliation re-reads the least recently read first.
    return { ...next, readAt: at.toISOString() };
  });
  if (!result.value) return 'not_watched';
  await refreshProposal(ctx, result.value, tree);
  return 'applied';
}
