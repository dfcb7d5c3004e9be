import rrulePackage from 'rrule';
import type { RulesConfig } from '../config/rules-config.js';
import { withoutDates, type DateLexicon } from './launch-date.js';
import { readTimes, type TimeOfDay } from './time-of-day.js';
import { normalise, PhraseSet, words, wordSet, wordStarts } from '../words/text.js';
import type { Criterion, GivenField } from './criterion.js';

// rrule ships CommonJS only; its classes hang off the default export under Node's ESM.
const { RRule } = rrulePackage;

type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
type Ordinal = 1 | 2 | 3 | 4 | 5 | -1;

export interface ScheduleLexicon {
  ordinals: Map<string, Ordinal>;
  // Phrases, so that "segunda-feira" (Monday) is not the ordinal "segunda" (second).
  weekdays: PhraseSet;
  weekdayOf: Map<string, Weekday>;
  monthWords: Set<string>;
  everyWords: Set<string>;
  dayWords: Set<string>;
  /** "Same time", "gleiche Uhrzeit", "à la même heure": the slot's time is the launch's. */
  sameTime: PhraseSet;
  /** How calendar dates and times of day are written: a calendar date is no day of the month. */
  dates: DateLexicon;
}

export function scheduleLexicon(config: RulesConfig['schedule'], dates: DateLexicon): ScheduleLexicon {
  const ordinals = new Map<string, Ordinal>();
  for (const [n, list] of Object.entries(config.ordinals))
    for (const w of list) ordinals.set(words(w).join(''), Number(n) as Ordinal);
  const weekdayOf = new Map<string, Weekday>();
  for (const [d, list] of Object.entries(config.weekdays))
    for (const w of list) weekdayOf.set(words(w).join(' '), d as Weekday);
  return {
    ordinals,
    weekdays: new PhraseSet(weekdayOf.keys()),
    weekdayOf,
    monthWords: wordSet(config.monthWords),
    everyWords: wordSet(config.everyWords),
    dayWords: wordSet(config.dayWords),
    sameTime: new PhraseSet(config.sameTimeWords),
    dates,
  };
}

/** Which day of each month: the nth weekday ("first Friday"), or a day of the month ("the 15th"). */
export type MonthlyDay = { ordinal: Ordinal; weekday: Weekday } | { monthDay: number };

export type MonthlySchedule = MonthlyDay & {
  /** RFC 5545 rule without DTSTART, e.g. FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0 */
  rrule: string;
  hour: number;
  minute: number;
  /** "every second Tuesday" may mean every other week. */
  ambiguous: boolean;
};

export type ScheduleReading =
  | { kind: 'monthly'; schedule: MonthlySchedule }
  | { kind: 'no_day' }
  | { kind: 'not_monthly'; weekday: Weekday }
  | { kind: 'no_time'; day: MonthlyDay };

const MAX_SCHEDULE_TEXT = 200;

/**
 * A monthly meeting day and time, in any configured language: "first Friday of each month
 * at 6 PM", "every 2nd Tuesday, 19:00", "jeden ersten Freitag im Monat um 18 Uhr",
 * "le premier vendredi du mois à 18h", or a day of the month: "the 15th of each month at
 * 18:00", "am 15. jeden Monats um 18 Uhr", "el día 15 de cada mes a las 18:00". `launchTime`
 * (HH:mm), the first meetup's, is the time of a slot said to be at the same time.
 */
