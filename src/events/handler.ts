import { randomUUID } from 'node:crypto';
import type { RulesConfig } from '../config/rules-config.js';
import { categoryUrl, type CategoryDirectory, type CategoryTree } from '../forum/categories.js';
import type { ForumClient } from '../forum/client.js';
import type { ForumUser } from '../forum/responses.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { DeliveryJob, EffectsJob, EnqueueOptions, Job, JobHandler, ResyncJob } from '../queue/types.js';
import { compileRules, evaluateChecklist, type CompiledRules, type ForumFacts } from '../rules/checklist.js';
import { readCommand, type ApproverCommand } from '../rules/lifecycle.js';
import type { UserProfile } from '../rules/organisers.js';
import { evaluateProposal, type Proposal, type ProposalContext } from '../rules/proposal.js';
import {
  applyObservation,
  threadView,
  type SnapshotContext,
  type ThreadSnapshot,
  type ThreadView,
} from '../rules/snapshot.js';
import type { AppStore } from '../store/index.js';
import { ConflictError, UNCHANGED, updateVersioned } from '../store/types.js';
import type { PostObservation } from './payloads.js';
import { categoryIdOf, topicIdOf } from './classify.js';
import { runEffects } from './effects.js';
import { reconcile, reevaluateOpen, type ReconcileDeps } from './reconcile.js';
import { readThread } from './resync.js';

export interface HandlerDeps {
  store: AppStore;
  categories: CategoryDirectory;
  forum: ForumClient;
  rules: RulesConfig;
  compiled: CompiledRules;
  forumUrl: string;
  ownUsername: string;
  logger: Logger;
  metrics?: Metrics;
  clock?: () => Date;
  /** Adds a job (the effects runs this handler schedules). */
  enqueue(job: Job, options?: EnqueueOptions): Promise<unknown>;
  /** This worker's name in effect leases. */
  owner: string;
  leaseMs?: number;
  /** Organisers' profiles, kept for an hour: companies rarely change. */
  profiles?: Map<string, { profile: UserProfile; at: number }>;
}

/** A worker's dependencies from the parts every process has (the service, or a CLI run). */
export function workerDeps(parts: {
  store: AppStore;
  categories: CategoryDirectory;
  forum: ForumClient;
  rules: RulesConfig;
  forumUrl: string;
  ownUsername: string;
  logger: Logger;
  metrics?: Metrics;
  clock?: () => Date;
  enqueue: HandlerDeps['enqueue'];
  owner: string;
}): HandlerDeps {
  return {
    ...parts,
    compiled: compileRules(parts.rules, parts.ownUsername),
    profiles: new Map(),
    leaseMs: parts.rules.effects.leaseSeconds * 1000,
  };
}

export type JobResult =
  | 'applied'
  | 'unchanged'
  | 'not_watched'
  | 'gone'
  | 'categories_changed'
  | 'command'
  | 'effects'
  | 'reconciled'
  | 'reevaluated';

const PROFILE_MAX_AGE_MS = 3600_000;

const now = (deps: HandlerDeps) => (deps.clock ?? (() => new Date()))();

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
  if (observation.kind === 'pm_post') return handlePrivateAnswer(deps, observation.post);
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

  const command =
    observation.kind === 'post' ? await commandIn(deps, observation.post, observation.post.topicId) : null;
  await refreshProposal(deps, result.value, tree, command);
  if (command) return 'command';
  return result.changed ? 'applied' : 'unchanged';
}

/** An approver's answer in the private message the service sent them. */
async function handlePrivateAnswer(deps: HandlerDeps, post: PostObservation): Promise<JobResult> {
  const proposals = await deps.store.proposals.list();
  const proposal = proposals.find((p) => p.value.promptTopicId === post.topicId)?.value;
  if (!proposal) return 'not_watched';
  const snapshot = (await deps.store.topics.get(String(proposal.topicId)))?.value;
  if (!snapshot) return 'not_watched';
  const command = await commandIn(deps, post, post.topicId);
  if (!command) return 'unchanged';
  await refreshProposal(deps, snapshot, await deps.categories.tree(), command);
  return 'command';
}

/**
 * A post that starts with approve / reject / reopen. Whether its author may decide is
 * asked of the forum (staff, or a member of an approver group), never read from text.
 */
async function commandIn(deps: HandlerDeps, post: PostObservation, topicId: number): Promise<ApproverCommand | null> {
  if (post.deleted || post.username.toLowerCase() === deps.ownUsername.toLowerCase()) return null;
  if (post.topic.archetype === 'regular' && post.number === 1) return null;
  const read = readCommand(post.raw, deps.rules.approval.commands);
  if (!read) return null;
  const user = await deps.forum.getUser(post.username);
  return {
    action: read.action,
    comment: read.comment,
    by: post.username,
    at: post.createdAt,
    isApprover: isApprover(user, deps.rules.forum.approverGroups),
    sourcePostId: post.id,
    sourceTopicId: topicId,
  };
}

