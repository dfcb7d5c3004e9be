import { categoryName } from '../effects/category.js';
import { runMeetupEffects } from '../effects/meetup-run.js';
import type { CheckinAnswer } from '../events/answer.js';
import type { PostObservation } from '../events/payloads.js';
import { categoryUrl, findCategory, type CategoryTree } from '../forum/categories.js';
import type { CategoryInfo } from '../forum/client.js';
import type { TopicListItem } from '../forum/responses.js';
import {
  answerCheckin,
  evaluateMeetup,
  newMeetup,
  withActivity,
  type Meetup,
  type MeetupOrigin,
} from '../rules/meetup.js';
import { checkinTopicRecord } from '../rules/programme.js';
import type { Proposal } from '../rules/proposal.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import type { JobContext } from './context.js';
import { isApprover } from './approvers.js';
import { requestOverview } from './overview-request.js';

/**
 * The meetups after they open, as the jobs keep them: found from the category tree, their
 * activity from webhooks and reads of their latest topics, their check-in answers.
 */

/** The subcategories of the meetups category that are meetups (not those listed in lifecycle.notMeetups). */
export function meetupCategories(ctx: JobContext, tree: CategoryTree): CategoryInfo[] {
  const excluded = new Set(
    ctx.rules.lifecycle.notMeetups.map((ref) => findCategory(tree.meetups, ref)?.id).filter((id) => id !== undefined),
  );
  return tree.meetups.filter((c) => !excluded.has(c.id));
}

/**
 * Makes a record for every meetup category the store does not know yet (with what its
 * proposal said, when the service opened it), and marks those no longer on the forum.
 */
export async function syncMeetups(ctx: JobContext, tree: CategoryTree): Promise<Meetup[]> {
  const categories = meetupCategories(ctx, tree);
  const stored = (await ctx.store.meetups.list()).map((m) => m.value);
  const known = new Set(stored.map((m) => m.categoryId));
  const fresh = categories.filter((c) => !known.has(c.id));
  if (fresh.length > 0) {
    const proposals = (await ctx.store.proposals.list()).map((p) => p.value).filter((p) => p.category);
    for (const c of fresh) {
      const url = categoryUrl(ctx.forumUrl, c, tree.meetupsRoot);
      const from = proposals.find((p) => p.category!.id === c.id);
      const origin = from ? await originOf(ctx, tree, from) : null;
      await updateVersioned(ctx.store.meetups, String(c.id), (current) =>
        current ? UNCHANGED : newMeetup({ id: c.id, name: c.name, url }, ctx.clock(), origin),
      );
    }
  }
  const onForum = new Set(categories.map((c) => c.id));
  for (const m of stored)
    if (m.gone === onForum.has(m.categoryId))
      await updateVersioned(ctx.store.meetups, String(m.categoryId), (current) =>
        current ? { ...current, gone: !onForum.has(m.categoryId) } : UNCHANGED,
      );
  return (await ctx.store.meetups.list()).map((m) => m.value);
}

/**
 * The meetup of a proposal whose category was just made, kept by its category id at once: its
 * calendar file and the API find it before the next periodic check.
 */
export async function indexMeetup(ctx: JobContext, topicId: number): Promise<void> {
  const p = (await ctx.store.proposals.get(String(topicId)))?.value;
  if (!p?.category) return;
  const tree = await ctx.categories.tree();
  const origin = await originOf(ctx, tree, p);
  const c = p.category;
  await updateVersioned(ctx.store.meetups, String(c.id), (current) =>
    current ? UNCHANGED : newMeetup({ id: c.id, name: categoryName(ctx, p), url: c.url }, ctx.clock(), origin),
  );
}

async function originOf(ctx: JobContext, tree: CategoryTree, p: Proposal): Promise<MeetupOrigin> {
  const snapshot = (await ctx.store.topics.get(String(p.topicId)))?.value;
  const categoryId = snapshot?.topic?.categoryId ?? snapshot?.hint?.categoryId ?? null;
  const c = p.checklist;
  return {
    region: c?.region.value ?? p.title,
    organisers: c?.organisers.value?.length ? c.organisers.value : null,
    topicId: p.topicId,
    country: categoryId === null ? null : (tree.countryOf.get(categoryId)?.name ?? null),
    language: p.language ?? null,
    timeZone: p.timeZone ?? null,
    schedule: c?.schedule ?? null,
    launchDate: c?.launchDate.value ?? null,
  };
}