export function readSchedule(text: string, lex: ScheduleLexicon, launchTime: string | null = null): ScheduleReading {
  const input = text.slice(0, MAX_SCHEDULE_TEXT);
  const w = words(input);
  const hasMonth = w.some((x) => lex.monthWords.has(x));
  const hasEvery = w.some((x) => lex.everyWords.has(x));
  // The first weekday with an ordinal before it: Portuguese "quinta" is Thursday and fifth, so in
  // "quinta sexta-feira" the weekday is the second.
  const weekdays = lex.weekdays.find(w);
  const starts = wordStarts(input);
  // An ordinal across a label or a comma is another noun's: "Primera reunión: jueves 28 de enero".
  const apart = (from: number, to: number) => /[:;,()\n]/.test(input.slice(starts[from] ?? 0, starts[to] ?? 0));
  // The weekday its ordinal stands closest to: in "le premier meetup le jeudi 4 mars, puis le
  // troisième jeudi", the slot's is the second.
  const nth = weekdays
    .map((hit) => ({ weekday: lex.weekdayOf.get(hit.phrase)!, at: hit.at, ...ordinalBefore(w, hit.at, lex, apart) }))
    .filter((d) => d.ordinal !== null)
    .reduce<{ weekday: Weekday; at: number; ordinal: Ordinal | null; distance: number } | undefined>(
      (best, d) => (best === undefined || d.distance < best.distance ? d : best),
      undefined,
    );
  let day: MonthlyDay;
  // The slot's time follows its day: "le 2 avril à 18h, puis le premier vendredi à 18h30" meets at 18:30.
  let from = 0;
  if (nth) {
    day = { ordinal: nth.ordinal!, weekday: nth.weekday };
    from = starts[nth.at] ?? 0;
  } else if (weekdays[0]) return { kind: 'not_monthly', weekday: lex.weekdayOf.get(weekdays[0].phrase)! };
  else {
    const monthDay = dayOfMonth(input, lex);
    if (monthDay === null) return { kind: 'no_day' };
    day = { monthDay };
  }
  // "Danach jeden 1. Donnerstag im Monat, gleiche Uhrzeit": the time of the launch it follows.
  const time =
    readTime(input, lex, from) ??
    (launchTime !== null && lex.sameTime.find(w).length > 0
      ? { hour: Number(launchTime.slice(0, 2)), minute: Number(launchTime.slice(3, 5)) }
      : null);
  if (!time) return { kind: 'no_time', day };
  const byDay = 'monthDay' in day ? `BYMONTHDAY=${day.monthDay}` : `BYDAY=${day.ordinal}${day.weekday}`;
  const rrule = `FREQ=MONTHLY;${byDay};BYHOUR=${time.hour};BYMINUTE=${time.minute}`;
  const ambiguous = 'ordinal' in day && day.ordinal === 2 && hasEvery && !hasMonth;
  return { kind: 'monthly', schedule: { ...day, rrule, hour: time.hour, minute: time.minute, ambiguous } };
}

// A day of the month as people write it: "15", "15th", "15.", "15e", "1er", "1º".
const MONTH_DAY = /^(\d{1,2})(?:st|nd|rd|th|e|er|eme|o|a)?$/;
// How far apart the day and the month word may stand: "the 15th of each month", "día 15 de cada mes".
const MONTH_DAY_REACH = 4;
// How far before the day word its every-word may stand: "todo dia 15", "todos los días 15".
const EVERY_DAY_REACH = 2;

/**
 * A day of the month (1–31) near a month word, once the times are taken out of the text:
 * "the 15th of each month at 18:00" is the 15th, not the 18th, and "15 people" is no day.
 * Nor is a calendar date: "every month from 5 March" names when it starts, not the 5th.
 * Portuguese and Spanish say it without a month word: "todo dia 15" ("every day 15") is
 * the 15th of each month, where "todos os dias" alone is every day.
 */
function dayOfMonth(text: string, lex: ScheduleLexicon): number | null {
  const near = (source: string): number | null => {
    const w = words(withoutTimes(normalise(source), lex));
    const months = w.flatMap((x, i) => (lex.monthWords.has(x) ? [i] : []));
    const afterEveryDay = (i: number) =>
      i > 0 &&
      lex.dayWords.has(w[i - 1]!) &&
      w.slice(Math.max(0, i - 1 - EVERY_DAY_REACH), i - 1).some((x) => lex.everyWords.has(x));
    for (const [i, x] of w.entries()) {
      const m = MONTH_DAY.exec(x);
      if (!m) continue;
      const n = Number(m[1]);
      if (n >= 1 && n <= 31 && (months.some((at) => Math.abs(at - i) <= MONTH_DAY_REACH) || afterEveryDay(i))) return n;
    }
    return null;
  };
  // The date parser is slow beside the rest: it runs only once a day was found.
  return near(text) === null ? null : near(withoutDates(text, lex.dates));
}

/** A day some months lack: a fifth weekday, or a day after the 28th. */
export function missingInSomeMonths(s: MonthlyDay): boolean {
  return 'monthDay' in s ? s.monthDay > 28 : s.ordinal === 5;
}

