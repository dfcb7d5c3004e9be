import { createHash } from 'node:crypto';
import type { RulesConfig } from '../config/rules-config.js';
import { textContextFor } from '../config/text-context.js';
import { categoryUrl, type CategoryDirectory } from '../forum/categories.js';
import type { ForumClient } from '../forum/client.js';
import { DryRunWrite, ForumError } from '../forum/errors.js';
import { findOwnPost } from '../forum/lookup.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { PermanentJobError } from '../queue/types.js';
import type { Effect } from '../rules/lifecycle.js';
import {
  announcement,
  approvalFollowup,
  approvalPrompt,
  categoryDescription,
  categoryPlan,
  marker,
  nonApproverAnswer,
  openedConfirmation,
  promptExternalId,
  promptTitle,
} from '../texts/messages.js';
import type { Proposal } from '../rules/proposal.js';
import type { ThreadSnapshot } from '../rules/snapshot.js';
import { renderStatusPost, statusPostDue, STATUS_MARKER } from '../texts/status-post.js';
import type { AppStore } from '../store/index.js';
import { UNCHANGED, updateVersioned, type EffectRecord, type EffectResult } from '../store/types.js';

export interface EffectsDeps {
  store: AppStore;
  forum: ForumClient;
  categories: CategoryDirectory;
  rules: RulesConfig;
  forumUrl: string;
  ownUsername: string;
  logger: Logger;
  metrics?: Metrics;
  clock: () => Date;
  /** This worker's name in leases. */
  owner: string;
  /** How long a worker may hold an effect before another may take it over. */
  leaseMs: number;
  /** Re-reads the proposal from its thread: the lifecycle moves on once the category exists. */
  refresh(topicId: number): Promise<void>;
  /** Another run of this topic's effects, not before `notBefore` (epoch ms). */
  schedule(topicId: number, notBefore: number): Promise<void>;
}

/** What performing one effect came to. */
type Outcome =
  | {
      status: 'done';
      how: 'done' | 'adopted' | 'skipped_unchanged' | 'planned';
      result: EffectResult;
      patch?: (p: Proposal) => Proposal;
      stillNeeded?: (p: Proposal) => boolean;
    }
  | { status: 'skip'; why: string }
  | { status: 'deferred'; until: number };