/** The newest activity by a person in a page of a category's latest topics; pinned topics (its About topic) do not count. */
export function newestActivity(topics: readonly TopicListItem[], ownUsername: string): string | null {
  let newest: string | null = null;
  for (const t of topics) {
    if (t.pinned || t.archetype !== 'regular') continue;
    if (t.last_poster_username && t.last_poster_username.toLowerCase() === ownUsername.toLowerCase()) continue;
    const at = t.last_posted_at ?? t.bumped_at ?? t.created_at ?? null;
    if (at && (newest === null || Date.parse(at) > Date.parse(newest))) newest = at;
  }
  return newest;
}

/** Reads a meetup category's latest topics from the forum and folds their activity in. */
export async function readActivity(ctx: JobContext, m: Meetup, tree: CategoryTree): Promise<void> {
  const c = tree.meetups.find((x) => x.id === m.categoryId);
  if (!c) return;
  const { topics } = await ctx.forum.listCategoryTopics(c, 0);
  const at = newestActivity(topics, ctx.ownUsername);
  const readAt = ctx.clock().toISOString();
  await updateVersioned(ctx.store.meetups, String(m.categoryId), (current) => {
    if (!current) return UNCHANGED;
    const next = withActivity(current, at, readAt);
    return next === current ? UNCHANGED : next;
  });
}

/** Evaluates a meetup now, stores what changed, and performs the effects that asks for. */
export async function checkMeetup(ctx: JobContext, categoryId: number): Promise<void> {
  let changed = false;
  await updateVersioned(ctx.store.meetups, String(categoryId), (current) => {
    if (!current) return UNCHANGED;
    const next = evaluateMeetup(current, ctx.clock(), ctx.rules.lifecycle);
    changed = next.state !== current.state;
    return next === current ? UNCHANGED : next;
  });
  await runMeetupEffects(ctx, categoryId);
  if (changed) await requestOverview(ctx);
}

/** A topic or post by a person in a meetup's category: the group is alive. */
export async function recordActivity(ctx: JobContext, categoryId: number, at: string, username: string): Promise<void> {
  if (username.toLowerCase() === ctx.ownUsername.toLowerCase()) return;
  let wasQuiet = false;
  const result = await updateVersioned(ctx.store.meetups, String(categoryId), (current) => {
    if (!current) return UNCHANGED;
    const next = withActivity(current, at);
    wasQuiet = current.state !== 'active';
    return next === current ? UNCHANGED : next;
  });
  if (result.changed && wasQuiet) await checkMeetup(ctx, categoryId);
}

/** An answer to a check-in, in its private message: who may answer is asked of the forum, never read from text. */
export async function checkinAnswer(ctx: JobContext, post: PostObservation, answer: CheckinAnswer): Promise<boolean> {
  if (post.deleted || post.username.toLowerCase() === ctx.ownUsername.toLowerCase()) return false;
  const record = (await ctx.store.programme.get(checkinTopicRecord(post.topicId)))?.value;
  if (record?.kind !== 'checkin-topic') return false;
  const meetup = (await ctx.store.meetups.get(String(record.categoryId)))?.value;
  if (!meetup) return false;
  const organiser = (meetup.organisers ?? []).some((u) => u.toLowerCase() === post.username.toLowerCase());
  const mayAnswer = organiser || isApprover(await ctx.forum.getUser(post.username), ctx.rules.forum.approverGroups);
  await updateVersioned(ctx.store.meetups, String(record.categoryId), (current) => {
    if (!current) return UNCHANGED;
    const next = answerCheckin(
      current,
      { answer, username: post.username, at: post.createdAt, mayAnswer, postId: post.id, topicId: post.topicId },
      ctx.clock(),
      ctx.rules.lifecycle,
    );
    return next === current ? UNCHANGED : next;
  });
  await runMeetupEffects(ctx, record.categoryId);
  await requestOverview(ctx);
  return true;
}
