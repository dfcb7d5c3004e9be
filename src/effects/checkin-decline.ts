import { checkinDeclined } from '../texts/checkin.js';
import { marker } from '../texts/markdown.js';
import { keyedWrite } from './ledger.js';
import type { MeetupPerform } from './meetup-types.js';
import { replyOnce } from './reply-once.js';
import { meetupTexts } from './texts.js';

/** Tells someone who is not an organiser or staff, once, that their answer to a check-in does not count. */
export const declineAnswer: MeetupPerform<'decline_answer'> = async (ctx, m, effect) => ({
  outcome: await keyedWrite(ctx, effect, m.categoryId, () =>
    replyOnce(
      ctx,
      effect.inTopicId,
      marker(effect.key),
      checkinDeclined(effect.key, m, effect.username, meetupTexts(ctx, m)),
    ),
  ),
});
