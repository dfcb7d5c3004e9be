import { scopeOf } from '../events/scope.js';
import type { TopicListItem } from '../forum/responses.js';
import type { Proposal } from '../rules/proposal.js';
import type { ThreadSnapshot } from '../rules/snapshot.js';
import type { JobContext } from './context.js';
import { scheduleEffects } from './schedule.js';
import type { JobResult, ReconcileJob } from './types.js';

export async function handle(job: ReconcileJob, ctx: JobContext): Promise<JobResult> {
  // A job queued before jobs carried their slot names its run by its key.
  await reconcile(ctx, job.slot ?? job.key);
  return 'reconciled';
}

export interface ReconcileReport {
  listed: number;
  resyncs: number[];
  effectsRescheduled: number[];
  listCalls: number;
}

/** States in which the thread can still change what the service does. */
export const OPEN_STATES: ReadonlySet<Proposal['state']> = new Set([
  'gathering',
  'stalled',
  'awaiting_approval',
  'approved',
]);

/** A topic people can still write in: the ones backfill reads and reconciliation picks up new. */
export function isOpenTopic(item: TopicListItem): boolean {
  return item.archetype === 'regular' && !item.closed && !item.archived && item.visible;
}

/**
 * What a topic list item says that the snapshot does not know: a post it never saw, a
 * status, category or title change. Edits of old posts change none of these; the
 * rotation over open proposals catches those.
 */
function differsFromSnapshot(item: TopicListItem, known: ThreadSnapshot | null): boolean {
  if (!known) return isOpenTopic(item);
  const numbers = Object.values(known.posts).map((p) => p.number);
  const seenUpTo = Math.max(known.topic?.highestPostNumber ?? 0, ...numbers);
  if (item.highest_post_number > seenUpTo) return true;
  const t = known.topic;
  if (!t) return true;
  return (
    t.closed !== item.closed ||
    t.archived !== item.archived ||
    t.visible !== item.visible ||
    t.categoryId !== (item.category_id ?? null) ||
    t.title !== item.title
  );
}

/**
 * One reconciliation run (docs/spec/reliability.md §1: the forum does not retry a failed
 * delivery by default). Reads the newest pages of the watched tree and queues a resync
 * of each thread that differs from its snapshot, then of the open proposals read least
 * recently; re-queues effects that wait with no job (a key that was refused, then fixed).
 * The cost is bounded: `pages` list calls plus at most `maxThreads` thread reads.
 */
export async function reconcile(ctx: JobContext, runKey: string): Promise<ReconcileReport> {
  const config = ctx.rules.reconcile;
  const tree = await ctx.categories.tree();
  const report: ReconcileReport = { listed: 0, resyncs: [], effectsRescheduled: [], listCalls: 0 };
  const wanted = new Set<number>();

  for (let page = 0; page < config.pages && wanted.size < config.maxThreads; page++) {
    const { topics, more } = await ctx.forum.listCategoryTopics(tree.watchedRoot, page);
    report.listCalls++;
    report.listed += topics.length;
    for (const item of topics) {
      if (wanted.size >= config.maxThreads) break;
      if (item.archetype !== 'regular') continue;
      const known = (await ctx.store.topics.get(String(item.id)))?.value ?? null;
      // A topic that left the tree matters only if it was known (its proposal is withdrawn).
      if (!known && scopeOf(item.category_id ?? null, tree) !== 'watched') continue;
      if (differsFromSnapshot(item, known)) wanted.add(item.id);
    }
    if (!more) break;
  }

  const proposals = (await ctx.store.proposals.list()).map((p) => p.value);
  const open = proposals.filter((p) => OPEN_STATES.has(p.state) && !wanted.has(p.topicId));
  const readAt = new Map<number, string>();
  for (const p of open) readAt.set(p.topicId, (await ctx.store.topics.get(String(p.topicId)))?.value.readAt ?? '');
  open.sort((a, b) => readAt.get(a.topicId)!.localeCompare(readAt.get(b.topicId)!) || a.topicId - b.topicId);
  for (const p of open.slice(0, Math.max(0, Math.min(config.openProposalsPerRun, config.maxThreads - wanted.size))))
    wanted.add(p.topicId);

  for (const topicId of wanted) {
    await ctx.enqueue(
      { kind: 'resync', key: `resync:${topicId}:reconcile:${runKey}`, topicId, reason: 'reconcile' },
      { background: true },
    );
    report.resyncs.push(topicId);
  }
  for (const p of proposals) {
    if (p.pendingEffects?.length && !wanted.has(p.topicId)) {
      await scheduleEffects(ctx, p.topicId);
      report.effectsRescheduled.push(p.topicId);
    }
  }
  ctx.logger.info(
    { listed: report.listed, resyncs: report.resyncs.length, effects: report.effectsRescheduled.length },
    'reconciliation done',
  );
  return report;
}
