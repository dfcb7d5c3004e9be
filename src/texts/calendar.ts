import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { MonthlyDay } from '../rules/schedule.js';

/** One meetup series, in the meetup's own time zone. */
export interface MeetupSeries {
  /** Stable across versions of the file, so a calendar updates the series instead of adding one. */
  uid: string;
  /** The meetup's name (its category's). */
  summary: string;
  url: string;
  /** Plain text: the schedule in words and where to read more. */
  description: string;
  /** The venue as written, or null for an online meetup. */
  location: string | null;
  timeZone: string;
  /** The checklist's monthly rule, e.g. FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0. */
  rrule: string;
  /** Wall-clock start of the first meeting of the series, "YYYY-MM-DDTHH:mm". */
  first: string;
  minutes: number;
  /** A launch meeting off the monthly rule, when there is one: its wall-clock start and name. */
  launch?: { start: string; summary: string } | null;
  /** When the file is made (DTSTAMP). */
  now: Date;
}

/** The VTIMEZONE of a zone, so a calendar needs no zone database of its own to place the dates. */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && typeof block[0] === 'string' && block[0].startsWith('BEGIN:VTIMEZONE')
    ? block[0]
    : null;
}

/** The time of day comes from DTSTART; the rule keeps only which day of the month. */
function dayRule(rrule: string): string {
  return rrule
    .split(';')
    .filter((part) => !/^BY(HOUR|MINUTE|SECOND)=/.test(part))
    .join(';');
}

/**
 * An iCalendar file (RFC 5545) of a meetup series: one recurring VEVENT whose DTSTART
 * carries the meetup's TZID, the monthly RRULE and the venue as LOCATION, with the
 * zone's VTIMEZONE; and the launch as an event of its own when it is not on the rule.
 */
export function meetupCalendar(series: MeetupSeries): string {
  const calendar = ical({
    prodId: { company: 'meetup-companion', product: 'meetup-calendar', language: 'EN' },
    name: series.summary,
    timezone: { name: null, generator: vtimezone },
  });
  const event = (uid: string, start: string, summary: string, repeating: string | null) => {
    const from = DateTime.fromISO(start, { zone: series.timeZone });
    calendar.createEvent({
      id: uid,
      start: from,
      end: from.plus({ minutes: series.minutes }),
      timezone: series.timeZone,
      stamp: DateTime.fromJSDate(series.now, { zone: 'utc' }),
      summary,
      description: series.description,
      location: series.location,
      url: series.url,
      ...(repeating ? { repeating } : {}),
    });
  };
  event(series.uid, series.first, series.summary, dayRule(series.rrule));
  if (series.launch) event(`launch-${series.uid}`, series.launch.start, series.launch.summary, null);
  return calendar.toString();
}

/**
 * The event markup of Discourse's calendar plugin for the series, or null where the
 * plugin cannot say the rule: its monthly recurrence repeats the start's weekday of the
 * same week of the month, so only "first" to "fourth" weekdays fit. Attribute values are
 * the service's own (the category name is reduced to letters and digits before).
 */
export function calendarPluginEvent(input: {
  name: string;
  timeZone: string;
  first: string;
  minutes: number;
  day: MonthlyDay;
}): string | null {
  if ('monthDay' in input.day || input.day.ordinal < 1 || input.day.ordinal > 4) return null;
  const start = DateTime.fromISO(input.first, { zone: input.timeZone });
  const at = (d: DateTime) => d.toFormat('yyyy-LL-dd HH:mm');
  const name = input.name.replace(/["[\]\\\r\n]/g, ' ').trim();
  return [
    `[event start="${at(start)}" end="${at(start.plus({ minutes: input.minutes }))}" status="public" name="${name}" timezone="${input.timeZone}" recurrence="every_month"]`,
    '[/event]',
  ].join('\n');
}
