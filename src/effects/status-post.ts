import type { Proposal } from '../rules/proposal.js';
import { renderStatusPost, statusPostDue, STATUS_MARKER } from '../texts/status-post.js';
import { keyed, renewLease, textHash } from './ledger.js';
import { findOwn } from './reply-once.js';
import { categoryName } from './category.js';
import { textsFor } from './texts.js';
import type { EffectContext, Perform } from './types.js';

/**
 * The one status post of a proposal thread, edited in place for every change a reader
 * would see (docs/spec/rules.md: never a new post per change). Its record keeps the hash of the
 * text last written, so an unchanged text is not written again.
 */
export const writeStatusPost: Perform<'write_status_post'> = async (ctx, p, effect) => {
  const config = ctx.rules.statusPost;
  if (!statusPostDue(p, config.createWhen, ctx.rules.interest.countAuthor))
    return { status: 'skip', why: 'not due yet' };
  // A closed thread gets its status post updated, never a first one.
  if (p.state === 'withdrawn' && p.statusPostId === null)
    return { status: 'skip', why: 'withdrawn before it had a status post' };
  const text = statusText(ctx, p);
  if (text === null) return { status: 'skip', why: 'no checklist' };
  const hash = textHash(text);
  // A change that arrived while this ran needs one more edit.
  const stillNeeded = (current: Proposal) => {
    const now = statusText(ctx, current);
    return now !== null && textHash(now) !== hash;
  };
  const prior = (await ctx.store.effects.get(effect.key))?.value ?? null;
  if ((prior?.state === 'done' || prior?.state === 'planned') && prior.result?.textHash === hash) {
    return { status: 'done', how: 'skipped_unchanged', result: prior.result, stillNeeded };
  }
  return keyed(
    ctx,
    p,
    effect,
    { again: true, stillNeeded, textHash: hash },
    async (record) => {
      let postId = record?.result?.postId ?? p.statusPostId ?? null;
      let how: 'done' | 'adopted' = 'done';
      if (postId === null) {
        const found = await findOwn(ctx, p.topicId, STATUS_MARKER);
        if (found) {
          postId = found.id;
          how = 'adopted';
          if (found.raw === text) return { how, result: { postId, textHash: hash, inTopicId: p.topicId } };
        }
      }
      if (postId !== null) {
        await ctx.forum.editPost(postId, text, 'meetup checklist updated');
      } else {
        await renewLease(ctx, effect.key);
        postId = (await ctx.forum.createPost({ topicId: p.topicId, raw: text })).id;
      }
      return { how, result: { postId, textHash: hash, inTopicId: p.topicId } };
    },
    (result) => (q) => ({ ...q, statusPostId: result.postId ?? q.statusPostId }),
  );
};

function statusText(ctx: EffectContext, p: Proposal): string | null {
  if (!p.checklist) return null;
  return renderStatusPost(
    { ...p, meetupCategory: p.category ? { name: categoryName(ctx, p), url: p.category.url } : null },
    textsFor(ctx, p),
  );
}
