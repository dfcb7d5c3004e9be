import { durationMs } from '../config/rules-config.js';
import { CRITERIA } from '../rules/checklist.js';
import type { Proposal } from '../rules/proposal.js';
import { threadWords, type TextContext } from './context.js';
import { criterionSentence, MARK } from './criteria.js';
import { dayOf } from './dates.js';
import { inert, listOf, marker, mentionable } from './markdown.js';

/**
 * The reminder reply in a quiet proposal thread, in the thread's language: it names the
 * author and the organisers, says which criteria are still open and how to give each, and
 * when the proposal would be marked stalled.
 */
export function reminderText(p: Proposal, n: number, ctx: TextContext): string {
  const tr = threadWords(ctx);
  const since = p.lastActivityAt ?? p.updatedAt;
  const date = dayOf(since, ctx.timeZone, tr.locale);
  const names = remindedPeople(p);
  const open = p.checklist
    ? CRITERIA.filter((k) => p.checklist![k].status === 'missing' || p.checklist![k].status === 'blocked')
    : [];
  const lines = [
    marker(`reminder:${p.topicId}:${n}`),
    names.length
      ? tr.t('reminder.quiet', { names: listOf(names, tr.locale), date })
      : tr.t('reminder.quietNoNames', { date }),
  ];
  if (open.length > 0) {
    lines.push('', tr.t('reminder.open', { count: open.length }));
    for (const key of open) {
      const sentence = criterionSentence(key, p, tr, ctx);
      lines.push(
        `- ${MARK[p.checklist![key].status]} ${tr.t(`criterion.${key}.label`)}${sentence ? `: ${sentence}` : ''}`,
      );
    }
  }
  lines.push('', tr.t('reminder.how'));
  if (p.state !== 'stalled') {
    const stallsAt = new Date(Date.parse(since) + durationMs(ctx.rules.lifecycle.proposalStalledAfter));
    lines.push(tr.t('reminder.stalls', { date: dayOf(stallsAt, ctx.timeZone, tr.locale) }));
  }
  return lines.join('\n');
}

/**
 * The author and the named organisers. Those who took part in the thread (the author, the
 * interested) are mentioned, so they hear of it; anyone else is named, not mentioned.
 */
function remindedPeople(p: Proposal): string[] {
  const took = new Set(p.interested.map((u) => u.toLowerCase()));
  const named = [p.author ?? null, ...(p.checklist?.organisers.value ?? [])].filter((u): u is string => !!u);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const u of named) {
    const key = u.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const live = key === p.author?.toLowerCase() || took.has(key) ? mentionable(u) : null;
    out.push(live ?? inert(u));
  }
  return out;
}
