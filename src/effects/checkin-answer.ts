import { checkinAnswered } from '../texts/checkin.js';
import { marker } from '../texts/markdown.js';
import { keyedWrite } from './ledger.js';
import type { MeetupPerform } from './meetup-types.js';
import { replyOnce } from './reply-once.js';
import { meetupTexts } from './texts.js';

/** Thanks the organiser who answered a check-in, in its message, saying what the answer does. */
export const acknowledgeAnswer: MeetupPerform<'acknowledge_answer'> = async (ctx, m, effect) => ({
  outcome: await keyedWrite(ctx, effect, m.categoryId, () =>
    replyOnce(
      ctx,
      effect.inTopicId,
      marker(effect.key),
      checkinAnswered(effect.key, m, effect.answer, effect.username, meetupTexts(ctx, m)),
    ),
  ),
});
