import rrulePackage from 'rrule';
import type { RulesConfig } from '../config/rules-config.js';
import { blankOut, dateSpans, type DateLexicon } from './launch-date.js';
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

const MAX_SCHEDULE_TEXT = 300;

/**
 * A monthly meeting day and time, in any configured language: "first Friday of each month
 * at 6 PM", "every 2nd Tuesday, 19:00", "jeden ersten Freitag im Monat um 18 Uhr",
 * "le premier vendredi du mois à 18h", or a day of the month: "the 15th of each month at
 * 18:00", "am 15. jeden Monats um 18 Uhr", "el día 15 de cada mes a las 18:00", "todo dia 15".
 * The slot's time is the one said with it, after its day ("…, then the third Thursday at 19:00")
 * or before it when no date comes first ("um 19 Uhr am ersten Donnerstag"): the time of a first
 * meeting's date is not the slot's. A day of the month is read before a weekday alone: "le 10 de
 * chaque mois, décalé au lundi si…" is the 10th. `launchTime` (HH:mm), the first meeting's, is
 * the time of a slot said to be at the same time.
 */
export function readSchedule(text: string, lex: ScheduleLexicon, launchTime: string | null = null): ScheduleReading {
  const input = text.slice(0, MAX_SCHEDULE_TEXT);
  const w = words(input);
  const hasMonth = w.some((x) => lex.monthWords.has(x));
  const hasEvery = w.some((x) => lex.everyWords.has(x));
  const starts = wordStarts(input);
  const normal = normalise(input);
  const dates = dateSpans(normal, lex.dates);
  const plain = blankOut(normal, dates);
  const times = readTimes(plain, lex.dates.clock);
  // The first weekday with an ordinal right before it: Portuguese "quinta" is Thursday and fifth, so
  // in "quinta sexta-feira" the weekday is the second, and "segunda quarta-feira" the 2nd Wednesday.
  const weekdays = lex.weekdays.find(w);
  const nth = weekdays
    .map((hit) => ({
      weekday: lex.weekdayOf.get(hit.phrase)!,
      at: hit.at,
      end: hit.at + hit.length,
      ordinal: ordinalBefore(w, hit.at, lex, (j) => normal.slice(starts[j] ?? 0, starts[j + 1] ?? 0)),
    }))
    .find((d) => d.ordinal !== null && !/[:;,()\n]/.test(normal.slice(starts[d.at - 1] ?? 0, starts[d.at] ?? 0)));
  let day: MonthlyDay;
  let at: number;
  let end: number;
  if (nth) {
    day = { ordinal: nth.ordinal!, weekday: nth.weekday };
    at = starts[nth.at] ?? 0;
    end = nth.end < starts.length ? starts[nth.end]! : normal.length;
  } else {
    const monthDay = dayOfMonth(plain, times, lex);
    if (monthDay !== null) {
      day = { monthDay: monthDay.day };
      ({ at, end } = monthDay);
    } else if (weekdays[0]) return { kind: 'not_monthly', weekday: lex.weekdayOf.get(weekdays[0].phrase)! };
    else return { kind: 'no_day' };
  }
  const said = slotTime(times, dates, at, end);
  const same = said === null && launchTime !== null && lex.sameTime.find(w).length > 0;
  const time = said ?? (same ? { hour: Number(launchTime.slice(0, 2)), minute: Number(launchTime.slice(3, 5)) } : null);
  if (time === null) return { kind: 'no_time', day };
  const { hour, minute } = time;
  const byDay = 'monthDay' in day ? `BYMONTHDAY=${day.monthDay}` : `BYDAY=${day.ordinal}${day.weekday}`;
  const rrule = `FREQ=MONTHLY;${byDay};BYHOUR=${hour};BYMINUTE=${minute}`;
  const ambiguous = 'ordinal' in day && day.ordinal === 2 && hasEvery && !hasMonth;
  return { kind: 'monthly', schedule: { ...day, rrule, hour, minute, ambiguous } };
}

/**
 * The time said with a slot whose day stands from `at` to `end`: the first after its day and
 * before any later date ("the 20th of every month at 7pm, starting on 20 October"), else the last
 * before its day when no date comes before that ("um 19 Uhr am ersten Donnerstag").
 */
function slotTime(
  times: readonly TimeOfDay[],
  dates: ReadonlyArray<{ start: number }>,
  at: number,
  end: number,
): TimeOfDay | null {
  const nextDate = dates.find((d) => d.start >= end)?.start ?? Infinity;
  const after = times.find((t) => t.start >= end && t.start < nextDate);
  if (after) return after;
  if (dates.some((d) => d.start < at)) return null;
  return times.filter((t) => t.start < at).at(-1) ?? null;
}

