import { readCommand, type ParsedCommand } from '../events/command.js';
import { categoryIdOf, topicIdOf } from '../events/classify.js';
import type { Observation, PostObservation } from '../events/payloads.js';
import type { CategoryTree } from '../forum/categories.js';
import { inScope, scopeOf } from '../events/scope.js';
import type { ApproverCommand } from '../rules/lifecycle.js';
import { applyObservation, type SnapshotContext, type ThreadSnapshot } from '../rules/snapshot.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import type { JobContext } from './context.js';
import { isApprover } from './approvers.js';
import { checkinAnswer, recordActivity } from './meetups.js';
import { refreshProposal } from './proposal.js';
import type { DeliveryJob, JobResult } from './types.js';

/**
 * Folds one delivery into its thread's snapshot, then re-reads the proposal from it.
 * Safe to run twice or concurrently: both writes are compare-and-set, and the
 * snapshot merge ignores anything it already has.
 */
export async function handle(job: DeliveryJob, ctx: JobContext): Promise<JobResult> {
  const observation = job.observation;
  if (observation.kind === 'category') {
    ctx.categories.invalidate();
    return 'categories_changed';
  }
  const parsed = commandOf(job, ctx);
  if (observation.kind === 'pm_post') {
    if (job.answer) return (await checkinAnswer(ctx, observation.post, job.answer)) ? 'answer' : 'not_watched';
    return privateAnswer(ctx, observation.post, parsed);
  }
  const tree = await ctx.categories.tree();
  const activity = await meetupActivity(ctx, observation, tree);
  const topicId = topicIdOf(observation)!;
  const snapshotContext: SnapshotContext = { ownUsername: ctx.ownUsername };
  const watchedHere = inScope(observation, tree);

  const result = await updateVersioned<ThreadSnapshot>(ctx.store.topics, String(topicId), (current) => {
    // Threads outside the watched tree are not kept, unless already known (one that moves out is withdrawn).
    if (!current && !watchedHere) return UNCHANGED;
    const next = applyObservation(current, observation, snapshotContext);
    return next === current ? UNCHANGED : next;
  });
  if (!result.value) return activity ? 'activity' : 'not_watched';

  const command = observation.kind === 'post' && parsed ? await approverCommand(ctx, observation.post, parsed) : null;
  await refreshProposal(ctx, result.value, tree, command);
  if (command) return 'command';
  return result.changed ? 'applied' : 'unchanged';
}

/** A post by a person in a meetup's category is that meetup's activity. */
async function meetupActivity(ctx: JobContext, observation: Observation, tree: CategoryTree): Promise<boolean> {
  const categoryId = categoryIdOf(observation);
  if (scopeOf(categoryId, tree) !== 'meetups') return false;
  const meetupId = tree.meetupOf.get(categoryId!)!;
  // A new topic arrives with its first post: the posts are enough.
  if (observation.kind !== 'post' || observation.post.deleted) return false;
  await recordActivity(ctx, meetupId, observation.post.createdAt, observation.post.username);
  return true;
}

/**
 * The command the receiver read. A delivery queued by a version before the receiver read
 * commands carries none, and its post is read here once instead.
 */
function commandOf(job: DeliveryJob, ctx: JobContext): ParsedCommand | null {
  if (job.command !== undefined) return job.command;
  const o = job.observation;
  return o.kind === 'post' || o.kind === 'pm_post' ? readCommand(o.post.raw, ctx.rules.approval.commands) : null;
}

/** An approver's answer in the private message the service sent them. */
async function privateAnswer(ctx: JobContext, post: PostObservation, parsed: ParsedCommand | null): Promise<JobResult> {
  if (!parsed) return 'unchanged';
  const proposals = await ctx.store.proposals.list();
  const proposal = proposals.find((p) => p.value.promptTopicId === post.topicId)?.value;
  if (!proposal) return 'not_watched';
  const snapshot = (await ctx.store.topics.get(String(proposal.topicId)))?.value;
  if (!snapshot) return 'not_watched';
  const command = await approverCommand(ctx, post, parsed);
  if (!command) return 'unchanged';
  await refreshProposal(ctx, snapshot, await ctx.categories.tree(), command);
  return 'command';
}

/**
 * A command read from a post, with whether its author may decide: asked of the forum
 * (staff, or a member of an approver group), never read from text.
 */
async function approverCommand(
  ctx: JobContext,
  post: PostObservation,
  parsed: ParsedCommand,
): Promise<ApproverCommand | null> {
  if (post.deleted || post.username.toLowerCase() === ctx.ownUsername.toLowerCase()) return null;
  if (post.topic.archetype === 'regular' && post.number === 1) return null;
  const user = await ctx.forum.getUser(post.username);
  return {
    action: parsed.action,
    comment: parsed.comment,
    by: post.username,
    at: post.createdAt,
    isApprover: isApprover(user, ctx.rules.forum.approverGroups),
    sourcePostId: post.id,
    sourceTopicId: post.topicId,
  };
}