export function isApprover(user: ForumUser, approverGroups: readonly string[]): boolean {
  if (user.admin || user.moderator) return true;
  const wanted = new Set(approverGroups.map((g) => g.toLowerCase()));
  return (user.groups ?? []).some((g) => wanted.has(g.name.toLowerCase()));
}

/**
 * Re-evaluates the proposal, even when the snapshot did not change: a crash may have
 * come between the two writes. Then asks for an effects run if work is waiting.
 */
async function refreshProposal(
  deps: HandlerDeps,
  snapshot: ThreadSnapshot,
  tree: CategoryTree,
  command: ApproverCommand | null = null,
): Promise<void> {
  const view = threadView(snapshot);
  const base = await forumFacts(deps, tree, snapshot.topicId);
  const at = now(deps);
  const facts = { ...base, profiles: await organiserProfiles(deps, view, { ...base, now: at }) };
  const ctx: ProposalContext = {
    rules: deps.rules,
    compiled: deps.compiled,
    forumUrl: deps.forumUrl,
    isWatched: (id) => tree.watched.has(id ?? -1),
    facts,
    now: at,
    command,
  };
  const written = await writeProposal(deps, snapshot, (latest, current) =>
    evaluateProposal(threadView(latest), current, ctx),
  );
  if (written?.pendingEffects?.length) await scheduleEffects(deps, snapshot.topicId);
}

/**
 * Compare-and-set of the proposal, evaluated from the newest snapshot. The proposal is
 * read first and the snapshot after it, on every attempt: a job that read an older
 * snapshot can then never overwrite a proposal evaluated from a newer one (whoever wrote
 * that proposal wrote its snapshot before, so this read sees it). Found by the fault
 * suite: with several workers, a slow job used to write back an older checklist.
 */
async function writeProposal(
  deps: HandlerDeps,
  first: ThreadSnapshot,
  evaluate: (snapshot: ThreadSnapshot, current: Proposal | null) => Proposal | null,
): Promise<Proposal | null> {
  const id = String(first.topicId);
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await deps.store.proposals.get(id);
    const latest = (await deps.store.topics.get(id))?.value ?? first;
    const next = evaluate(latest, current?.value ?? null);
    if (next === null || next === current?.value) return current?.value ?? null;
    if ((await deps.store.proposals.put(id, next, current ? current.version : null)) !== null) return next;
  }
  throw new ConflictError(`gave up writing proposal ${id} after 20 concurrent updates`);
}

/**
 * Reads the whole thread from the forum and folds it into the snapshot like a batch of
 * deliveries, then evaluates the proposal once. Used by the resync route, backfill and
 * reconciliation: whatever the forum never delivered is caught here.
 */
export async function resyncTopic(deps: HandlerDeps, topicId: number): Promise<JobResult> {
  const tree = await deps.categories.tree();
  const known = (await deps.store.topics.get(String(topicId)))?.value ?? null;
  const at = now(deps);
  const read = await readThread(deps.forum, topicId, known, at);
  if (!read.observations) {
    deps.logger.info({ topicId }, 'resync: the forum no longer shows this topic');
    return 'gone';
  }
  if (read.truncated)
    deps.logger.warn({ topicId }, 'resync: thread longer than the read limit; later posts come from deliveries only');
  const topic = read.observations.find((o) => o.kind === 'topic');
  if (topic?.kind === 'topic' && topic.topic.archetype !== 'regular') return 'not_watched';
  const watchedHere = topic?.kind === 'topic' && tree.watched.has(topic.topic.categoryId ?? -1);
  const ctx: SnapshotContext = { ownUsername: deps.ownUsername };
  const result = await updateVersioned<ThreadSnapshot>(deps.store.topics, String(topicId), (current) => {
    if (!current && !watchedHere) return UNCHANGED;
    let next = current;
    for (const o of read.observations!) next = applyObservation(next, o, ctx);
    if (!next) return UNCHANGED;
    // Kept even when nothing else changed: reconciliation re-reads the least recently read first.
    return { ...next, readAt: at.toISOString() };
  });
  if (!result.value) return 'not_watched';
  await refreshProposal(deps, result.value, tree);
  return 'applied';
}

/** Re-reads a proposal from its stored thread (after a category was made, or on resync). */
export async function refreshTopic(deps: HandlerDeps, topicId: number): Promise<void> {
  const snapshot = (await deps.store.topics.get(String(topicId)))?.value;
  if (snapshot) await refreshProposal(deps, snapshot, await deps.categories.tree());
}

/**
 * One effects run per topic and time window: deliveries of a burst share the key, and
 * the run starts when the window ends, so ten replies make one edit of the status post.
 */
export async function scheduleResync(
  deps: Pick<HandlerDeps, 'enqueue'>,
  topicId: number,
  reason: ResyncJob['reason'],
  slot: string,
): Promise<void> {
  await deps.enqueue({ kind: 'resync', key: `resync:${topicId}:${reason}:${slot}`, topicId, reason });
}

