import { writeOverview } from '../effects/overview.js';
import { forumTexts } from '../effects/texts.js';
import { overviewText, overviewTitle } from '../texts/overview.js';
import type { JobContext } from './context.js';
import { meetupCategories } from './meetups.js';
import { requestOverview } from './overview-request.js';
import type { JobResult, OverviewJob } from './types.js';

/** Writes the overview topic from the meetups and proposals as stored now, if its text changed. */
export async function handle(_job: OverviewJob, ctx: JobContext): Promise<JobResult> {
  if (!ctx.rules.overview.enabled) return 'unchanged';
  const tree = await ctx.categories.tree();
  if (!tree.meetupsRoot) return 'unchanged';
  const listed = new Set(meetupCategories(ctx, tree).map((c) => c.id));
  const meetups = (await ctx.store.meetups.list()).map((m) => m.value).filter((m) => listed.has(m.categoryId));
  const proposals = (await ctx.store.proposals.list()).map((p) => p.value);
  const texts = forumTexts(ctx);
  const outcome = await writeOverview(
    ctx,
    tree.meetupsRoot.id,
    overviewTitle(texts),
    overviewText(meetups, proposals, texts),
  );
  if (outcome.status === 'deferred') await requestOverview(ctx, outcome.until);
  ctx.logger.info({ outcome: outcome.status === 'done' ? outcome.how : outcome.status }, 'overview');
  return 'overview';
}
