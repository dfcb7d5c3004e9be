import { marker, openedConfirmation } from '../texts/messages.js';
import { categoryName } from './category.js';
import { keyed } from './ledger.js';
import { replyOnce } from './reply-once.js';
import { textsFor } from './texts.js';
import type { Perform } from './types.js';

/**
 * Tells the approvers, in their message, that the category exists, with the Community
 * Portal to-do: the portal has no API, so its group is made by hand (docs/spec/rules.md).
 */
export const confirmToApprovers: Perform<'confirm_to_approvers'> = async (ctx, p, effect) => {
  const category = p.category;
  const inTopic = p.promptTopicId;
  if (!category || !inTopic) return { status: 'skip', why: 'no private message to the approvers' };
  return keyed(ctx, p, effect, {}, async () =>
    replyOnce(
      ctx,
      inTopic,
      marker(effect.key),
      openedConfirmation(p, { name: categoryName(ctx, p), url: category.url }, textsFor(ctx, p)),
    ),
  );
};
