import { durationMs } from '../config/rules-config.js';
import { findOwnPost } from '../forum/lookup.js';
import { OVERVIEW_RECORD, type ProgrammeRecord } from '../rules/programme.js';
import { updateVersioned } from '../store/versioned.js';
import { OVERVIEW_MARKER } from '../texts/overview.js';
import { keyedWrite, renewLease, textHash, type WriteOutcome } from './ledger.js';
import type { EffectContext } from './types.js';

export const OVERVIEW_EXTERNAL_ID = 'meetup-companion-overview';

type OverviewRecord = Extract<ProgrammeRecord, { kind: 'overview' }>;

/**
 * The one overview topic in the meetups category: created once (its external id and marker
 * find one that landed before a crash), then edited only when its text changed, and not
 * sooner than `overview.minEditInterval` after the last edit. `deferred` names when to try again.
 */
export async function writeOverview(
  ctx: EffectContext,
  meetupsCategoryId: number,
  title: string,
  text: string,
): Promise<WriteOutcome | { status: 'skip'; why: string }> {
  const hash = textHash(text);
  const stored = (await ctx.store.programme.get(OVERVIEW_RECORD))?.value as OverviewRecord | undefined;
  if (stored?.textHash === hash) return { status: 'skip', why: 'the overview already says this' };
  const now = ctx.clock().getTime();
  const earliest = stored?.editedAt ? Date.parse(stored.editedAt) + durationMs(ctx.rules.overview.minEditInterval) : 0;
  if (earliest > now) return { status: 'deferred', until: earliest };
  const outcome = await keyedWrite(
    ctx,
    { key: 'overview', kind: 'write_overview' },
    meetupsCategoryId,
    async (record) => {
      let topicId = stored?.topicId ?? record?.result?.inTopicId ?? null;
      let postId = stored?.postId ?? record?.result?.postId ?? null;
      let how: 'done' | 'adopted' = 'done';
      if (topicId === null) {
        topicId = await ctx.forum.findTopicByExternalId(OVERVIEW_EXTERNAL_ID);
        if (topicId !== null) how = 'adopted';
      }
      if (topicId !== null && postId === null)
        postId = (await findOwnPost(ctx.forum, topicId, ctx.ownUsername, OVERVIEW_MARKER))?.id ?? null;
      if (postId !== null) {
        await ctx.forum.editPost(postId, text, 'meetup overview updated');
        return { how, result: { inTopicId: topicId ?? undefined, postId, textHash: hash } };
      }
      await renewLease(ctx, 'overview');
      const created = await ctx.forum.createPost({
        title,
        raw: text,
        categoryId: meetupsCategoryId,
        externalId: OVERVIEW_EXTERNAL_ID,
      });
      return { how, result: { inTopicId: created.topicId, postId: created.id, textHash: hash } };
    },
    { again: true },
  );
  if (outcome.status === 'done' && outcome.how !== 'planned') {
    const { inTopicId, postId } = outcome.result;
    await updateVersioned(ctx.store.programme, OVERVIEW_RECORD, () => ({
      kind: 'overview' as const,
      topicId: inTopicId ?? null,
      postId: postId ?? null,
      textHash: hash,
      editedAt: ctx.clock().toISOString(),
    }));
  }
  return outcome;
}
