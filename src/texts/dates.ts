import { DateTime, Duration } from 'luxon';
import type { MonthlyDay } from '../rules/schedule.js';
import type { Translator } from './catalog.js';

/**
 * Dates and times as people read them, through Intl in the meetup's time zone. The rules
 * keep meetings as wall-clock times ("2027-03-05T18:00", as the organisers wrote them);
 * here they become instants in the meetup's zone, so a date in summer is named with the
 * summer time's zone ("MESZ") and one in winter with the winter's ("MEZ").
 */

/** The instant a wall-clock time "YYYY-MM-DDTHH:mm" stands for in a zone. */
export function instantOf(wallClock: string, zone: string): Date {
  const at = DateTime.fromISO(wallClock, { zone });
  if (!at.isValid) throw new Error(`not a wall-clock time in ${zone}: ${wallClock}`);
  return at.toJSDate();
}

/** A meeting: "Fr., 5. März 2027, 18:00 MEZ", "Fri, 5 Mar 2027, 18:00 CET". */
export function meetingDate(wallClock: string, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instantOf(wallClock, zone));
}

/** A calendar day "YYYY-MM-DD" in words: "Freitag, 5. März 2027". */
export function calendarDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** A calendar day without its weekday, as people write it in a template: "5. März 2027". */
export function writtenDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** A time of day: "18:00". */
export function clockTime(hour: number, minute: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' }).format(
    new Date(Date.UTC(2000, 0, 1, hour, minute)),
  );
}

/** The zone's name for a schedule, whatever the season: "Mitteleuropäische Zeit", "Central European Time". */
export function zoneName(zone: string, locale: string, at: Date): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

const ORDINAL_WORD = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' } as const;

/** Which day each month, without the time: "erster Freitag im Monat", "15th of each month". */
export function monthlyDayInWords(day: MonthlyDay, tr: Translator): string {
  if ('monthDay' in day) return tr.t('schedule.monthDay', { day: day.monthDay });
  return tr.t('schedule.nthWeekday', { ordinal: ORDINAL_WORD[day.ordinal], weekday: day.weekday });
}

/**
 * The schedule in words with its time and zone: "erster Freitag im Monat, 18:00 Uhr
 * (Mitteleuropäische Zeit)". `at` picks the zone's name where it changed over the years.
 */
export function scheduleInWords(
  s: { day: MonthlyDay; hour: number; minute: number },
  tr: Translator,
  zone: string,
  at: Date,
): string {
  return tr.t('schedule.full', {
    day: monthlyDayInWords(s.day, tr),
    time: tr.t('schedule.time', { time: clockTime(s.hour, s.minute, tr.locale) }),
    zone: zoneName(zone, tr.locale, at),
  });
}

/** The day of an instant in a zone, in words: "Freitag, 5. März 2027". */
export function dayOf(instant: string | Date, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** A duration in words, in its largest whole units: "30 days", "1 Stunde", "20 secondes". */
export function durationInWords(ms: number, locale: string): string {
  const d = Duration.fromMillis(ms).shiftTo('days', 'hours', 'minutes', 'seconds');
  const parts = Object.fromEntries(Object.entries(d.toObject()).filter(([, v]) => v !== 0 && v !== undefined));
  return Duration.fromObject(Object.keys(parts).length ? parts : { seconds: 0 })
    .reconfigure({ locale })
    .toHuman({
      listStyle: 'long',
    });
}
