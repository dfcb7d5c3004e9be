import type { Effect } from '../rules/lifecycle.js';
import type { Proposal } from '../rules/proposal.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import { announceCategory } from './announcement.js';
import { sendApprovalFollowup } from './approval-followup.js';
import { sendApprovalPrompt } from './approval-prompt.js';
import { createCategory } from './category.js';
import { confirmToApprovers } from './confirmation.js';
import { answerNonApprover } from './non-approver-answer.js';
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
};

function perform(ctx: EffectContext, p: Proposal, effect: Effect): Promise<Outcome> {
  // The registry's type pairs each kind with its effect; TypeScript cannot follow that through an index.
  const run = effects[effect.kind] as (ctx: EffectContext, p: Proposal, effect: Effect) => Promise<Outcome>;
  return run(ctx, p, effect);
}

/**
 * Drains a proposal's pending effects, in order, each through the ledger (effects/ledger.ts).
 * A run that finds an effect leased by another run hands over to a later run.
 */
export async function runEffects(ctx: EffectContext, topicId: number): Promise<'idle' | 'done' | 'deferred'> {
  for (let step = 0; step < 20; step++) {
    const stored = await ctx.store.proposals.get(String(topicId));
    const proposal = stored?.value;
    const effect = proposal?.pendingEffects?.[0];
    if (!proposal || !effect) return step === 0 ? 'idle' : 'done';

    const outcome = await perform(ctx, proposal, effect);
    if (outcome.status === 'deferred') {
      await ctx.schedule(topicId, outcome.until);
      return 'deferred';
    }
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
      // evaluation that changed it asked for the same effect again and found it pending.
      again =
        (outcome.status === 'done' && outcome.stillNeeded?.(next) === true) ||
        (outcome.status === 'skip' && version !== stored.version);
      if (!again) next = { ...next, pendingEffects: (next.pendingEffects ?? []).filter((e) => e.key !== effect.key) };
      return next;
    });
    // Not now: the change that needs it asked for its own run, at the end of the coalescing
    // window (jobs/schedule.ts), so a burst of replies makes one more edit, not one each.
    if (again) return 'deferred';
    if (effect.kind === 'create_category' && outcome.status === 'done' && outcome.how !== 'planned')
      await ctx.refresh(topicId);
  }
  // Twenty effects in one run means something keeps adding them; let the next job go on.
  await ctx.schedule(topicId, ctx.clock().getTime() + 1000);
  return 'deferred';
}