class LeaseLost extends Error {
  override name = 'LeaseLost';
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * Drains a proposal's pending effects, in order. Each effect has a key and a record: the
 * record is leased before any forum call and completed after it, and a record found
 * `started` means a call may have landed, so the forum is searched (marker, external id,
 * category name) before anything is written again.
 */
/** How soon a run that found its effect leased by another run looks again. */
const DEFER_MS = 3000;

export async function runEffects(deps: EffectsDeps, topicId: number): Promise<'idle' | 'done' | 'deferred'> {
  for (let step = 0; step < 20; step++) {
    const stored = await deps.store.proposals.get(String(topicId));
    const proposal = stored?.value;
    const effect = proposal?.pendingEffects?.[0];
    if (!proposal || !effect) return step === 0 ? 'idle' : 'done';

    const outcome = await perform(deps, proposal, effect);
    if (outcome.status === 'deferred') {
      await deps.schedule(topicId, outcome.until);
      return 'deferred';
    }
    deps.metrics?.effects.inc({ kind: effect.kind, outcome: outcome.status === 'skip' ? 'skipped' : outcome.how });
    deps.logger.info(
      { topicId, effect: effect.key, outcome: outcome.status === 'skip' ? `skipped: ${outcome.why}` : outcome.how },
      'effect',
    );
    await updateVersioned(deps.store.proposals, String(topicId), (current) => {
      if (!current) return UNCHANGED;
      let next: Proposal = current;
      if (outcome.status === 'done' && outcome.patch) next = outcome.patch(next);
      // A change that arrived while this effect ran may need it once more (the status post).
      const keep = outcome.status === 'done' && outcome.stillNeeded?.(next) === true;
      if (!keep) next = { ...next, pendingEffects: (next.pendingEffects ?? []).filter((e) => e.key !== effect.key) };
      return next;
    });
    if (effect.kind === 'create_category' && outcome.status === 'done' && outcome.how !== 'planned')
      await deps.refresh(topicId);
  }
  // Twenty effects in one run means something keeps adding them; let the next job go on.
  await deps.schedule(topicId, deps.clock().getTime() + 1000);
  return 'deferred';
}

async function perform(deps: EffectsDeps, p: Proposal, effect: Effect): Promise<Outcome> {
  switch (effect.kind) {
    case 'write_status_post':
      return statusPost(deps, p, effect);
    case 'send_approval_prompt':
      return prompt(deps, p, effect);
    case 'send_approval_followup':
      return followup(deps, p, effect);
    case 'create_category':
      return category(deps, p, effect);
    case 'announce_category':
      if (!p.category) return { status: 'skip', why: 'no category yet' };
      return keyed(deps, p, effect, {}, async () =>
        replyOnce(
          deps,
          p.topicId,
          marker(effect.key),
          announcement(p, { name: categoryName(deps, p), url: p.category!.url }, texts(deps, p)),
        ),
      );
    case 'confirm_to_approvers':
      if (!p.category || !p.promptTopicId) return { status: 'skip', why: 'no private message to the approvers' };
      return keyed(deps, p, effect, {}, async () =>
        replyOnce(
          deps,
          p.promptTopicId!,
          marker(effect.key),
          openedConfirmation(p, { name: categoryName(deps, p), url: p.category!.url }, texts(deps, p)),
        ),
      );
    case 'answer_non_approver':
      return keyed(deps, p, effect, {}, async () =>
        replyOnce(
          deps,
          effect.inTopicId,
          marker(effect.key),
          nonApproverAnswer(
            effect.key,
            effect.username,
            p.state,
            texts(deps, p),
            effect.inTopicId === p.topicId ? 'thread' : 'message',
          ),
        ),
      );
  }
}

function categoryName(deps: EffectsDeps, p: Proposal): string {
  return categoryPlan(p, deps.rules.category)?.name ?? `Meetup ${p.topicId}`;
}

function texts(deps: EffectsDeps, p: Proposal) {
  return textContextFor(deps.rules, deps.clock(), { region: p.checklist?.region.value ?? null });
}

function statusText(deps: EffectsDeps, p: Proposal): string | null {
  if (!p.checklist) return null;
  return renderStatusPost(
    { ...p, meetupCategory: p.category ? { name: categoryName(deps, p), url: p.category.url } : null },
    texts(deps, p),
  );
}

async function statusPost(deps: EffectsDeps, p: Proposal, effect: Effect): Promise<Outcome> {
  const config = deps.rules.statusPost;
  if (!statusPostDue(p, config.createWhen, deps.rules.interest.countAuthor))
    return { status: 'skip', why: 'not due yet' };
  // A closed thread gets its status post updated, never a first one.
  if (p.state === 'withdrawn' && p.statusPostId === null)
    return { status: 'skip', why: 'withdrawn before it had a status post' };
  const text = statusText(deps, p);
  if (text === null) return { status: 'skip', why: 'no checklist' };
  const hash = sha(text);
  const stillNeeded = (current: Proposal) => {
    const now = statusText(deps, current);
    return now !== null && sha(now) !== hash;
  };
  const prior = (await deps.store.effects.get(effect.key))?.value ?? null;
  if ((prior?.state === 'done' || prior?.state === 'planned') && prior.result?.textHash === hash) {
    return { status: 'done', how: 'skipped_unchanged', result: prior.result, stillNeeded };
  }
  return keyed(
    deps,
    p,
    effect,
    { again: true, stillNeeded },
    async (record) => {
      let postId = record?.result?.postId ?? p.statusPostId ?? null;
      let how: 'done' | 'adopted' = 'done';
      if (postId === null) {
        const found =
          (await ownPostInSnapshot(deps, p.topicId, STATUS_MARKER)) ??
          (await findOwnPost(deps.forum, p.topicId, deps.ownUsername, STATUS_MARKER));
        if (found) {
          postId = found.id;
          how = 'adopted';
          if (found.raw === text) return { how, result: { postId, textHash: hash, inTopicId: p.topicId } };
        }
      }
      if (postId !== null) {
        await deps.forum.editPost(postId, text, 'meetup checklist updated');
      } else {
        await renewLease(deps, effect.key);
        postId = (await deps.forum.createPost({ topicId: p.topicId, raw: text })).id;
      }
      return { how, result: { postId, textHash: hash, inTopicId: p.topicId } };
    },
    (result) => (q) => ({ ...q, statusPostId: result.postId ?? q.statusPostId }),
  );
}

async function prompt(
  deps: EffectsDeps,
  p: Proposal,
  effect: Extract<Effect, { kind: 'send_approval_prompt' }>,
): Promise<Outcome> {
  // Decided while ready, but no longer: a prompt now would only be followed by "never mind".
  if (p.state !== 'awaiting_approval' || (p.approvalRound ?? 0) !== effect.round)
    return { status: 'skip', why: 'no longer awaiting approval' };
  return keyed(
    deps,
    p,
    effect,
    {},
    async () => {
      const externalId = promptExternalId(p.topicId, effect.round);
      const existing = await deps.forum.findTopicByExternalId(externalId);
      if (existing !== null) return { how: 'adopted', result: { inTopicId: existing } };
      await renewLease(deps, effect.key);
      const created = await deps.forum.createPost({
        title: promptTitle(p, effect.round, texts(deps, p)),
        raw: approvalPrompt(p, effect.round, texts(deps, p)),
        archetype: 'private_message',
        targetRecipients: deps.rules.forum.approverGroups,
        externalId,
      });
      return { how: 'done', result: { inTopicId: created.topicId, postId: created.id } };
    },
    (result) => (q) => ({ ...q, promptTopicId: result.inTopicId ?? q.promptTopicId ?? null }),
  );
}

async function followup(
  deps: EffectsDeps,
  p: Proposal,
  effect: Extract<Effect, { kind: 'send_approval_followup' }>,
): Promise<Outcome> {
  const sent = (await deps.store.effects.get(`prompt:${p.topicId}:${effect.round}`))?.value;
  const pmTopic = sent?.state === 'done' ? sent.result?.inTopicId : undefined;
  if (pmTopic === undefined) return { status: 'skip', why: 'the prompt of that round was never sent' };
  return keyed(deps, p, effect, {}, async () =>
    replyOnce(deps, pmTopic, marker(effect.key), approvalFollowup(p, effect.round, texts(deps, p))),
  );
}

async function category(deps: EffectsDeps, p: Proposal, effect: Effect): Promise<Outcome> {
  const plan = categoryPlan(p, deps.rules.category);
  if (!plan) return { status: 'skip', why: 'no region to name the category after' };
  return keyed(
    deps,
    p,
    effect,
    {},
    async (record) => {
      const parent = (await freshTree(deps)).meetupsRoot;
      if (!parent)
        throw new PermanentJobError(
          `the meetups category "${deps.rules.forum.meetupsCategory}" is not on the forum; set forum.meetupsCategory`,
        );
      const adopt = async () => {
        const tree = await freshTree(deps);
        return (
          tree.meetups.find((c) => c.name.trim().toLowerCase() === plan.name.toLowerCase() || c.slug === plan.slug) ??
          null
        );
      };
      // A category made by an earlier attempt, or by a moderator by hand, is used as it is.
      const existing = record?.result?.categoryId
        ? { id: record.result.categoryId, slug: record.result.categorySlug ?? plan.slug }
        : await adopt();
      if (existing)
        return {
          how: 'adopted',
          result: { categoryId: existing.id, categorySlug: existing.slug, inTopicId: parent.id },
        };
      await renewLease(deps, effect.key);
      let created;
      try {
        created = await deps.forum.createCategory({
          name: plan.name,
          slug: plan.slug,
          color: deps.rules.category.color,
          textColor: deps.rules.category.textColor,
          parentCategoryId: parent.id,
          permissions: deps.rules.category.permissions,
        });
      } catch (err) {
        // "Name/slug already in use": someone made it meanwhile. Look it up; never loop on the create.
        if (err instanceof ForumError && err.status === 422) {
          const taken = await adopt();
          if (taken)
            return { how: 'adopted', result: { categoryId: taken.id, categorySlug: taken.slug, inTopicId: parent.id } };
        }
        throw err;
      }
      await saveProgress(deps, effect.key, {
        categoryId: created.id,
        categorySlug: created.slug,
        inTopicId: parent.id,
      });
      if (created.aboutTopicId !== null) {
        // The description is the first post of the category's "About" topic (contract §6.1).
        const about = await deps.forum.getTopic(created.aboutTopicId);
        const first = about.post_stream.posts.find((post) => post.post_number === 1);
        if (first) await deps.forum.editPost(first.id, categoryDescription(p, texts(deps, p)), 'meetup details');
      }
      return { how: 'done', result: { categoryId: created.id, categorySlug: created.slug, inTopicId: parent.id } };
    },
    (result) => (q) => {
      const slug = result.categorySlug ?? plan.slug;
      const url = categoryUrl(deps.forumUrl, { id: result.categoryId!, slug }, deps.categories.cached()?.meetupsRoot);
      return { ...q, category: { id: result.categoryId!, slug, url } };
    },
  );
}

async function freshTree(deps: EffectsDeps) {
  deps.categories.invalidate();
  return deps.categories.tree();
}

/** Posts `raw` in a topic unless the service's post with `markerText` is already there. */
async function replyOnce(
  deps: EffectsDeps,
  topicId: number,
  markerText: string,
  raw: string,
): Promise<{ how: 'done' | 'adopted'; result: EffectResult }> {
  const found =
    (await ownPostInSnapshot(deps, topicId, markerText)) ??
    (await findOwnPost(deps.forum, topicId, deps.ownUsername, markerText));
  if (found) return { how: 'adopted', result: { postId: found.id, inTopicId: topicId } };
  const created = await deps.forum.createPost({ topicId, raw });
  return { how: 'done', result: { postId: created.id, inTopicId: topicId } };
}

/** The service's posts arrive by webhook like any other: the snapshot may already know one. */
async function ownPostInSnapshot(
  deps: EffectsDeps,
  topicId: number,
  markerText: string,
): Promise<{ id: number; raw: string } | null> {
  const snapshot = (await deps.store.topics.get(String(topicId)))?.value as ThreadSnapshot | undefined;
  if (!snapshot) return null;
  const post = Object.values(snapshot.posts).find((x) => x.own && !x.deleted && x.raw.includes(markerText));
  return post ? { id: post.id, raw: post.raw } : null;
}

type Work = (record: EffectRecord | null) => Promise<{ how: 'done' | 'adopted'; result: EffectResult }>;

/**
 * Performs one keyed effect: lease the record, do the work, record the result. An
 * effect already done is not done again unless `again` (the status post is edited for
 * every change). In dry-run the first write is caught, logged and kept as the plan.
 */
async function keyed(
  deps: EffectsDeps,
  p: Proposal,
  effect: Effect,
  options: { again?: boolean; stillNeeded?: (p: Proposal) => boolean },
  work: Work,
  patchFrom?: (result: EffectResult) => (p: Proposal) => Proposal,
): Promise<Outcome> {
  const now = deps.clock().getTime();
  let prior: EffectRecord | null = null;
  let heldUntil = 0;
  await updateVersioned<EffectRecord>(deps.store.effects, effect.key, (current) => {
    prior = current;
    heldUntil = 0;
    if (current?.state === 'done' && !options.again) return UNCHANGED;
    if (
      current?.state === 'started' &&
      current.owner !== null &&
      current.owner !== deps.owner &&
      current.leaseUntil > now
    ) {
      heldUntil = current.leaseUntil;
      return UNCHANGED;
    }
    return {
      key: effect.key,
      kind: effect.kind,
      topicId: p.topicId,
      state: 'started',
      owner: deps.owner,
      leaseUntil: now + deps.leaseMs,
      attempts: (current?.attempts ?? 0) + 1,
      startedAt: new Date(now).toISOString(),
      doneAt: current?.doneAt ?? null,
      result: current?.result ?? null,
      lastError: null,
    };
  });
  const before = prior as EffectRecord | null;
  // Another run holds the key. It usually finishes within seconds, so look again soon; a
  // dead holder's lease runs out, and a later look takes over.
  if (heldUntil > 0) return { status: 'deferred', until: Math.min(heldUntil + 1000, now + DEFER_MS) };
  if (before?.state === 'done' && !options.again) {
    return {
      status: 'done',
      how: 'skipped_unchanged',
      result: before.result ?? {},
      patch: patchFrom?.(before.result ?? {}),
      stillNeeded: options.stillNeeded,
    };
  }

  try {
    const { how, result } = await work(before);
    await finish(deps, effect.key, 'done', result, null);
    return { status: 'done', how, result, patch: patchFrom?.(result), stillNeeded: options.stillNeeded };
  } catch (err) {
    if (err instanceof DryRunWrite) {
      const planned = [{ method: err.method, path: err.path, body: err.body }];
      const result: EffectResult = { ...(before?.result ?? {}), planned, textHash: undefined };
      if (effect.kind === 'write_status_post') result.textHash = sha(statusText(deps, p) ?? '');
      await finish(deps, effect.key, 'planned', result, null);
      const patch = (q: Proposal): Proposal => ({
        ...q,
        plannedWrites: [
          ...(q.plannedWrites ?? []).filter((w) => w.key !== effect.key),
          { key: effect.key, ...planned[0]! },
        ],
      });
      return { status: 'done', how: 'planned', result, patch, stillNeeded: options.stillNeeded };
    }
    return failed(deps, p, effect, before, err);
  }
}

/** Records why an effect failed and decides: retry the job, stop it, or drop the effect. */
async function failed(
  deps: EffectsDeps,
  p: Proposal,
  effect: Effect,
  before: EffectRecord | null,
  err: unknown,
): Promise<Outcome> {
  const message = (err as Error)?.message ?? String(err);
  // A write that was refused for good is dropped with an alert, so it cannot block the effects behind it.
  const rejected =
    err instanceof ForumError && !err.retryable && !err.authRefused && err.status !== null && err.status < 500;
  await finish(
    deps,
    effect.key,
    rejected ? 'failed' : before?.state === 'done' ? 'done' : 'started',
    before?.result ?? null,
    message,
  );
  // A thread deleted or locked after the edit was planned: expected, and nothing for a person to fix.
  if (rejected && effect.kind === 'write_status_post' && p.state === 'withdrawn') {
    deps.logger.info(
      { topicId: p.topicId, effect: effect.key, err: message },
      'status post of a withdrawn thread cannot be edited; left as it was',
    );
    return { status: 'skip', why: 'the withdrawn thread cannot be edited' };
  }
  if (rejected) {
    deps.forum.alert('forum_rejected', err);
    return { status: 'skip', why: `refused by the forum: ${err.reason}` };
  }
  if (err instanceof ForumError && err.authRefused) throw new PermanentJobError(message);
  deps.logger.warn(
    { topicId: p.topicId, effect: effect.key, err: message },
    'effect failed; the job will try again after looking on the forum',
  );
  throw err;
}

async function finish(
  deps: EffectsDeps,
  key: string,
  state: EffectRecord['state'],
  result: EffectResult | null,
  lastError: string | null,
): Promise<void> {
  await updateVersioned(deps.store.effects, key, (current) => {
    if (!current) return UNCHANGED;
    // Another worker took over after our lease ran out; its record wins.
    if (current.owner !== null && current.owner !== deps.owner) return UNCHANGED;
    return {
      ...current,
      state,
      owner: null,
      leaseUntil: 0,
      result,
      lastError,
      doneAt: state === 'done' || state === 'planned' ? deps.clock().toISOString() : current.doneAt,
    };
  });
}

/** Keeps what an effect has done so far (a category made, its description not yet). */
async function saveProgress(deps: EffectsDeps, key: string, result: EffectResult): Promise<void> {
  await updateVersioned(deps.store.effects, key, (current) =>
    current && current.owner === deps.owner ? { ...current, result: { ...current.result, ...result } } : UNCHANGED,
  );
}

/**
 * Just before a create: still ours? A worker that waited out a long 429 may have lost
 * its lease, and then the other worker owns the effect and its lookup.
 */
async function renewLease(deps: EffectsDeps, key: string): Promise<void> {
  const now = deps.clock().getTime();
  let mine = false;
  await updateVersioned(deps.store.effects, key, (current) => {
    mine = current?.owner === deps.owner;
    return mine ? { ...current!, leaseUntil: now + deps.leaseMs } : UNCHANGED;
  });
  if (!mine) throw new LeaseLost(`lost the lease on ${key} to another worker`);
}
