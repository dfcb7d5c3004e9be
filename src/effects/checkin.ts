import { checkinTopicRecord } from '../rules/programme.js';
import { checkinText, checkinTitle } from '../texts/checkin.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import { keyedWrite, renewLease } from './ledger.js';
import type { MeetupPerform } from './meetup-types.js';
import { meetupTexts } from './texts.js';

/** The key of a check-in message on the forum (external id): a create that timed out is found, never sent twice. */
export const checkinExternalId = (categoryId: number, n: number) => `meetup-companion-checkin-${categoryId}-${n}`;

/**
 * The check-in private message of a quiet meetup: to its organisers, or to the approver
 * groups when the service does not know them. Its topic is recorded so an answer finds the
 * meetup in one read.
 */
export const sendCheckin: MeetupPerform<'send_checkin'> = async (ctx, m, effect) => {
  if (m.state === 'active' || m.state === 'paused' || m.state === 'closed' || m.checkins !== effect.n)
    return { outcome: { status: 'skip', why: 'the meetup is no longer quiet' } };
  const outcome = await keyedWrite(ctx, effect, m.categoryId, async () => {
    const externalId = checkinExternalId(m.categoryId, effect.n);
    const existing = await ctx.forum.findTopicByExternalId(externalId);
    if (existing !== null) return { how: 'adopted', result: { inTopicId: existing } };
    await renewLease(ctx, effect.key);
    const texts = meetupTexts(ctx, m);
    const created = await ctx.forum.createPost({
      title: checkinTitle(m, texts),
      raw: checkinText(m, effect.n, texts),
      archetype: 'private_message',
      targetRecipients: m.organisers?.length ? m.organisers : ctx.rules.forum.approverGroups,
      externalId,
    });
    return { how: 'done', result: { inTopicId: created.topicId, postId: created.id } };
  });
  const topicId = outcome.status === 'done' ? (outcome.result.inTopicId ?? null) : null;
  if (topicId !== null)
    await updateVersioned(ctx.store.programme, checkinTopicRecord(topicId), (current) =>
      current ? UNCHANGED : { kind: 'checkin-topic' as const, categoryId: m.categoryId },
    );
  return { outcome, patch: topicId === null ? undefined : (x) => ({ ...x, checkinTopicId: topicId }) };
};
