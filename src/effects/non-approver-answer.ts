import { marker, nonApproverAnswer } from '../texts/messages.js';
import { keyed } from './ledger.js';
import { replyOnce } from './reply-once.js';
import { textsFor } from './texts.js';
import type { Perform } from './types.js';

/** Answers, once per person and proposal, someone who wrote a command but may not decide. */
export const answerNonApprover: Perform<'answer_non_approver'> = async (ctx, p, effect) =>
  keyed(ctx, p, effect, {}, async () =>
    replyOnce(
      ctx,
      effect.inTopicId,
      marker(effect.key),
      nonApproverAnswer(
        effect.key,
        effect.username,
        p.state,
        textsFor(ctx, p),
        effect.inTopicId === p.topicId ? 'thread' : 'message',
      ),
    ),
  );
