import type { RulesConfig } from '../config/rules-config.js';
import { categoryUrl, type CategoryDirectory, type CategoryTree } from '../forum/categories.js';
import type { CompiledRules, ForumFacts } from '../rules/checklist.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { DeliveryJob, Job, JobHandler } from '../queue/types.js';
import { evaluateProposal, type Proposal, type ProposalContext } from '../rules/proposal.js';
import { applyObservation, threadView, type SnapshotContext, type ThreadSnapshot } from '../rules/snapshot.js';
import type { AppStore } from '../store/index.js';
import { UNCHANGED, updateVersioned } from '../store/types.js';
import { categoryIdOf, topicIdOf } from './classify.js';

export interface HandlerDeps {
  store: AppStore;
  categories: CategoryDirectory;
  rules: RulesConfig;
  compiled: CompiledRules;
  forumUrl: string;
  ownUsername: string;
  logger: Logger;
  metrics?: Metrics;
  clock?: () => Date;
}

export type JobResult = 'applied' | 'unchanged' | 'not_watched' | 'categories_changed';

/**
 * Folds one delivery into its thread's snapshot, then re-reads the proposal from it.
 * Safe to run twice or concurrently: both writes are compare-and-set, and the
 * snapshot merge ignores anything it already has.
 */
export async function handleDelivery(deps: HandlerDeps, job: DeliveryJob): Promise<JobResult> {
  const observation = job.observation;
  if (observation.kind === 'category') {
    deps.categories.invalidate();
    return 'categories_changed';
  }
  const tree = await deps.categories.tree();
  const topicId = topicIdOf(observation)!;
  const ctx: SnapshotContext = { ownUsername: deps.ownUsername };
  const watchedHere = tree.watched.has(categoryIdOf(observation) ?? -1);

  const result = await updateVersioned<ThreadSnapshot>(deps.store.topics, String(topicId), (current) => {
    // Threads outside the watched tree are not kept, unless already known (one that moves out is withdrawn).
    if (!current && !watchedHere) return UNCHANGED;
    const next = applyObservation(current, observation, ctx);
    return next === current ? UNCHANGED : next;
  });
  if (!result.value) return 'not_watched';

  await refreshProposal(deps, result.value, tree);
  return result.changed ? 'applied' : 'unchanged';
}

/** Re-evaluates the proposal even when the snapshot did not change: a crash may have come between the two writes. */
async function refreshProposal(deps: HandlerDeps, snapshot: ThreadSnapshot, tree: CategoryTree): Promise<void> {
  const view = threadView(snapshot);
  const ctx: ProposalContext = {
    rules: deps.rules,
    compiled: deps.compiled,
    forumUrl: deps.forumUrl,
    isWatched: (id) => tree.watched.has(id ?? -1),
    facts: await forumFacts(deps, tree),
    now: (deps.clock ?? (() => new Date()))(),
  };
  await updateVersioned<Proposal>(deps.store.proposals, String(snapshot.topicId), (previous) => {
    const next = evaluateProposal(view, previous, ctx);
    return next === null || next === previous ? UNCHANGED : next;
  });
}

/** What the rules need to know beyond the thread: existing meetups, countries, proposals further along. */
async function forumFacts(deps: HandlerDeps, tree: CategoryTree): Promise<Omit<ForumFacts, 'now'>> {
  const proposals = await deps.store.proposals.list();
  return {
    forumUrl: deps.forumUrl,
    meetups: tree.meetups.map((c) => ({ name: c.name, url: categoryUrl(deps.forumUrl, c) })),
    countries: tree.countries.map((c) => c.name),
    otherProposals: proposals
      .map((p) => p.value)
      .filter((p) => p.state === 'awaiting_approval' || p.state === 'approved')
      .map((p) => ({ topicId: p.topicId, url: p.url, region: p.checklist?.region.value ?? null, online: p.online ?? false })),
    profiles: {},
  };
}

export function createJobHandler(deps: HandlerDeps): JobHandler {
  return async (job: Job, attempt: number) => {
    const started = process.hrtime.bigint();
    let result: JobResult | 'error' = 'error';
    try {
      result = await handleDelivery(deps, job);
      deps.logger.debug({ job: job.key.slice(0, 16), kind: job.kind, attempt, result }, 'job done');
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics?.jobDuration.observe({ kind: job.kind, result }, seconds);
    }
  };
}
