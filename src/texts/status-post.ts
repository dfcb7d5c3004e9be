import type { Checklist, CriterionStatus } from '../rules/checklist.js';
import { CRITERIA } from '../rules/checklist.js';
import type { ProposalState } from '../rules/lifecycle.js';

/** Marks the service's status post so that it can be found again before writing a new one. */
export const STATUS_MARKER = '<!-- meetup-companion:status -->';

const MARK: Record<CriterionStatus, string> = { met: '✅', warning: '⚠️', missing: '⬜', blocked: '⛔' };
const TITLE: Record<(typeof CRITERIA)[number], string> = {
  interest: 'At least two people interested',
  region: 'A clear region or town, not covered yet',
  organisers: 'Two organisers',
  venue: 'A confirmed office or community space',
  launchDate: 'A launch date, ideally four weeks ahead',
  schedule: 'A regular monthly day and time',
};

const NEXT: Record<ProposalState, string> = {
  gathering: 'Once every item is ticked, the moderators are asked to approve the meetup.',
  awaiting_approval: 'Everything is in place: the moderators have been asked to approve the meetup.',
  approved: 'The moderators approved the meetup; its category is being created.',
  opened: 'The meetup is official and has its own category.',
  rejected: 'The moderators did not approve this proposal for now; see their reason below.',
  withdrawn:
    'This thread is no longer an open proposal: it was closed, archived, unlisted or moved out of the meetup categories. If it comes back, the checklist picks up where it stopped.',
};

const TEMPLATE = [
  'Region: Berlin',
  'Organisers: @alice @bob',
  'Venue: Acme GmbH office, Torstraße 1 (office)',
  'Launch: 2027-03-05 18:00',
  'Monthly: first Friday of each month at 18:00',
];

// Values people wrote are shown, never rendered: bounded, on one line, and inside a code span.
const MAX_SHOWN = 120;

/**
 * Text written by forum users, made inert: inside a code span Discourse renders no
 * mention, link, image, emoji or HTML, so "@here" or "<img>" stays text. Backticks are
 * replaced so the span cannot be closed early.
 */
export function inert(text: string): string {
  let flat = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/`/g, "'")
    .trim();
  if (flat.length > MAX_SHOWN) flat = `${flat.slice(0, MAX_SHOWN - 1)}…`;
  return flat === '' ? '' : `\`${flat}\``;
}

function shownValue(value: unknown): string {
  if (typeof value === 'string') return inert(value);
  if (Array.isArray(value)) return value.map((v) => inert(String(v))).join(', ');
  if (value && typeof value === 'object' && 'rrule' in value) return inert(String((value as { rrule: string }).rrule));
  return '';
}

/**
 * Whether the thread should have a status post yet (config statusPost.createWhen). Once
 * it has one, it keeps it; once the proposal moves on, it always has one.
 */
export function statusPostDue(
  p: { state: ProposalState; interested: string[]; statusPostId: number | null },
  when: 'first_post' | 'first_interest',
  authorCounts: boolean,
): boolean {
  if (p.statusPostId !== null || p.state !== 'gathering' || when === 'first_post') return true;
  // The author counts as interested by default, so "someone else" means a second name.
  return p.interested.length >= (authorCounts ? 2 : 1);
}

export interface StatusPostInput {
  state: ProposalState;
  checklist: Checklist;
  interested: string[];
  rejectionReason: string | null;
  /** The meetup's category, once it exists. */
  categoryUrl?: string | null;
}

/**
 * The one status post the service keeps in a proposal thread. Details are the service's
 * own sentences; anything users wrote (values, usernames, reasons) passes through inert().
 * Its length is bounded whatever the thread holds.
 */
export function renderStatusPost(input: StatusPostInput): string {
  const lines: string[] = [STATUS_MARKER, '**Meetup checklist**', ''];
  for (const key of CRITERIA) {
    const c = input.checklist[key];
    const value = 'value' in c ? shownValue(c.value) : '';
    lines.push(`${MARK[c.status]} **${TITLE[key]}**${value ? `: ${value}` : ''}  `);
    lines.push(`${c.detail.replace(/@/g, '@\u200b')}`);
    lines.push('');
  }
  if (input.interested.length > 0) {
    const shown = input.interested.slice(0, 20).map(inert).join(', ');
    lines.push(
      `Interested so far: ${shown}${input.interested.length > 20 ? ` and ${input.interested.length - 20} more` : ''}`,
      '',
    );
  }
  lines.push(`**Next:** ${NEXT[input.state]}`);
  if (input.state === 'opened' && input.categoryUrl) lines.push(`The meetup's category: ${input.categoryUrl}`);
  if (input.state === 'rejected' && input.rejectionReason) lines.push(`Reason given: ${inert(input.rejectionReason)}`);
  lines.push(
    '',
    'Copy this into a reply and fill it in (the topic author, a named organiser or staff can set these):',
    '',
    '```text',
    ...TEMPLATE,
    '```',
  );
  return lines.join('\n');
}