// A day of the month as people write it: "15", "15th", "15.", "15e", "1er", "1º".
const MONTH_DAY = /^(\d{1,2})(?:st|nd|rd|th|e|er|eme|o|a|de|ste)?$/;
// How far apart the day and the month word may stand: "the 15th of each month", "día 15 de cada mes".
const MONTH_DAY_REACH = 4;
// How far before the day word its every-word may stand: "todo dia 15", "todos los días 15".
const EVERY_DAY_REACH = 2;

/**
 * A day of the month (1–31) near a month word, in text whose dates are blanked, its times
 * taken out: "the 15th of each month at 18:00" is the 15th, not the 18th, and "15 people" is no
 * day. Nor is a calendar date: "every month from 5 March" names when it starts, not the 5th.
 * Portuguese and Spanish say it without a month word: "todo dia 15" ("every day 15") is
 * the 15th of each month, where "todos os dias" alone is every day.
 */
function dayOfMonth(
  plain: string,
  times: readonly TimeOfDay[],
  lex: ScheduleLexicon,
): { day: number; at: number; end: number } | null {
  const tokens = [...blankOut(plain, times).matchAll(DAY_TOKEN)];
  const w = tokens.map((m) => m[0]);
  const months = w.flatMap((x, i) => (lex.monthWords.has(x) ? [i] : []));
  const afterEveryDay = (i: number) =>
    i > 0 &&
    lex.dayWords.has(w[i - 1]!) &&
    w.slice(Math.max(0, i - 1 - EVERY_DAY_REACH), i - 1).some((x) => lex.everyWords.has(x));
  for (const [i, x] of w.entries()) {
    const m = MONTH_DAY.exec(x);
    if (!m) continue;
    const n = Number(m[1]);
    if (n >= 1 && n <= 31 && (months.some((at) => Math.abs(at - i) <= MONTH_DAY_REACH) || afterEveryDay(i))) {
      // The slot's day reaches to its month word: its time is said after both ("le 10 de chaque mois à 18h").
      const month = months.find((at) => at > i && at - i <= MONTH_DAY_REACH);
      const last = tokens[month ?? i]!;
      return { day: n, at: tokens[i]!.index, end: last.index + last[0].length };
    }
  }
  return null;
}

const DAY_TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** The monthly day a reading names, with or without a time. */
export function monthlyDayOf(reading: ScheduleReading): MonthlyDay | null {
  if (reading.kind === 'no_time') return reading.day;
  if (reading.kind !== 'monthly') return null;
  const s = reading.schedule;
  return 'monthDay' in s ? { monthDay: s.monthDay } : { ordinal: s.ordinal, weekday: s.weekday };
}

export function sameMonthlyDay(a: MonthlyDay, b: MonthlyDay): boolean {
  return 'monthDay' in a
    ? 'monthDay' in b && a.monthDay === b.monthDay
    : 'ordinal' in b && a.ordinal === b.ordinal && a.weekday === b.weekday;
}

/** A day some months lack: a fifth weekday, or a day after the 28th. */
export function missingInSomeMonths(s: MonthlyDay): boolean {
  return 'monthDay' in s ? s.monthDay > 28 : s.ordinal === 5;
}

// An ordinal written as a number: "2." in "jeden 2. Dienstag", "2e mardi", "2es lundis", "1º jueves",
// "2ª terça", "1e donderdag", "2de dinsdag", "1ste", "2nd Tuesday", "3ro", "4to".
const NUMBERED_ORDINAL = /^([1-5])(?:st|nd|rd|th|e|er|re|eme|es|ers|emes|o|a|os|as|de|ste|ro|do|to)?$/;

/**
 * The ordinal right before a weekday ("third Thursday", "letzten Mittwoch", "2de dinsdag",
 * Portuguese "2.ª quinta-feira"), if any. `written(j)` is word j as written with what follows it.
 */
function ordinalBefore(
  w: readonly string[],
  dayAt: number,
  lex: ScheduleLexicon,
  written: (j: number) => string,
): Ordinal | null {
  const previous = w[dayAt - 1];
  if (previous === undefined) return null;
  // "2.ª", "2.º" once normalised are the number, a dot and the letter of the ordinal's gender.
  if (/^(?:a|o)s?$/.test(previous) && /^[1-5]\.\s?$/.test(written(dayAt - 2))) return Number(w[dayAt - 2]) as Ordinal;
  // An elided article is no part of the word: "l'ultimo venerdì".
  const x = previous.slice(previous.lastIndexOf("'") + 1);
  const named = lex.ordinals.get(x);
  if (named !== undefined) return named;
  const n = NUMBERED_ORDINAL.exec(x);
  return n ? (Number(n[1]) as Ordinal) : null;
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
      const day = monthlyDayOf(reading)!;
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
