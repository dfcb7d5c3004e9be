import { closedText, closedTitle } from '../texts/checkin.js';
import { keyedWrite, renewLease } from './ledger.js';
import type { MeetupPerform } from './meetup-types.js';
import { meetupTexts } from './texts.js';

/**
 * Tells the approver groups that a group's organisers closed it. The service archives,
 * renames and deletes nothing: the moderators decide.
 */
export const tellModeratorsClosed: MeetupPerform<'tell_moderators_closed'> = async (ctx, m, effect) => {
  if (m.state !== 'closed') return { outcome: { status: 'skip', why: 'the group answered again since' } };
  return {
    outcome: await keyedWrite(ctx, effect, m.categoryId, async () => {
      const externalId = `meetup-companion-${effect.key.replaceAll(':', '-')}`;
      const existing = await ctx.forum.findTopicByExternalId(externalId);
      if (existing !== null) return { how: 'adopted', result: { inTopicId: existing } };
      await renewLease(ctx, effect.key);
      const texts = meetupTexts(ctx, m);
      const created = await ctx.forum.createPost({
        title: closedTitle(m, texts),
        raw: closedText(effect.key, m, effect.username, texts),
        archetype: 'private_message',
        targetRecipients: ctx.rules.forum.approverGroups,
        externalId,
      });
      return { how: 'done', result: { inTopicId: created.topicId, postId: created.id } };
    }),
  };
};
