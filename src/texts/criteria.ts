import { CRITERIA, type Checklist, type CriterionReason } from '../rules/checklist.js';
import type { CriterionStatus } from '../rules/criterion.js';
import type { WaitingOrganiser } from '../rules/organisers.js';
import type { Proposal } from '../rules/proposal.js';
import type { MonthlyDay } from '../rules/schedule.js';
import type { Translator } from './catalog.js';
import type { TextContext } from './context.js';
import { calendarDay, meetingDate, monthlyDayInWords, scheduleInWords } from './dates.js';
import { exampleInSentence } from './examples.js';
import { inert, listOf, mentionable, plainText } from './markdown.js';

export type CriterionKey = (typeof CRITERIA)[number];

export const MARK: Record<CriterionStatus, string> = { met: '✅', warning: '⚠️', missing: '⬜', blocked: '⛔' };

/** How many names a text lists before "and 480 more". */
const MAX_NAMES = 20;

/** Usernames as a list in words, at most MAX_NAMES of them, each inert. */
export function namesInWords(names: readonly string[], tr: Translator): string {
  const shown = names.slice(0, MAX_NAMES).map(inert);
  if (names.length > MAX_NAMES) shown.push(tr.t('list.more', { count: names.length - MAX_NAMES }));
  return listOf(shown, tr.locale);
}