export async function scheduleEffects(deps: HandlerDeps, topicId: number, notBefore?: number): Promise<void> {
  const window = deps.rules.statusPost.coalesceSeconds * 1000;
  const at = notBefore ?? now(deps).getTime();
  const slot = window > 0 ? Math.floor(at / window) : at;
  const job: EffectsJob = { kind: 'effects', key: `effects:${topicId}:${slot}`, topicId };
  await deps.enqueue(job, { notBefore: window > 0 ? (slot + 1) * window : at });
}

/** What the rules need to know beyond the thread: existing meetups, countries, proposals further along. */
async function forumFacts(
  deps: HandlerDeps,
  tree: CategoryTree,
  topicId: number,
): Promise<Omit<ForumFacts, 'now' | 'profiles'>> {
  const proposals = await deps.store.proposals.list();
  const self = proposals.find((p) => p.value.topicId === topicId)?.value;
  return {
    forumUrl: deps.forumUrl,
    // The meetup's own category, once made, does not cover its own region.
    meetups: tree.meetups
      .filter((c) => c.id !== self?.category?.id)
      .map((c) => ({ name: c.name, url: categoryUrl(deps.forumUrl, c) })),
    countries: tree.countries.map((c) => c.name),
    otherProposals: proposals
      .map((p) => p.value)
      .filter((p) => p.state === 'awaiting_approval' || p.state === 'approved')
      .map((p) => ({
        topicId: p.topicId,
        url: p.url,
        region: p.checklist?.region.value ?? null,
        online: p.online ?? false,
      })),
  };
}

/** The named organisers' profiles, for the same-company warning; fetched once an hour at most. */
async function organiserProfiles(
  deps: HandlerDeps,
  view: ThreadView,
  facts: Omit<ForumFacts, 'profiles'>,
): Promise<Record<string, UserProfile>> {
  const cache = deps.profiles;
  if (!cache) return {};
  const named = evaluateChecklist(view, deps.compiled, { ...facts, profiles: {} }).checklist.organisers.value ?? [];
  const out: Record<string, UserProfile> = {};
  const at = now(deps).getTime();
  for (const username of named.slice(0, 4)) {
    const key = username.toLowerCase();
    let cached = cache.get(key);
    if (!cached || at - cached.at > PROFILE_MAX_AGE_MS) {
      try {
        cached = { profile: profileOf(await deps.forum.getUser(username), deps.rules.organisers.companyUserField), at };
        cache.set(key, cached);
      } catch (err) {
        // Without a profile the company is unknown, which is not a warning: go on.
        deps.logger.debug({ username, err: (err as Error).message }, 'organiser profile not read');
        continue;
      }
    }
    out[key] = cached.profile;
  }
  return out;
}

function profileOf(user: ForumUser, companyField: string): UserProfile {
  const field = user.user_fields?.[companyField];
  const company = typeof field === 'string' ? field : Array.isArray(field) ? field.join(' ') : undefined;
  return { company, website: user.website ?? undefined };
}

function reconcileDeps(deps: HandlerDeps): ReconcileDeps {
  return {
    ...deps,
    refresh: (topicId) => refreshTopic(deps, topicId),
    scheduleEffects: (topicId) => scheduleEffects(deps, topicId),
  };
}

export function createJobHandler(deps: HandlerDeps): JobHandler {
  return async (job: Job, attempt: number) => {
    const started = process.hrtime.bigint();
    let result: JobResult | 'error' = 'error';
    // Every line a job logs names it, and a delivery's lines carry the forum's delivery id.
    const jobDeps: HandlerDeps = {
      ...deps,
      // A lease belongs to one job run, not to the process: jobs of one process run side by side.
      owner: `${deps.owner}/${randomUUID()}`,
      logger: deps.logger.child(
        job.kind === 'delivery' ? { job: job.key.slice(0, 24), delivery: job.eventId } : { job: job.key },
      ),
    };
    try {
      if (job.kind === 'effects') {
        await runEffects(
          {
            ...jobDeps,
            clock: deps.clock ?? (() => new Date()),
            leaseMs: deps.leaseMs ?? 10 * 60_000,
            refresh: (topicId) => refreshTopic(jobDeps, topicId),
            schedule: (topicId, notBefore) => scheduleEffects(jobDeps, topicId, notBefore),
          },
          job.topicId,
        );
        result = 'effects';
      } else if (job.kind === 'resync') {
        result = await resyncTopic(jobDeps, job.topicId);
      } else if (job.kind === 'reconcile') {
        await reconcile(reconcileDeps(jobDeps), job.key.split(':').slice(1).join(':'));
        result = 'reconciled';
      } else if (job.kind === 'reevaluate') {
        await reevaluateOpen(reconcileDeps(jobDeps));
        result = 'reevaluated';
      } else {
        result = await handleDelivery(jobDeps, job);
      }
      jobDeps.logger.debug({ kind: job.kind, attempt, result }, 'job done');
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics?.jobDuration.observe({ kind: job.kind, result }, seconds);
    }
  };
}
