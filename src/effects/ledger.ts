import { createHash } from 'node:crypto';
import { DryRunWrite, ForumError } from '../forum/errors.js';
import { PermanentJobError } from '../queue/errors.js';
import type { Effect } from '../rules/lifecycle.js';
import type { Proposal } from '../rules/proposal.js';
import type { EffectRecord, EffectResult } from '../store/types.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import type { EffectContext, Outcome } from './types.js';

/**
 * The ledger of forum writes: each effect has a key and a record, leased before any forum
 * call and completed after it. A record found `started` means a call may have landed, so
 * the effect looks on the forum (marker, external id, category name) before writing again.
 */

class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/** A short digest of a text, to tell whether the forum already shows it. */
export const textHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** How soon a run that found its effect leased by another run looks again. */
const DEFER_MS = 3000;

export type Work = (record: EffectRecord | null) => Promise<{ how: 'done' | 'adopted'; result: EffectResult }>;
/**
 * Takes the lease on an effect's record, unless it is done (and not to be done `again`) or
 * another live run holds it: then `deferUntil` says when to look again. `before` is the
 * record as it was, for the work to look at.
 */
async function lease(
  ctx: EffectContext,
  effect: { key: string; kind: string },
  subjectId: number,
  again: boolean,
): Promise<{ before: EffectRecord | null; deferUntil: number | null }> {
  const now = ctx.clock().getTime();
  let prior: EffectRecord | null = null;
  let heldUntil = 0;
  await updateVersioned<EffectRecord>(ctx.store.effects, effect.key, (current) => {
    prior = current;
    heldUntil = 0;
    if (current?.state === 'done' && !again) return UNCHANGED;
    if (
      current?.state === 'started' &&
      current.owner !== null &&
      current.owner !== ctx.owner &&
      current.leaseUntil > now
    ) {
      heldUntil = current.leaseUntil;
      return UNCHANGED;
    }
    return {
      key: effect.key,
      kind: effect.kind,
      topicId: subjectId,
      state: 'started',
      owner: ctx.owner,
      leaseUntil: now + ctx.leaseMs,
      attempts: (current?.attempts ?? 0) + 1,
      startedAt: new Date(now).toISOString(),
      doneAt: current?.doneAt ?? null,
      result: current?.result ?? null,
      lastError: null,
    };
  });
  // Another run holds the key. It usually finishes within seconds, so look again soon; a
  // dead holder's lease runs out, and a later look takes over.
  const deferUntil = heldUntil > 0 ? Math.min(heldUntil + 1000, now + DEFER_MS) : null;
  return { before: prior as EffectRecord | null, deferUntil };
}

/** A write the forum refused for good (a 4xx that is no auth failure and no "try later"): retrying cannot help. */
function refusedForGood(err: unknown): err is ForumError {
  return err instanceof ForumError && !err.retryable && !err.authRefused && err.status !== null && err.status < 500;
}

/**
 * Performs one keyed effect: lease the record, do the work, record the result. An
 * effect already done is not done again unless `again` (the status post is edited for
 * every change). In dry-run the first write is caught, logged and kept as the plan.
 */