/** A monthly schedule's day and time, from its reason or, for a proposal stored before reasons, its rule. */
export function scheduleOf(c: Checklist['schedule']): { day: MonthlyDay; hour: number; minute: number } | null {
  if (c.reason?.code === 'monthly') return { day: c.reason.day, hour: c.reason.hour, minute: c.reason.minute };
  const rule = c.value?.rrule;
  if (!rule) return null;
  const part = (name: string) => new RegExp(`(?:^|;)${name}=([^;]+)`).exec(rule)?.[1];
  const byDay = /^(-?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(part('BYDAY') ?? '');
  const monthDay = Number(part('BYMONTHDAY'));
  const day: MonthlyDay | null = byDay
    ? { ordinal: Number(byDay[1]) as 1, weekday: byDay[2] as 'MO' }
    : monthDay >= 1
      ? { monthDay }
      : null;
  return day ? { day, hour: Number(part('BYHOUR') ?? 0), minute: Number(part('BYMINUTE') ?? 0) } : null;
}

/** The schedule in words, in the meetup's zone, or null while it cannot be read. */
export function scheduleText(c: Checklist['schedule'], tr: Translator, ctx: TextContext): string | null {
  const s = scheduleOf(c);
  return s ? scheduleInWords(s, tr, ctx.timeZone, ctx.now) : null;
}

/** The next meetings as people read them, in the meetup's zone. */
export function nextDatesText(c: Checklist['schedule'], tr: Translator, ctx: TextContext, count = 3): string | null {
  const next = c.value?.next ?? [];
  if (next.length === 0) return null;
  // Each date has commas of its own, so a list of them needs a stronger separator.
  return next
    .slice(0, count)
    .map((d) => meetingDate(d, ctx.timeZone, tr.locale))
    .join(' · ');
}

/** The value of a criterion in words, or '' when there is none yet. */
export function criterionValue(key: CriterionKey, p: Proposal, tr: Translator, ctx: TextContext): string {
  const c = p.checklist!;
  switch (key) {
    case 'interest':
      return p.interested.length > 0
        ? tr.t('value.people', { count: p.interested.length, names: namesInWords(p.interested, tr) })
        : '';
    case 'region':
      return c.region.value ? inert(c.region.value) : '';
    case 'organisers':
      return c.organisers.value?.length ? namesInWords(c.organisers.value, tr) : '';
    case 'venue':
      return p.online ? tr.t('value.online') : c.venue.value ? inert(c.venue.value) : '';
    case 'launchDate':
      return c.launchDate.value ? calendarDay(c.launchDate.value, tr.locale) : '';
    case 'schedule':
      return scheduleText(c.schedule, tr, ctx) ?? '';
  }
}

/** A waiting organiser: a mention only for someone who posted in the thread, otherwise inert. */
function waitingName(w: WaitingOrganiser): string {
  return (w.posted ? mentionable(w.username) : null) ?? inert(w.username);
}

function link(text: string, url: string): string {
  return `[${plainText(text, 80)}](${url})`;
}

/**
 * Why a criterion is not met yet, and what to do about it, in one or two sentences; null
 * when it is met, or for a proposal stored before criteria carried their reasons.
 */
export function criterionSentence(key: CriterionKey, p: Proposal, tr: Translator, ctx: TextContext): string | null {
  const c = p.checklist![key];
  if (c.status === 'met' || !c.reason) return null;
  const example = (field: Parameters<typeof exampleInSentence>[0]) => exampleInSentence(field, tr, ctx.now);
  const r: CriterionReason = c.reason;
  switch (`${key}.${r.code}`) {
    case 'interest.more_needed': {
      const { count, needed } = r as Extract<CriterionReason, { code: 'more_needed' }>;
      return tr.t('reason.interest.moreNeeded', { count, needed, countMeIn: tr.t('example.countMeIn') });
    }
    case 'region.missing':
      return tr.t('reason.region.missing', { example: example('region') });
    case 'region.unreadable':
      return tr.t('reason.region.unreadable', { example: example('region') });
    case 'region.country':
      return tr.t('reason.region.country');
    case 'region.covered': {
      const { name, url } = r as Extract<CriterionReason, { code: 'covered' }>;
      return tr.t('reason.region.covered', { meetup: link(name, url) });
    }
    case 'region.other_proposal': {
      const { url } = r as Extract<CriterionReason, { code: 'other_proposal' }>;
      return tr.t('reason.region.otherProposal', { link: link(tr.t('link.thatProposal'), url) });
    }
    case 'region.online_twin': {
      const { url } = r as Extract<CriterionReason, { code: 'online_twin' }>;
      return tr.t('reason.region.onlineTwin', { link: link(tr.t('link.thatProposal'), url) });
    }
    case 'organisers.none_named':
      return tr.t('reason.organisers.noneNamed', { example: example('organisers') });
    case 'organisers.too_few': {
      const { waiting } = r as Extract<CriterionReason, { code: 'too_few' }>;
      const confirmed = p.checklist!.organisers.value?.length ?? 0;
      const sentences: string[] = [];
      if (waiting.length > 0)
        sentences.push(
          tr.t('reason.organisers.waiting', {
            names: listOf(waiting.slice(0, 5).map(waitingName), tr.locale),
            count: Math.min(waiting.length, 5),
          }),
        );
      const more = 2 - confirmed - waiting.length;
      if (more > 0) sentences.push(tr.t('reason.organisers.nameMore', { count: more, example: example('organisers') }));
      return sentences.join(' ');
    }
    case 'organisers.same_company':
      return tr.t('reason.organisers.sameCompany');
    case 'venue.missing':
      return tr.t('reason.venue.missing', { example: example('venue') });
    case 'venue.bar':
      return tr.t('reason.venue.bar');
    case 'venue.mixed':
      return tr.t('reason.venue.mixed');
    case 'venue.unknown_kind':
      return tr.t('reason.venue.unknownKind', {
        office: inert(tr.t('example.office')),
        community: inert(tr.t('example.community')),
      });
    case 'venue.unconfirmed':
      return tr.t('reason.venue.unconfirmed');
    case 'launchDate.missing':
      return tr.t('reason.launchDate.missing', { example: example('launch') });
    case 'launchDate.unreadable':
      return tr.t('reason.launchDate.unreadable', { example: example('launch') });
    case 'launchDate.past':
      return tr.t('reason.launchDate.past');
    case 'launchDate.soon': {
      const { days, minDays } = r as Extract<CriterionReason, { code: 'soon' }>;
      return tr.t('reason.launchDate.soon', { days, minDays });
    }
    case 'schedule.missing':
      return tr.t('reason.schedule.missing', { example: example('schedule') });
    case 'schedule.no_day':
      return tr.t('reason.schedule.noDay', { example: example('schedule') });
    case 'schedule.weekly':
      return tr.t('reason.schedule.weekly', { example: example('schedule') });
    case 'schedule.no_time': {
      const { day } = r as Extract<CriterionReason, { code: 'no_time' }>;
      return tr.t('reason.schedule.noTime', { day: monthlyDayInWords(day, tr), example: example('schedule') });
    }
    case 'schedule.monthly': {
      const { warning, day } = r as Extract<CriterionReason, { code: 'monthly' }>;
      if (warning === 'ambiguous') return tr.t('reason.schedule.ambiguous');
      if (warning === 'some_months') return tr.t('reason.schedule.someMonths', { day: monthlyDayInWords(day, tr) });
      if (warning === 'off_launch') return tr.t('reason.schedule.offLaunch');
      return null;
    }
    default:
      return null;
  }
}

/**
 * A criterion's status in one or two sentences, whatever the status: what is missing or wrong
 * and what to do (criterionSentence), or what was found. The `detail` of the JSON API and the
 * command line, in the forum's language.
 */
export function criterionDetail(key: CriterionKey, p: Proposal, tr: Translator, ctx: TextContext): string {
  const c = p.checklist![key];
  const sentence = criterionSentence(key, p, tr, ctx);
  if (sentence !== null || !c.reason) return sentence ?? '';
  const r: CriterionReason = c.reason;
  switch (`${key}.${r.code}`) {
    case 'interest.enough':
      return tr.t('reason.interest.enough', { count: (r as Extract<CriterionReason, { code: 'enough' }>).count });
    case 'region.clear':
      return tr.t('reason.region.clear');
    case 'region.online':
      return tr.t('reason.region.online');
    case 'organisers.confirmed':
      return tr.t('reason.organisers.confirmed');
    case 'venue.confirmed':
      return tr.t('reason.venue.confirmed', {
        kind:
          (r as Extract<CriterionReason, { code: 'confirmed'; kind: string }>).kind === 'office'
            ? 'office'
            : 'community',
      });
    case 'venue.online':
      return tr.t('reason.venue.online');
    case 'launchDate.ahead':
      return tr.t('reason.launchDate.ahead', { days: (r as Extract<CriterionReason, { code: 'ahead' }>).days });
    case 'schedule.monthly':
      return tr.t('reason.schedule.monthly', {
        schedule: scheduleText(p.checklist!.schedule, tr, ctx) ?? '',
        dates: nextDatesText(p.checklist!.schedule, tr, ctx) ?? '',
      });
    default:
      return '';
  }
}

/** Links to the posts a criterion was read from, at most five: "(post 3, post 4)". */
export function postLinks(p: Proposal, posts: readonly number[], tr: Translator, bare = false): string {
  if (posts.length === 0) return '';
  const links = listOf(
    posts.slice(0, 5).map((n) => `[${tr.t('link.post', { number: n })}](${p.url}/${n})`),
    tr.locale,
    'unit',
  );
  return bare ? ` ${links}` : ` (${links})`;
}
