import { approvalFollowup, marker } from '../texts/messages.js';
import { keyed } from './ledger.js';
import { replyOnce } from './reply-once.js';
import { textsFor } from './texts.js';
import type { Perform } from './types.js';

/** Tells the approvers, in their message, that a proposal they were asked about is no longer ready. */
export const sendApprovalFollowup: Perform<'send_approval_followup'> = async (ctx, p, effect) => {
  const sent = (await ctx.store.effects.get(`prompt:${p.topicId}:${effect.round}`))?.value;
  const pmTopic = sent?.state === 'done' ? sent.result?.inTopicId : undefined;
  if (pmTopic === undefined) return { status: 'skip', why: 'the prompt of that round was never sent' };
  return keyed(ctx, p, effect, {}, async () =>
    replyOnce(ctx, pmTopic, marker(effect.key), approvalFollowup(p, effect.round, textsFor(ctx, p))),
  );
};