export async function keyed(
  ctx: EffectContext,
  p: Proposal,
  effect: Effect,
  options: { again?: boolean; stillNeeded?: (p: Proposal) => boolean; textHash?: string },
  work: Work,
  patchFrom?: (result: EffectResult) => (p: Proposal) => Proposal,
): Promise<Outcome> {
  const { before, deferUntil } = await lease(ctx, effect, p.topicId, options.again ?? false);
  if (deferUntil !== null) return { status: 'deferred', until: deferUntil };
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
    await finish(ctx, effect.key, 'done', result, null);
    return { status: 'done', how, result, patch: patchFrom?.(result), stillNeeded: options.stillNeeded };
  } catch (err) {
    if (err instanceof DryRunWrite) {
      const planned = [{ method: err.method, path: err.path, body: err.body }];
      const result: EffectResult = { ...(before?.result ?? {}), planned, textHash: options.textHash };
      await finish(ctx, effect.key, 'planned', result, null);
      const patch = (q: Proposal): Proposal => ({
        ...q,
        plannedWrites: [
          ...(q.plannedWrites ?? []).filter((w) => w.key !== effect.key),
          { key: effect.key, ...planned[0]! },
        ],
      });
      return { status: 'done', how: 'planned', result, patch, stillNeeded: options.stillNeeded };
    }
    return failed(ctx, p, effect, before, err);
  }
}
/** Records why an effect failed and decides: retry the job, stop it, or drop the effect. */
async function failed(
  ctx: EffectContext,
  p: Proposal,
  effect: Effect,
  before: EffectRecord | null,
  err: unknown,
): Promise<Outcome> {
  const message = (err as Error)?.message ?? String(err);
  // A write that was refused for good is dropped with an alert, so it cannot block the effects behind it.
  const rejected = refusedForGood(err);
  await finish(
    ctx,
    effect.key,
    rejected ? 'failed' : before?.state === 'done' ? 'done' : 'started',
    before?.result ?? null,
    message,
  );
  // A thread deleted or locked after the edit was planned: expected, and nothing for a person to fix.
  if (rejected && effect.kind === 'write_status_post' && p.state === 'withdrawn') {
    ctx.logger.info(
      { topicId: p.topicId, effect: effect.key, err: message },
      'status post of a withdrawn thread cannot be edited; left as it was',
    );
    return { status: 'skip', why: 'the withdrawn thread cannot be edited' };
  }
  if (rejected) {
    ctx.forum.alert('forum_rejected', err);
    return { status: 'skip', why: `refused by the forum: ${err.reason}` };
  }
  if (err instanceof ForumError && err.authRefused) throw new PermanentJobError(message);
  ctx.logger.warn(
    { topicId: p.topicId, effect: effect.key, err: message },
    'effect failed; the job will try again after looking on the forum',
  );
  throw err;
}
async function finish(
  ctx: EffectContext,
  key: string,
  state: EffectRecord['state'],
  result: EffectResult | null,
  lastError: string | null,
): Promise<void> {
  await updateVersioned(ctx.store.effects, key, (current) => {
    if (!current) return UNCHANGED;
    // Another worker took over after our lease ran out; its record wins.
    if (current.owner !== null && current.owner !== ctx.owner) return UNCHANGED;
    return {
      ...current,
      state,
      owner: null,
      leaseUntil: 0,
      result,
      lastError,
      doneAt: state === 'done' || state === 'planned' ? ctx.clock().toISOString() : current.doneAt,
    };
  });
}
/** Keeps what an effect has done so far (a category made, its description not yet). */
export async function saveProgress(ctx: EffectContext, key: string, result: EffectResult): Promise<void> {
  await updateVersioned(ctx.store.effects, key, (current) =>
    current && current.owner === ctx.owner ? { ...current, result: { ...current.result, ...result } } : UNCHANGED,
  );
}
/**
 * Just before a create: still ours? A worker that waited out a long 429 may have lost
 * its lease, and then the other worker owns the effect and its lookup.
 */
export async function renewLease(ctx: EffectContext, key: string): Promise<void> {
  const now = ctx.clock().getTime();
  let mine = false;
  await updateVersioned(ctx.store.effects, key, (current) => {
    mine = current?.owner === ctx.owner;
    return mine ? { ...current!, leaseUntil: now + ctx.leaseMs } : UNCHANGED;
  });
  if (!mine) throw new LeaseLost(`lost the lease on ${key} to another worker`);
}

/** What a keyed write outside a proposal came to (a meetup's check-in, the overview, the digest). */
export type WriteOutcome =
  | { status: 'done'; how: 'done' | 'adopted' | 'skipped_unchanged' | 'planned'; result: EffectResult }
  | { status: 'refused'; why: string }
  | { status: 'deferred'; until: number };

/**
 * The ledger for writes that belong to no proposal: leased, performed once, recorded, and
 * planned instead of written in dry-run, as `keyed` does for a proposal's effects.
 * `subjectId` is the category or topic the write is about, for the record.
 */
export async function keyedWrite(
  ctx: EffectContext,
  effect: { key: string; kind: string },
  subjectId: number,
  work: Work,
  options: { again?: boolean } = {},
): Promise<WriteOutcome> {
  const { before, deferUntil } = await lease(ctx, effect, subjectId, options.again ?? false);
  if (deferUntil !== null) return { status: 'deferred', until: deferUntil };
  if (before?.state === 'done' && !options.again)
    return { status: 'done', how: 'skipped_unchanged', result: before.result ?? {} };
  try {
    const { how, result } = await work(before);
    await finish(ctx, effect.key, 'done', result, null);
    return { status: 'done', how, result };
  } catch (err) {
    if (err instanceof DryRunWrite) {
      const result: EffectResult = {
        ...(before?.result ?? {}),
        planned: [{ method: err.method, path: err.path, body: err.body }],
      };
      await finish(ctx, effect.key, 'planned', result, null);
      return { status: 'done', how: 'planned', result };
    }
    const message = (err as Error)?.message ?? String(err);
    const rejected = refusedForGood(err);
    await finish(
      ctx,
      effect.key,
      rejected ? 'failed' : before?.state === 'done' ? 'done' : 'started',
      before?.result ?? null,
      message,
    );
    if (rejected) {
      ctx.forum.alert('forum_rejected', err);
      return { status: 'refused', why: `refused by the forum: ${err.reason}` };
    }
    if (err instanceof ForumError && err.authRefused) throw new PermanentJobError(message);
    ctx.logger.warn(
      { effect: effect.key, err: message },
      'write failed; the job will try again after looking on the forum',
    );
    throw err;
  }
}
