import { announcement, marker } from '../texts/messages.js';
import { categoryName } from './category.js';
import { keyed } from './ledger.js';
import { replyOnce } from './reply-once.js';
import { textsFor } from './texts.js';
import type { Perform } from './types.js';

/** Tells the thread that the meetup is official, with a link to its category and the organisers named. */
export const announceCategory: Perform<'announce_category'> = async (ctx, p, effect) => {
  const category = p.category;
  if (!category) return { status: 'skip', why: 'no category yet' };
  return keyed(ctx, p, effect, {}, async () =>
    replyOnce(
      ctx,
      p.topicId,
      marker(effect.key),
      announcement(p, { name: categoryName(ctx, p), url: category.url }, textsFor(ctx, p)),
    ),
  );
};
