import { meetupNextDates, type Meetup } from '../rules/meetup.js';
import { CRITERIA } from '../rules/checklist.js';
import { meetupsByCountry, metCriteria, openProposals } from '../rules/programme.js';
import type { Proposal } from '../rules/proposal.js';
import { forumWords, type TextContext } from './context.js';
import { scheduleText, namesInWords } from './criteria.js';
import { meetingDate } from './dates.js';
import { fitItems, leftOut, postLength } from './fit.js';
import { inert, marker, plainText } from './markdown.js';
import { resolveTimeZone } from './time-zone.js';

/**
 * The overview topic of the programme, in the forum's language: the meetups by country and
 * the open proposals, stalled ones apart. The same meetups and proposals give the same
 * text, so an unchanged programme is not written again.
 */
export const OVERVIEW_MARKER = marker('overview');

export function overviewTitle(ctx: TextContext): string {
  return forumWords(ctx).t('overview.title');
}

export function overviewText(meetups: readonly Meetup[], proposals: readonly Proposal[], ctx: TextContext): string {
  const max = ctx.rules.forum.maxPostLength;
  const groups = meetupsByCountry(meetups);
  const { open, stalled } = openProposals(proposals);
  const longest = Math.max(
    groups.reduce((n, g) => n + g.meetups.length, 0),
    open.length,
    stalled.length,
  );
  const whole = renderOverview(groups, open, stalled, ctx, longest, false);
  if (postLength(whole) <= max) return whole;
  // A programme too large for one post loses the details first, then the ends of its lists.
  return fitItems(longest, max, (keep) => renderOverview(groups, open, stalled, ctx, keep, true));
}

/** The overview listing at most `keep` meetups, `keep` open and `keep` stalled proposals. */
function renderOverview(
  groups: ReturnType<typeof meetupsByCountry>,
  open: readonly Proposal[],
  stalled: readonly Proposal[],
  ctx: TextContext,
  keep: number,
  compact: boolean,
): string {
  const tr = forumWords(ctx);
  const more = (n: number, afterList: boolean) =>
    n > 0 ? leftOut(tr.t('overview.more', { count: n }), afterList) : [];
  const lines = [OVERVIEW_MARKER, tr.t('overview.intro'), '', `## ${tr.t('overview.meetups')}`, ''];
  if (groups.length === 0) lines.push(tr.t('overview.noMeetups'), '');
  let meetupsLeft = keep;
  let meetupsLeftOut = 0;
  for (const { country, meetups: list } of groups) {
    const kept = list.slice(0, meetupsLeft);
    meetupsLeft -= kept.length;
    meetupsLeftOut += list.length - kept.length;
    if (kept.length === 0) continue;
    lines.push(`### ${country === null ? tr.t('overview.elsewhere') : plainText(country, 60)}`, '');
    for (const m of kept) lines.push(`- ${meetupLine(m, ctx, compact)}`);
    lines.push('');
  }
  if (meetupsLeftOut > 0) lines.push(...more(meetupsLeftOut, false), '');
  lines.push(`## ${tr.t('overview.proposals')}`, '');
  if (open.length === 0) lines.push(tr.t('overview.noProposals'));
  const keptOpen = open.slice(0, keep);
  for (const p of keptOpen) lines.push(`- ${proposalLine(p, ctx)}`);
  lines.push(...more(open.length - keptOpen.length, keptOpen.length > 0));
  if (stalled.length > 0) {
    lines.push('', `## ${tr.t('overview.stalled')}`, '');
    const keptStalled = stalled.slice(0, keep);
    for (const p of keptStalled) lines.push(`- ${proposalLine(p, ctx)}`);
    lines.push(...more(stalled.length - keptStalled.length, keptStalled.length > 0));
  }
  return lines.join('\n').trimEnd();
}

/** A meetup's line: compact, it keeps only the link and the mark. */
function meetupLine(m: Meetup, ctx: TextContext, compact: boolean): string {
  const tr = forumWords(ctx);
  const mark = m.state === 'active' ? '' : tr.t('overview.mark', { state: m.state });
  const link = `[${plainText(m.name, 80)}](${m.url})`;
  if (compact) return mark ? `${link} · ${mark}` : link;
  const zone =
    m.timeZone ?? resolveTimeZone({ countryCategory: m.country, region: m.region }, ctx.rules.texts).timeZone;
  const here = { ...ctx, timeZone: zone };
  const parts = [link];
  if (m.region && m.region !== m.name) parts.push(inert(m.region));
  parts.push(
    m.organisers?.length
      ? tr.t('overview.organisers', { names: namesInWords(m.organisers, tr) })
      : tr.t('overview.noOrganisers'),
  );
  const when = m.schedule ? scheduleText(m.schedule, tr, here) : null;
  if (when) parts.push(when);
  const next = m.state === 'active' ? meetupNextDates(m, ctx.now, 1)[0] : undefined;
  if (next) parts.push(tr.t('overview.next', { date: meetingDate(next, zone, tr.locale) }));
  return parts.join(' · ') + (mark ? ` · ${mark}` : '');
}

function proposalLine(p: Proposal, ctx: TextContext): string {
  const tr = forumWords(ctx);
  const title = plainText(p.title, 80) || `#${p.topicId}`;
  const met = tr.t('overview.proposal', { met: metCriteria(p), all: CRITERIA.length });
  const awaiting = p.state === 'awaiting_approval' ? ` · ${tr.t('overview.awaiting')}` : '';
  return `[${title}](${p.url}) · ${met}${awaiting}`;
}
