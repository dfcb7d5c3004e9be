import { approvalPrompt, promptExternalId, promptTitle } from '../texts/messages.js';
import { keyed, renewLease } from './ledger.js';
import { textsFor } from './texts.js';
import type { Perform } from './types.js';

/**
 * The private message that asks the approver groups to decide, once per round of
 * awaiting_approval. Keyed on the forum too: its external id finds a message whose
 * create timed out, so a retry never sends a second one.
 */
export const sendApprovalPrompt: Perform<'send_approval_prompt'> = async (ctx, p, effect) => {
  // Decided while ready, but no longer: a prompt now would only be followed by "never mind".
  if (p.state !== 'awaiting_approval' || (p.approvalRound ?? 0) !== effect.round)
    return { status: 'skip', why: 'no longer awaiting approval' };
  return keyed(
    ctx,
    p,
    effect,
    {},
    async () => {
      const externalId = promptExternalId(p.topicId, effect.round);
      const existing = await ctx.forum.findTopicByExternalId(externalId);
      if (existing !== null) return { how: 'adopted', result: { inTopicId: existing } };
      await renewLease(ctx, effect.key);
      const created = await ctx.forum.createPost({
        title: promptTitle(p, effect.round, textsFor(ctx, p)),
        raw: approvalPrompt(p, effect.round, textsFor(ctx, p)),
        archetype: 'private_message',
        targetRecipients: ctx.rules.forum.approverGroups,
        externalId,
      });
      return { how: 'done', result: { inTopicId: created.topicId, postId: created.id } };
    },
    (result) => (q) => ({ ...q, promptTopicId: result.inTopicId ?? q.promptTopicId ?? null }),
  );
};
