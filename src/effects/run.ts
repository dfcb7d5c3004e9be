import type { Effect } from '../rules/lifecycle.js';
import type { Proposal } from '../rules/proposal.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import { announceCategory } from './announcement.js';
import { sendApprovalFollowup } from './approval-followup.js';
import { sendApprovalPrompt } from './approval-prompt.js';
import { createCategory } from './category.js';
import { confirmToApprovers } from './confirmation.js';
import { answerNonApprover } from './non-approver-answer.js';
import { sendReminder } from './reminder.js';
import { writeStatusPost } from './status-post.js';
import type { EffectContext, Outcome, Perform } from './types.js';

/** One file per effect kind; the lifecycle (rules/lifecycle.ts) declares which to perform. */
export const effects: { [K in Effect['kind']]: Perform<K> } = {
  write_status_post: writeStatusPost,
  send_approval_prompt: sendApprovalPrompt,
  send_approval_followup: sendApprovalFollowup,
  create_category: createCategory,
  announce_category: announceCategory,
  confirm_to_approvers: confirmToApprovers,
  answer_non_approver: answerNonApprover,
  send_reminder: sendReminder,
};

function perform(ctx: EffectContext, p: Proposal, effect: Effect): Promise<Outcome> {
  // The registry's type pairs each kind with its effect; TypeScript cannot follow that through an index.
  const run = effects[effect.kind] as (ctx: EffectContext, p: Proposal, effect: Effect) => Promise<Outcome>;
  return run(ctx, p, effect);
}

/**
 * What a run of effects leaves to the job that ran it. Effects never call back into the
 * jobs: they say what should happen next, and jobs/effects.ts does it.
 */
export type EffectsRun =
  /** Nothing was pending, or everything pending is done. */
  | { next: 'none'; ran: boolean }
  /** A category was made: read the proposal from its thread again, then run what that adds. */
  | { next: 'refresh' }
  /** An effect is held by another run, or this run did its share: run again, not before `at` (epoch ms). */
  | { next: 'run_at'; at: number }
  /** An effect was kept because the proposal changed while it ran: run again, coalesced with other changes. */
  | { next: 'run_coalesced' };

/** How many effects one run performs before it leaves the rest to another. */
const STEPS_PER_RUN = 20;

/**
 * Drains a proposal's pending effects, in order, each through the ledger (effects/ledger.ts),
 * until one needs something only the jobs can do.
 */
export async function runEffects(ctx: EffectContext, topicId: number): Promise<EffectsRun> {
  for (let step = 0; step < STEPS_PER_RUN; step++) {
    const stored = await ctx.store.proposals.get(String(topicId));
    const proposal = stored?.value;
    const effect = proposal?.pendingEffects?.[0];
    if (!proposal || !effect) return { next: 'none', ran: step > 0 };

    const outcome = await perform(ctx, proposal, effect);
    if (outcome.status === 'deferred') return { next: 'run_at', at: outcome.until };
    ctx.metrics?.effects.inc({ kind: effect.kind, outcome: outcome.status === 'skip' ? 'skipped' : outcome.how });
    ctx.logger.info(
      { topicId, effect: effect.key, outcome: outcome.status === 'skip' ? `skipped: ${outcome.why}` : outcome.how },
      'effect',
    );
    let again = false;
    await updateVersioned(ctx.store.proposals, String(topicId), (current, version) => {
      if (!current) return UNCHANGED;
      let next: Proposal = current;
      if (outcome.status === 'done' && outcome.patch) next = outcome.patch(next);
      // A change that arrived while this effect ran may need it once more: the status post
      // says so itself; an effect skipped for what the proposal said then is kept, since the
      // evaluation that changed it may need it after all.
      again =
        (outcome.status === 'done' && outcome.stillNeeded?.(next) === true) ||
        (outcome.status === 'skip' && version !== stored.version);
      if (!again) next = { ...next, pendingEffects: (next.pendingEffects ?? []).filter((e) => e.key !== effect.key) };
      return next;
    });
    // Not now: at the end of the coalescing window (jobs/schedule.ts), so a burst of replies
    // makes one more edit, not one each.
    if (again) return { next: 'run_coalesced' };
    if (effect.kind === 'create_category' && outcome.status === 'done' && outcome.how !== 'planned')
      return { next: 'refresh' };
  }
  // This many effects in one run means something keeps adding them; let the next job go on.
  return { next: 'run_at', at: ctx.clock().getTime() + 1000 };
}
