import type { DigestItem } from '../rules/programme.js';
import { digestText, digestTitle } from '../texts/digest.js';
import { keyedWrite, renewLease, type WriteOutcome } from './ledger.js';
import { forumTexts } from './texts.js';
import type { EffectContext } from './types.js';

/** The moderators' digest number `n`, once: its external id finds a message whose create timed out. */
export async function sendDigest(ctx: EffectContext, n: number, items: readonly DigestItem[]): Promise<WriteOutcome> {
  const key = `digest:${n}`;
  return keyedWrite(ctx, { key, kind: 'send_digest' }, n, async () => {
    const externalId = `meetup-companion-digest-${n}`;
    const existing = await ctx.forum.findTopicByExternalId(externalId);
    if (existing !== null) return { how: 'adopted', result: { inTopicId: existing } };
    await renewLease(ctx, key);
    const texts = forumTexts(ctx);
    const created = await ctx.forum.createPost({
      title: digestTitle(items, texts),
      raw: digestText(n, items, texts),
      archetype: 'private_message',
      targetRecipients: ctx.rules.forum.approverGroups,
      externalId,
    });
    return { how: 'done', result: { inTopicId: created.topicId, postId: created.id } };
  });
}
