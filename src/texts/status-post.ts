import { CRITERIA } from '../rules/checklist.js';
import type { ProposalState } from '../rules/lifecycle.js';
import type { Proposal } from '../rules/proposal.js';
import type { Translator } from './catalog.js';
import { threadWords, type TextContext } from './context.js';
import {
  criterionSentence,
  criterionValue,
  MARK,
  nextDatesText,
  scheduleText,
  namesInWords,
  type CriterionKey,
} from './criteria.js';
import { dayOf } from './dates.js';
import { templateFor } from './examples.js';
import { inert, listOf, mentionable, plainText, STATUS_MARKER } from './markdown.js';

export { inert, STATUS_MARKER } from './markdown.js';

/**
 * Whether the thread should have a status post yet (config statusPost.createWhen). Once
 * it has one, it keeps it; once the proposal moves on, it always has one.
 */
export function statusPostDue(
  p: { state: ProposalState; interested: string[]; statusPostId: number | null },
  when: 'first_post' | 'first_interest',
  authorCounts: boolean,
): boolean {
  if (p.statusPostId !== null || (p.state !== 'gathering' && p.state !== 'stalled') || when === 'first_post')
    return true;
  // The author counts as interested by default, so "someone else" means a second name.
  return p.interested.length >= (authorCounts ? 2 : 1);
}

export type StatusPostInput = Pick<
  Proposal,
  'topicId' | 'url' | 'state' | 'checklist' | 'interested' | 'unsure' | 'approval' | 'online' | 'lastActivityAt'
> &
  Partial<Pick<Proposal, 'updatedAt'>> & {
    /** The meetup's category, once it exists: its name (categoryPlan) and address. */
    meetupCategory?: { name: string; url: string } | null;
  };

function title(key: CriterionKey, tr: Translator, ctx: TextContext): string {
  if (key === 'interest') return tr.t('criterion.interest.title', { min: ctx.rules.interest.minPeople });
  if (key === 'launchDate') {
    const days = ctx.rules.launchDate.minDaysAhead;
    return tr.t('criterion.launchDate.title', { days, weeks: days % 7 === 0 ? days / 7 : 0 });
  }
  return tr.t(`criterion.${key}.title`);
}

function checklistLines(p: StatusPostInput & Proposal, tr: Translator, ctx: TextContext): string[] {
  const lines: string[] = [];
  for (const key of CRITERIA) {
    const c = p.checklist![key];
    const value = criterionValue(key, p, tr, ctx);
    lines.push(`${MARK[c.status]} ${tr.t('line.labelled', { label: title(key, tr, ctx), value })}`.trimEnd());
    const sentence = criterionSentence(key, p, tr, ctx);
    const next = key === 'schedule' ? nextDatesText(p.checklist!.schedule, tr, ctx) : null;
    const below = [sentence, next ? tr.t('status.nextDates', { dates: next }) : null].filter((s) => s !== null);
    // Two trailing spaces end a Markdown line without starting a paragraph.
    if (below.length > 0) lines[lines.length - 1] += '  ';
    lines.push(...below.map((s, i) => (i < below.length - 1 ? `${s}  ` : s)), '');
    if (key === 'interest' && p.unsure?.length) lines.push(unsureLine(p.unsure, tr), '');
  }
  return lines;
}

/** How many unsure writers the status post asks by name; more are too many to read. */
const MAX_ASKED = 10;

/**
 * The people whose replies speak of coming but could not be read either way, asked how to be
 * counted. They posted in the thread, so each is mentioned and hears of it.
 */
function unsureLine(names: readonly string[], tr: Translator): string {
  const asked = names.slice(0, MAX_ASKED).map((n) => mentionable(n) ?? inert(n));
  return tr.t('status.unsure', {
    count: asked.length,
    names: listOf(asked, tr.locale),
    countMeIn: tr.t('example.countMeIn'),
  });
}

function nextStep(p: StatusPostInput, tr: Translator, ctx: TextContext): string[] {
  switch (p.state) {
    case 'stalled':
      return [
        tr.t('status.stalled', { date: dayOf(p.lastActivityAt ?? p.updatedAt ?? ctx.now, ctx.timeZone, tr.locale) }),
        '',
        tr.t('status.next.gathering'),
      ];
    case 'gathering':
      // While interest is short, its own line says how to join.
      return p.checklist?.interest.status === 'met'
        ? [tr.t('status.next.gathering'), tr.t('status.who.gathering', { countMeIn: tr.t('example.countMeIn') })]
        : [tr.t('status.next.gathering')];
    case 'awaiting_approval':
      return [tr.t('status.next.awaiting')];
    case 'approved':
      return [tr.t('status.next.approved')];
    case 'rejected': {
      const reason = p.approval?.decision === 'rejected' ? p.approval.reason : null;
      return [
        tr.t('status.next.rejected'),
        reason ? tr.t('status.rejectedReason', { reason: inert(reason) }) : tr.t('status.rejectedNoReason'),
        tr.t('status.rejectedWhat'),
      ];
    }
    case 'withdrawn':
      return [tr.t('status.withdrawn')];
    case 'opened':
      return [];
  }
}

/** Once the meetup is official: its category, its people, place and dates; no checklist, no template. */
function officialPost(p: StatusPostInput & Proposal, tr: Translator, ctx: TextContext): string {
  const c = p.checklist!;
  const category = p.meetupCategory
    ? `[${plainText(p.meetupCategory.name, 80)}](${p.meetupCategory.url})`
    : inert(c.region.value ?? '');
  const field = (label: string, value: string | null) =>
    value ? [`${tr.t('line.labelled', { label: tr.t(label), value })}  `] : [];
  const lines = [
    STATUS_MARKER,
    tr.t('status.opened.heading', { category }),
    '',
    ...field('field.organisers', c.organisers.value?.length ? namesInWords(c.organisers.value, tr) : null),
    ...field('field.venue', criterionValue('venue', p, tr, ctx) || null),
    ...field('field.when', scheduleText(c.schedule, tr, ctx)),
    ...field('field.nextDates', nextDatesText(c.schedule, tr, ctx)),
  ];
  lines[lines.length - 1] = lines[lines.length - 1]!.trimEnd();
  if (ctx.calendarUrl) lines.push('', `[${tr.t('calendar.link')}](${ctx.calendarUrl})`);
  lines.push('', tr.t('status.opened.follow'));
  return lines.join('\n');
}

/**
 * The one status post the service keeps in a proposal thread, in the thread's language:
 * each criterion with its value in words and, while it is not met, what to do; what
 * happens next and who acts; and the template to copy. Once the meetup is official it
 * shows the meetup instead. Anything people wrote passes through inert(); its length is
 * bounded whatever the thread holds.
 */
export function renderStatusPost(p: StatusPostInput, ctx: TextContext): string {
  const tr = threadWords(ctx);
  const proposal = p as StatusPostInput & Proposal;
  if (p.state === 'opened') return officialPost(proposal, tr, ctx);
  const lines = [
    STATUS_MARKER,
    tr.t('status.heading'),
    '',
    ...checklistLines(proposal, tr, ctx),
    ...nextStep(p, tr, ctx),
  ];
  // The template is for details still to give or to change; once everything is in place, nobody needs it.
  if (p.state === 'gathering' || p.state === 'stalled' || p.state === 'rejected')
    lines.push('', tr.t('status.template.intro'), '', '```text', ...templateFor(p.checklist, tr, ctx.now), '```');
  return lines.join('\n');
}
