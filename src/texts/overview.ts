import { meetupNextDates, type Meetup } from '../rules/meetup.js';
import { CRITERIA } from '../rules/checklist.js';
import { meetupsByCountry, metCriteria, openProposals } from '../rules/programme.js';
import type { Proposal } from '../rules/proposal.js';
import { forumWords, type TextContext } from './context.js';
import { scheduleText, namesInWords } from './criteria.js';
import { meetingDate } from './dates.js';
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
  const tr = forumWords(ctx);
  const lines = [OVERVIEW_MARKER, tr.t('overview.intro'), '', `## ${tr.t('overview.meetups')}`, ''];
  const groups = meetupsByCountry(meetups);
  if (groups.length === 0) lines.push(tr.t('overview.noMeetups'), '');
  for (const { country, meetups: list } of groups) {
    lines.push(`### ${country === null ? tr.t('overview.elsewhere') : plainText(country, 60)}`, '');
    for (const m of list) lines.push(`- ${meetupLine(m, ctx)}`);
    lines.push('');
  }
  const { open, stalled } = openProposals(proposals);
  lines.push(`## ${tr.t('overview.proposals')}`, '');
  if (open.length === 0) lines.push(tr.t('overview.noProposals'));
  for (const p of open) lines.push(`- ${proposalLine(p, ctx)}`);
  if (stalled.length > 0) {
    lines.push('', `## ${tr.t('overview.stalled')}`, '');
    for (const p of stalled) lines.push(`- ${proposalLine(p, ctx)}`);
  }
  return lines.join('\n').trimEnd();
}

function meetupLine(m: Meetup, ctx: TextContext): string {
  const tr = forumWords(ctx);
  const zone =
    m.timeZone ?? resolveTimeZone({ countryCategory: m.country, region: m.region }, ctx.rules.texts).timeZone;
  const here = { ...ctx, timeZone: zone };
  const parts = [`[${plainText(m.name, 80)}](${m.url})`];
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
  const mark = m.state === 'active' ? '' : tr.t('overview.mark', { state: m.state });
  return parts.join(' · ') + (mark ? ` · ${mark}` : '');
}

function proposalLine(p: Proposal, ctx: TextContext): string {
  const tr = forumWords(ctx);
  const title = plainText(p.title, 80) || `#${p.topicId}`;
  const met = tr.t('overview.proposal', { met: metCriteria(p), all: CRITERIA.length });
  const awaiting = p.state === 'awaiting_approval' ? ` · ${tr.t('overview.awaiting')}` : '';
  return `[${title}](${p.url}) · ${met}${awaiting}`;
}
