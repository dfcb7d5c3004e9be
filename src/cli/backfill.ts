import { SingleBar } from 'cli-progress';
import { scopeOf } from '../events/scope.js';
import { isOpenTopic } from '../jobs/reconcile.js';
import { resyncTopic } from '../jobs/resync.js';
import type { TopicListItem } from '../forum/responses.js';
import type { CliContext } from './context.js';
import { counted } from './plural.js';

export interface BackfillReport {
  pages: number;
  topics: number;
  evaluated: number;
  failed: Array<{ topicId: number; error: string }>;
  proposals: Record<string, number>;
  forumCalls: number;
  seconds: number;
}

/**
 * backfill: every open topic of the watched tree, read from the forum page by page and
 * evaluated once, through the same resync the worker runs. Each forum call takes its
 * place in the shared budget, so a backfill never pushes the service over the limit.
 * Effects (status posts, prompts) are queued for the worker, not done here.
 */
export async function backfill(ctx: CliContext, options: { maxPages?: number } = {}): Promise<BackfillReport> {
  const started = Date.now();
  const jobs = await ctx.jobContext();
  const tree = await ctx.categories.tree();
  const topics: TopicListItem[] = [];
  let pages = 0;
  for (let page = 0; page < (options.maxPages ?? 1000); page++) {
    const list = await ctx.forum.listCategoryTopics(tree.watchedRoot, page);
    pages++;
    for (const t of list.topics) {
      if (isOpenTopic(t) && scopeOf(t.category_id ?? null, tree) === 'watched' && !topics.some((k) => k.id === t.id))
        topics.push(t);
    }
    if (!list.more || list.topics.length === 0) break;
  }

  const bar = ctx.out.progress
    ? new SingleBar({
        format: 'backfill [{bar}] {value}/{total} topics | {topic}',
        stream: ctx.out.progress,
        hideCursor: true,
      })
    : null;
  bar?.start(topics.length, 0, { topic: '' });
  const failed: BackfillReport['failed'] = [];
  let evaluated = 0;
  for (const t of topics) {
    try {
      await resyncTopic(jobs, t.id);
      evaluated++;
    } catch (err) {
      // One thread the forum will not give is reported, not a reason to stop the rest.
      failed.push({ topicId: t.id, error: (err as Error).message });
    }
    bar?.increment(1, { topic: t.title.slice(0, 40) });
  }
  bar?.stop();

  const proposals: Record<string, number> = {};
  const ids = new Set(topics.map((t) => t.id));
  for (const { value } of await (await ctx.store()).proposals.list()) {
    if (ids.has(value.topicId)) proposals[value.state] = (proposals[value.state] ?? 0) + 1;
  }
  return {
    pages,
    topics: topics.length,
    evaluated,
    failed,
    proposals,
    forumCalls: await ctx.forumCalls(),
    seconds: (Date.now() - started) / 1000,
  };
}

export function printBackfill(ctx: CliContext, r: BackfillReport): number {
  const states =
    Object.entries(r.proposals)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ') || 'none';
  ctx.out.line(
    counted(
      'backfill: {topics, plural, one {# open topic} other {# open topics}} on {pages, plural, one {# page} other {# pages}}; {evaluated} evaluated; proposals: {states}',
      { topics: r.topics, pages: r.pages, evaluated: r.evaluated, states },
    ),
  );
  ctx.out.line(
    `forum calls: ${r.forumCalls} in ${r.seconds.toFixed(1)} s (budget ${ctx.config.rules.forum.requestsPerMinute}/min)`,
  );
  for (const f of r.failed) ctx.out.line(`failed: topic ${f.topicId}: ${f.error}`);
  if (r.evaluated > 0) ctx.out.line('status posts and prompts the proposals need are queued for the worker');
  return r.failed.length ? 1 : 0;
}
