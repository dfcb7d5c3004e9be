import { findOwnPost } from '../forum/lookup.js';
import type { EffectResult } from '../store/types.js';
import type { EffectContext } from './types.js';

/**
 * The service's post in a topic that carries `markerText`, if the forum has one: a write
 * that may have landed before a crash is found here before anything is written again.
 * The service's posts arrive by webhook like any other, so the snapshot is looked at first.
 */
export async function findOwn(
  ctx: EffectContext,
  topicId: number,
  markerText: string,
): Promise<{ id: number; raw: string } | null> {
  const snapshot = (await ctx.store.topics.get(String(topicId)))?.value;
  const known = snapshot
    ? Object.values(snapshot.posts).find((x) => x.own && !x.deleted && x.raw.includes(markerText))
    : undefined;
  if (known) return { id: known.id, raw: known.raw };
  const found = await findOwnPost(ctx.forum, topicId, ctx.ownUsername, markerText);
  return found ? { id: found.id, raw: found.raw ?? '' } : null;
}

/** Posts `raw` in a topic unless the service's post with `markerText` is already there. */
export async function replyOnce(
  ctx: EffectContext,
  topicId: number,
  markerText: string,
  raw: string,
): Promise<{ how: 'done' | 'adopted'; result: EffectResult }> {
  const found = await findOwn(ctx, topicId, markerText);
  if (found) return { how: 'adopted', result: { postId: found.id, inTopicId: topicId } };
  const created = await ctx.forum.createPost({ topicId, raw });
  return { how: 'done', result: { postId: created.id, inTopicId: topicId } };
}