function ordinalBefore(
  w: readonly string[],
  dayAt: number,
  lex: ScheduleLexicon,
  apart: (from: number, to: number) => boolean,
): { ordinal: Ordinal | null; distance: number } {
  for (let j = dayAt - 1; j >= Math.max(0, dayAt - 3) && !apart(j, dayAt); j--) {
    // An elided article is no part of the word: "l'ultimo venerdì".
    const x = w[j]!.slice(w[j]!.lastIndexOf("'") + 1);
    const named = lex.ordinals.get(x);
    if (named !== undefined) return { ordinal: named, distance: dayAt - j };
    // "2." in "jeden 2. Dienstag", "2e mardi", "1º jueves", "2ª terça", "1e donderdag", "2nd Tuesday"
    const n = /^([1-5])(?:st|nd|rd|th|e|er|re|eme|o|a)?$/.exec(x);
    if (n) return { ordinal: Number(n[1]) as Ordinal, distance: dayAt - j };
  }
  return { ordinal: null, distance: Infinity };
}

/** The first time of day after `from` (a position in the normalised text), else the first of all. */
function readTime(text: string, lex: ScheduleLexicon, from = 0): TimeOfDay | null {
  const all = readTimes(withoutDates(text, lex.dates), lex.dates.clock);
  return all.find((t) => t.start >= from) ?? all[0] ?? null;
}

/** The normalised text with its times of day blanked: "the 15th of each month at 18:00" names no 18th. */
function withoutTimes(normal: string, lex: ScheduleLexicon): string {
  let out = normal;
  for (const t of readTimes(normal, lex.dates.clock))
    out = out.slice(0, t.start) + ' '.repeat(t.end - t.start) + out.slice(t.end);
  return out;
}

/**
 * The next `count` meetings on or after `from` (a calendar day), as local wall-clock
 * times "YYYY-MM-DDTHH:mm": the forum gives no time zone, so times are kept as written.
 */
export function nextDates(rrule: string, from: string, count: number): string[] {
  const rule = new RRule({ ...RRule.parseString(rrule), dtstart: new Date(`${from}T00:00:00Z`), count });
  return rule.all().map((d) => d.toISOString().slice(0, 16));
}

/** Whether a calendar day is one of the rule's meeting days. */
export function fallsOn(rrule: string, date: string): boolean {
  return nextDates(rrule, date, 1)[0]?.slice(0, 10) === date;
}

/** The one thing that makes a readable schedule a warning, the first that applies. */
export type ScheduleWarning = 'ambiguous' | 'some_months' | 'off_launch';

export type ScheduleReason =
  | { code: 'missing' }
  | { code: 'no_day' }
  | { code: 'weekly' }
  | { code: 'no_time'; day: MonthlyDay }
  | { code: 'monthly'; day: MonthlyDay; hour: number; minute: number; warning: ScheduleWarning | null };

export type ScheduleCriterion = Criterion<{ rrule: string; next: string[] }, ScheduleReason>;

/**
 * Met for a monthly day with a time; a warning when it reads two ways, some months lack the day,
 * or the launch is not one of its days. `launchTime` (HH:mm) is the time of a slot said to be
 * at the same time as the launch.
 */
export function scheduleCriterion(
  field: GivenField | undefined,
  lex: ScheduleLexicon,
  now: Date,
  launch: string | undefined,
  launchTime: string | null,
): ScheduleCriterion {
  if (!field) return { status: 'missing', reason: { code: 'missing' }, posts: [] };
  const reading = readSchedule(field.value, lex, launchTime);
  const posts = [field.post];
  switch (reading.kind) {
    case 'no_day':
      return { status: 'missing', reason: { code: 'no_day' }, posts };
    case 'not_monthly':
      return { status: 'missing', reason: { code: 'weekly' }, posts };
    case 'no_time':
      return { status: 'missing', reason: { code: 'no_time', day: reading.day }, posts };
    case 'monthly': {
      const s = reading.schedule;
      const today = now.toISOString().slice(0, 10);
      const from = launch !== undefined && launch > today ? launch : today;
      const value = { rrule: s.rrule, next: nextDates(s.rrule, from, 3) };
      const day = 'monthDay' in s ? { monthDay: s.monthDay } : { ordinal: s.ordinal, weekday: s.weekday };
      const warning: ScheduleWarning | null = s.ambiguous
        ? 'ambiguous'
        : missingInSomeMonths(s)
          ? 'some_months'
          : launch !== undefined && launch >= today && !fallsOn(s.rrule, launch)
            ? 'off_launch'
            : null;
      return {
        status: warning ? 'warning' : 'met',
        reason: { code: 'monthly', day, hour: s.hour, minute: s.minute, warning },
        posts,
        value,
      };
    }
  }
}
