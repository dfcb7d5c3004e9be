import type { Proposal } from '../../src/rules/proposal.js';
import type { TextContext } from '../../src/texts/context.js';
import { proposalCalendar } from '../../src/texts/meetup-calendar.js';
import { CATEGORY } from './texts.js';

/** The calendar file of the golden proposal's category. */
export function meetupCalendarFor(p: Proposal, ctx: TextContext): string | null {
  return proposalCalendar(p, CATEGORY, ctx, 'forum.mautic.org');
}
