import { scopeOf } from '../events/scope.js';
import { categoryUrl, type CategoryTree } from '../forum/categories.js';
import type { ForumUser } from '../forum/responses.js';
import { namedOrganiserUsernames, type ForumFacts } from '../rules/checklist.js';
import type { ApproverCommand } from '../rules/lifecycle.js';
import type { UserProfile } from '../rules/organisers.js';
import { metCriteria } from '../rules/programme.js';
import { evaluateProposal, isProposal, type Proposal, type ProposalContext } from '../rules/proposal.js';
import { threadView, type ThreadSnapshot, type ThreadView } from '../rules/snapshot.js';
import { ConflictError } from '../store/versioned.js';
import type { JobContext } from './context.js';
import { requestOverview } from './overview-request.js';
import { scheduleEffects } from './schedule.js';
import { threadPlace } from './thread-place.js';

const PROFILE_MAX_AGE_MS = 3600_000;

/**
 * Re-evaluates the proposal of a thread, even when the snapshot did not change: a crash
 * may have come between the two writes. Then asks for an effects run if work is waiting.
 */
export async function refreshProposal(
  ctx: JobContext,
  snapshot: ThreadSnapshot,
  tree: CategoryTree,
  command: ApproverCommand | null = null,
): Promise<void> {
  const view = threadView(snapshot);
  // Most watched threads are no proposal (local help, news): they need no facts, language or evaluation.
  if (!isProposal(view, ctx) && !(await ctx.store.proposals.has(String(snapshot.topicId)))) return;
  const base = await forumFacts(ctx, tree, snapshot.topicId, view.categoryId);
  const at = ctx.clock();
  const facts = { ...base, profiles: await organiserProfiles(ctx, view) };
  const context: ProposalContext = {
    rules: ctx.rules,
    compiled: ctx.compiled,
    forumUrl: ctx.forumUrl,
    isWatched: (categoryId) => scopeOf(categoryId, tree) === 'watched',
    facts,
    now: at,
    command,
  };
  let before: Proposal | null = null;
  const written = await writeProposal(ctx, snapshot, (latest, current) => {
    before = current;
    const latestView = threadView(latest);
    const kept = current?.statusPostId != null ? (current.language ?? null) : null;
    const place = threadPlace(latestView, tree, ctx.rules, ctx.compiled, kept);
    return evaluateProposal(latestView, current, { ...context, place });
  });
  if (written?.pendingEffects?.length) await scheduleEffects(ctx, snapshot.topicId);
  if (written && overviewChanged(before, written)) await requestOverview(ctx);
}

/** What the overview topic shows of a proposal: its state, title and how many criteria are met. */
function overviewChanged(before: Proposal | null, after: Proposal): boolean {
  return before?.state !== after.state || before.title !== after.title || metCriteria(before) !== metCriteria(after);
}

/** Re-reads a proposal from its stored thread (after a category was made, or on the daily pass). */
export async function refreshTopic(ctx: JobContext, topicId: number): Promise<void> {
  const snapshot = (await ctx.store.topics.get(String(topicId)))?.value;
  if (snapshot) await refreshProposal(ctx, snapshot, await ctx.categories.tree());
}

/**
 * Compare-and-set of the proposal, evaluated from the newest snapshot. The proposal is
 * read first and the snapshot after it, on every attempt: a job that read an older
 * snapshot can then never overwrite a proposal evaluated from a newer one (whoever wrote
 * that proposal wrote its snapshot before, so this read sees it). With several workers,
 * a slow job could otherwise write back an older checklist.
 */
async function writeProposal(
  ctx: JobContext,
  first: ThreadSnapshot,
  evaluate: (snapshot: ThreadSnapshot, current: Proposal | null) => Proposal | null,
): Promise<Proposal | null> {
  const id = String(first.topicId);
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await ctx.store.proposals.get(id);
    const latest = (await ctx.store.topics.get(id))?.value ?? first;
    const next = evaluate(latest, current?.value ?? null);
    if (next === null || next === current?.value) return current?.value ?? null;
    if ((await ctx.store.proposals.put(id, next, current ? current.version : null)) !== null) return next;
  }
  throw new ConflictError(`gave up writing proposal ${id} after 20 concurrent updates`);
}

/**
 * What the rules need to know beyond the thread: existing meetups, countries and the one the
 * thread is in, proposals further along.
 */
async function forumFacts(
  ctx: JobContext,
  tree: CategoryTree,
  topicId: number,
  categoryId: number | null,
): Promise<Omit<ForumFacts, 'now' | 'profiles'>> {
  const proposals = await ctx.store.proposals.list();
  const self = proposals.find((p) => p.value.topicId === topicId)?.value;
  return {
    forumUrl: ctx.forumUrl,
    // The meetup's own category, once made, does not cover its own region.
    meetups: tree.meetups
      .filter((c) => c.id !== self?.category?.id)
      .map((c) => ({ name: c.name, url: categoryUrl(ctx.forumUrl, c) })),
    countries: tree.countries.map((c) => c.name),
    country: categoryId === null ? null : (tree.countryOf.get(categoryId)?.name ?? null),
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
async function organiserProfiles(ctx: JobContext, view: ThreadView): Promise<Record<string, UserProfile>> {
  const named = namedOrganiserUsernames(view, ctx.compiled);
  const out: Record<string, UserProfile> = {};
  const at = ctx.clock().getTime();
  for (const username of named.slice(0, 4)) {
    const key = username.toLowerCase();
    let cached = ctx.profiles.get(key);
    if (!cached || at - cached.at > PROFILE_MAX_AGE_MS) {
      try {
        cached = { profile: profileOf(await ctx.forum.getUser(username), ctx.rules.organisers.companyUserField), at };
        ctx.profiles.set(key, cached);
      } catch (err) {
        // Without a profile the company is unknown, which is not a warning: go on.
        ctx.logger.debug({ username, err: (err as Error).message }, 'organiser profile not read');
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
