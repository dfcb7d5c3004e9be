import { categoryUrl, type CategoryTree } from '../forum/categories.js';
import { ForumError } from '../forum/errors.js';
import { PermanentJobError } from '../queue/errors.js';
import { categoryDescription, categoryPlan } from '../texts/messages.js';
import type { Proposal } from '../rules/proposal.js';
import { keyed, renewLease, saveProgress } from './ledger.js';
import { textsFor } from './texts.js';
import type { EffectContext, Perform } from './types.js';

/**
 * The meetup's category under the meetups category, with its description in the
 * category's About topic. Never two: a category made by an earlier attempt or by a
 * moderator by hand (same name or slug) is adopted, and a 422 "already in use" is looked
 * up instead of retried (docs/spec/discourse-contract.md §6.1).
 */
export const createCategory: Perform<'create_category'> = async (ctx, p, effect) => {
  const plan = categoryPlan(p, ctx.rules.category);
  if (!plan) return { status: 'skip', why: 'no region to name the category after' };
  return keyed(
    ctx,
    p,
    effect,
    {},
    async (record) => {
      const parent = (await freshTree(ctx)).meetupsRoot;
      if (!parent)
        throw new PermanentJobError(
          `the meetups category "${ctx.rules.forum.meetupsCategory}" is not on the forum; set forum.meetupsCategory`,
        );
      const adopt = async () => {
        const tree = await freshTree(ctx);
        return (
          tree.meetups.find((c) => c.name.trim().toLowerCase() === plan.name.toLowerCase() || c.slug === plan.slug) ??
          null
        );
      };
      // A category made by an earlier attempt, or by a moderator by hand, is used as it is.
      const existing = record?.result?.categoryId
        ? { id: record.result.categoryId, slug: record.result.categorySlug ?? plan.slug }
        : await adopt();
      if (existing)
        return {
          how: 'adopted',
          result: { categoryId: existing.id, categorySlug: existing.slug, inTopicId: parent.id },
        };
      await renewLease(ctx, effect.key);
      let created;
      try {
        created = await ctx.forum.createCategory({
          name: plan.name,
          slug: plan.slug,
          color: ctx.rules.category.color,
          textColor: ctx.rules.category.textColor,
          parentCategoryId: parent.id,
          permissions: ctx.rules.category.permissions,
        });
      } catch (err) {
        // "Name/slug already in use": someone made it meanwhile. Look it up; never loop on the create.
        if (err instanceof ForumError && err.status === 422) {
          const taken = await adopt();
          if (taken)
            return { how: 'adopted', result: { categoryId: taken.id, categorySlug: taken.slug, inTopicId: parent.id } };
        }
        throw err;
      }
      await saveProgress(ctx, effect.key, {
        categoryId: created.id,
        categorySlug: created.slug,
        inTopicId: parent.id,
      });
      if (created.aboutTopicId !== null) {
        // The description is the first post of the category's "About" topic (docs/spec/discourse-contract.md §6.1).
        const about = await ctx.forum.getTopic(created.aboutTopicId);
        const first = about.post_stream.posts.find((post) => post.post_number === 1);
        if (first)
          await ctx.forum.editPost(
            first.id,
            categoryDescription(p, textsFor(ctx, p, created.id), { name: plan.name }),
            'meetup details',
          );
      }
      return { how: 'done', result: { categoryId: created.id, categorySlug: created.slug, inTopicId: parent.id } };
    },
    (result) => (q) => {
      const slug = result.categorySlug ?? plan.slug;
      const url = categoryUrl(ctx.forumUrl, { id: result.categoryId!, slug }, ctx.categories.cached()?.meetupsRoot);
      return { ...q, category: { id: result.categoryId!, slug, url } };
    },
  );
};

async function freshTree(ctx: EffectContext): Promise<CategoryTree> {
  ctx.categories.invalidate();
  return ctx.categories.tree();
}

/** The category's name as the configured template makes it. */
export function categoryName(ctx: EffectContext, p: Proposal): string {
  return categoryPlan(p, ctx.rules.category)?.name ?? `Meetup ${p.topicId}`;
}
