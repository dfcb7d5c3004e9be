import ICAL from 'ical.js';
import type { Proposal } from '../../src/rules/proposal.js';
import type { TextContext } from '../../src/texts/context.js';
import { proposalCalendar } from '../../src/texts/meetup-calendar.js';
import { CATEGORY } from './texts.js';

/** The calendar file of the golden proposal's category. */
export function meetupCalendarFor(p: Proposal, ctx: TextContext): string | null {
  return proposalCalendar(p, CATEGORY, ctx, 'forum.mautic.org');
}

interface Occurrence {
  utc: string;
  local: string;
  zone: string;
}

/** Parses a calendar file the way a calendar application does, and lists each event's first meetings. */
export function parseCalendar(ics: string, count = 3) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const iterator = event.iterator();
    const occurrences: Occurrence[] = [];
    for (let i = 0; i < count; i++) {
      const next = iterator.next();
      if (!next) break;
      occurrences.push({
        utc: next.toJSDate().toISOString().slice(0, 16),
        local: next.toString().slice(0, 16),
        zone: next.zone?.tzid ?? '',
      });
    }
    return {
      summary: event.summary,
      location: event.location,
      uid: event.uid,
      rrule: component.getFirstPropertyValue('rrule')?.toString() ?? null,
      tzid: component.getFirstProperty('dtstart')?.getParameter('tzid') ?? null,
      occurrences,
    };
  });
}
