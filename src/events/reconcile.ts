import type { RulesConfig } from '../config/rules-config.js';
import type { CategoryDirectory } from '../forum/categories.js';
import type { ForumClient } from '../forum/client.js';
import type { TopicListItem } from '../forum/responses.js';
import type { Logger } from '../log.js';
import type { Job } from '../queue/types.js';
import type { Proposal } from '../rules/proposal.js';
import type { ThreadSnapshot } from '../rules/snapshot.js';
import type { AppStore } from '../store/index.js';

export interface ReconcileDeps {
  store: AppStore;
  categories: CategoryDirectory;
  forum: ForumClient;
  rules: RulesConfig;
  logger: Logger;
  clock?: () => Date;
  enqueue(job: Job): Promise<unknown>;
  /** Re-evaluates a stored thread (no forum read). */
  refresh(topicId: number): Promise<void>;
  /** Asks for an effects run of a topic. */
  scheduleEffects(topicId: number): Promise<void>;
}

export interface ReconcileReport {
  listed: number;
  resyncs: number[];
  effectsRescheduled: number[];
  listCalls: number;
}

/** States in which the thread can still change what the service does. */
const OPEN_STATES: ReadonlySet<Proposal['state']> = new Set(['gathering', 'awaiting_approval', 'approved']);

/** A topic people can still write in: the ones backfill reads and reconciliation picks up new. */
export function isOpenTopic(item: TopicListItem): boolean {
  return item.archetype === 'regular' && !item.closed && !item.archived && item.visible;
}

/**
 * What a topic list item says that the snapshot does not know: a post it never saw, a
 * status, category or title change. Edits of old posts change none of these; the
 * rotation over open proposals catches those.
 */
export function differsFromSnapshot(item: TopicListItem, known: ThreadSnapshot | null): boolean {
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
 * One reconciliation run (reliability.md §1: the forum does not retry a failed
 * delivery by default). Reads the newest pages of the watched tree and queues a resync
 * of each thread that differs from its snapshot, then of the open proposals read least
 * recently; re-queues effects that wait with no job (a key that was refused, then fixed).
 * The cost is bounded: `pages` list calls plus at most `maxThreads` thread reads.
 */
export async function reconcile(deps: ReconcileDeps, runKey: string): Promise<ReconcileReport> {
  const config = deps.rules.reconcile;
  const tree = await deps.categories.tree();
  const report: ReconcileReport = { listed: 0, resyncs: [], effectsRescheduled: [], listCalls: 0 };
  const wanted = new Set<number>();

  for (let page = 0; page < config.pages && wanted.size < config.maxThreads; page++) {
    const { topics, more } = await deps.forum.listCategoryTopics(tree.watchedRoot, page);
    report.listCalls++;
    report.listed += topics.length;
    for (const item of topics) {
      if (wanted.size >= config.maxThreads) break;
      if (item.archetype !== 'regular') continue;
      const known = (await deps.store.topics.get(String(item.id)))?.value ?? null;
      // A topic that left the tree matters only if it was known (its proposal is withdrawn).
      if (!known && !tree.watched.has(item.category_id ?? -1)) continue;
      if (differsFromSnapshot(item, known)) wanted.add(item.id);
    }
    if (!more) break;
  }

  const proposals = (await deps.store.proposals.list()).map((p) => p.value);
  const open = proposals.filter((p) => OPEN_STATES.has(p.state) && !wanted.has(p.topicId));
  const readAt = new Map<number, string>();
  for (const p of open) readAt.set(p.topicId, (await deps.store.topics.get(String(p.topicId)))?.value.readAt ?? '');
  open.sort((a, b) => readAt.get(a.topicId)!.localeCompare(readAt.get(b.topicId)!) || a.topicId - b.topicId);
  for (const p of open.slice(0, Math.max(0, Math.min(config.openProposalsPerRun, config.maxThreads - wanted.size))))
    wanted.add(p.topicId);

  for (const topicId of wanted) {
    await deps.enqueue({ kind: 'resync', key: `resync:${topicId}:reconcile:${runKey}`, topicId, reason: 'reconcile' });
    report.resyncs.push(topicId);
  }
  for (const p of proposals) {
    if (p.pendingEffects?.length && !wanted.has(p.topicId)) {
      await deps.scheduleEffects(p.topicId);
      report.effectsRescheduled.push(p.topicId);
    }
  }
  deps.logger.info(
    { listed: report.listed, resyncs: report.resyncs.length, effects: report.effectsRescheduled.length },
    'reconciliation done',
  );
  return report;
}

/** The daily pass: rules that read the date (a launch date that has passed) are evaluated again. */
export async function reevaluateOpen(deps: Pick<ReconcileDeps, 'store' | 'refresh' | 'logger'>): Promise<number> {
  const open = (await deps.store.proposals.list()).map((p) => p.value).filter((p) => OPEN_STATES.has(p.state));
  for (const p of open) await deps.refresh(p.topicId);
  deps.logger.info({ proposals: open.length }, 'daily re-evaluation done');
  return open.length;
}
