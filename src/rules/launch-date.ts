import type { RulesConfig } from '../config/rules-config.js';
import { normalise, PhraseSet, words } from '../words/text.js';
import type { Criterion, GivenField } from './criterion.js';
import { readTimes, type ClockLexicon } from './time-of-day.js';

export interface CalendarDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, when the text gives a time. */
  time: string | null;
}

/** A launch date as a text gives it, with what says whether it is the first meeting's. */
export interface DateReading extends CalendarDate {
  /** Said after a word of starting or of the first meeting: "first meetup", "Start", "on commencerait". */
  cued: boolean;
  /** Only said in brackets, as a holiday's date is: "Koningsdag (27 april)". */
  aside: boolean;
}

/** Which of day and month numbered dates write first: "5/3" is the 5th of March, or in the United States May 3rd. */
export type DayOrder = 'day-first' | 'month-first';

type Locale = RulesConfig['launchDate']['locales'][number];

/**
 * Words found as phrases, or by their beginning: an entry ending in "*" ("commenc*") is any word
 * that starts so ("commencerait", "commençons" once normalised).
 */
class Cues {
  private readonly phrases: PhraseSet;
  private readonly prefixes: string[];

  constructor(entries: readonly string[]) {
    this.phrases = new PhraseSet(entries.filter((e) => !e.endsWith('*')));
    this.prefixes = entries.filter((e) => e.endsWith('*')).flatMap((e) => words(e.slice(0, -1)).slice(0, 1));
  }

  /** Word indices of `w` where a cue starts, but where `not(i)` says otherwise. */
  at(w: readonly string[], not: (i: number) => boolean): number[] {
    const out = new Set(this.phrases.find(w).map((h) => h.at));
    w.forEach((x, i) => {
      if (this.prefixes.some((p) => x.startsWith(p))) out.add(i);
    });
    return [...out].filter((i) => !not(i)).sort((a, b) => a - b);
  }
}

/**
 * How the configured languages write a calendar date: their month names, long, short and
 * declined ("5 marca"), as the Unicode CLDR data in Node's Intl has them, and the little words
 * that may stand between day, month and year ("5 de marzo de 2027", "the 5th of March"); and
 * the words around a date that tell whether it is the first meeting's.
 */
export interface DateLexicon {
  months: Map<string, number>;
  fillers: Set<string>;
  /** "Next month", "nächsten Monat": with a day, that day of the month after now's. */
  nextMonth: PhraseSet;
  /** Words of starting or of the first meeting: the launch is the date after them. */
  launchWords: Cues;
  /** "Until", "after", "bis", "jusqu'au": a date just after them bounds something else. */
  bounds: PhraseSet;
  /** "To be confirmed", "rien de fixé": a sentence that says the first date is not set. */
  undecided: PhraseSet;
  /** Weekday names: "first" before one ("the first Thursday") names a monthly slot, not the first meeting. */
  weekdays: PhraseSet;
  clock: ClockLexicon;
}

// CLDR variants read besides the language's own: "March 5, 2027" is as common as "5 March 2027".
const INTL_LOCALES: Record<string, string[]> = {
  en: ['en-GB', 'en-US', 'en-IN'],
  de: ['de', 'de-AT', 'de-CH'],
  fr: ['fr', 'fr-BE', 'fr-CH'],
  es: ['es', 'es-MX'],
  pt: ['pt', 'pt-PT'],
  it: ['it'],
  nl: ['nl', 'nl-BE'],
  pl: ['pl'],
};

export function dateLexicon(
  config: RulesConfig['launchDate'],
  clock: ClockLexicon,
  weekdays: Iterable<string>,
): DateLexicon {
  return {
    months: monthNames(config.locales),
    fillers: new Set(config.fillers.flatMap((f) => words(f))),
    nextMonth: new PhraseSet(config.nextMonthWords),
    launchWords: new Cues(config.launchWords),
    bounds: new PhraseSet(config.boundWords),
    undecided: new PhraseSet(config.undecidedWords),
    weekdays: new PhraseSet(weekdays),
    clock,
  };
}

function monthNames(locales: readonly Locale[]): Map<string, number> {
  const months = new Map<string, number>();
  const ambiguous = new Set<string>();
  const add = (name: string, month: number) => {
    const w = words(name);
    // Some locales write the month as a number beside a day ("15/03"): that is no month's name.
    if (w.length !== 1 || !/\p{L}/u.test(w[0]!)) return;
    const key = w[0]!;
    const seen = months.get(key);
    if (seen !== undefined && seen !== month) ambiguous.add(key);
    else months.set(key, month);
  };
  for (const locale of locales) {
    const own = new Map<string, number>();
    for (const tag of INTL_LOCALES[locale] ?? [locale]) {
      for (let m = 1; m <= 12; m++) {
        const day = new Date(Date.UTC(2001, m - 1, 15));
        for (const month of ['long', 'short'] as const) {
          // Alone and beside a day: Polish declines the month ("marzec", "5 marca").
          own.set(new Intl.DateTimeFormat(tag, { month, timeZone: 'UTC' }).format(day), m);
          const part = new Intl.DateTimeFormat(tag, { day: 'numeric', month, timeZone: 'UTC' })
            .formatToParts(day)
            .find((p) => p.type === 'month');
          if (part) own.set(part.value, m);
        }
      }
    }
    // People shorten a month to its first three or four letters ("Sept", "Okt", "dez"): each
    // such beginning that only one of the language's months has.
    const starts = new Map<string, Set<number>>();
    for (const [name, m] of own)
      for (const w of words(name))
        for (const n of [3, 4])
          if (w.length > n)
            (starts.get(w.slice(0, n)) ?? starts.set(w.slice(0, n), new Set()).get(w.slice(0, n))!).add(m);
    for (const [start, ms] of starts) if (ms.size === 1) own.set(start, [...ms][0]!);
    for (const [name, m] of own) add(name, m);
  }
  for (const key of ambiguous) months.delete(key);
  return months;
}

/**
 * Whether the forum's country category writes numbered dates month first, as CLDR has the
 * country's own locales in the configured languages write them: the United States do ("11/10"
 * is November 10th), Canada writes the year first and Britain the day.
 */
export function dayOrderOf(countryCode: string | null, locales: readonly Locale[]): DayOrder {
  if (countryCode === null) return 'day-first';
  for (const language of locales) {
    const tag = `${language}-${countryCode}`;
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
    } catch {
      continue;
    }
    // Only a locale CLDR has for the country says how it writes dates, not the language's default.
    if (format.resolvedOptions().locale !== tag) continue;
    const order = format
      .formatToParts(new Date(Date.UTC(2027, 2, 5)))
      .map((p) => p.type)
      .filter((t) => t === 'day' || t === 'month' || t === 'year');
    if (order[0] === 'month') return 'month-first';
  }
  return 'day-first';
}

// Dates are short: reading more than a template value's length would only feed the reader noise.
const MAX_DATE_TEXT = 300;

interface Found {
  /** Where the date stands in the normalised text. */
  start: number;
  end: number;
  year: number | null;
  month: number;
  day: number;
}

// Fixed patterns, none built from configuration: each is linear on any input.
const ISO = /(?<![\d./-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g;
const YEAR_FIRST = /(?<![\d./-])(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)/g;
// Day before month, as the forum's communities write it: 05/03/2027, 5.3.2027, 05-03-27 (month
// before day in the United States: 3/5/2027).
const NUMBERED = /(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[./-]\d)/g;
// A day and month alone: "5/03", or German "5.3." with both dots (one dot is a time: "18.30").
const DAY_MONTH = /(?<![\d./:-])(\d{1,2})(?:\/(\d{1,2})|\.(\d{1,2})\.)(?![\d/:]|\.\d)/g;
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
// A day of the month as people write it: "5", "5th", "1er", "1º" ("1o" once normalised), "12e".
const DAY = /^(\d{1,2})(?:st|nd|rd|th|er|re|e|eme|o|a|de|ste)?$/;
const YEAR = /^(?:19|20)\d\d$/;
// After a day's number, what makes it something else: a time ("18:30", "18h", "18.30"), or a numbered date ("5/20").
const NOT_A_DAY = /^[:h]|^[./-]\d/;

/**
 * The calendar dates a text names, each with where it stands in the normalised text. Numbered
 * dates are read in `order`; "either" takes those that are dates read either way.
 */
function findDates(normal: string, lex: DateLexicon, order: DayOrder | 'either'): Found[] {
  const out: Found[] = [];
  const ordered = (m: RegExpMatchArray, year: number | null, first: number, second: number) => {
    if (order === 'month-first' || (order === 'either' && !valid(year ?? 2000, second, first)))
      out.push(found(m, year, first, second));
    else out.push(found(m, year, second, first));
  };
  for (const m of normal.matchAll(ISO)) out.push(found(m, Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of normal.matchAll(YEAR_FIRST)) out.push(found(m, Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of normal.matchAll(NUMBERED)) {
    const y = Number(m[4]);
    ordered(m, m[4]!.length === 2 ? 2000 + y : y, Number(m[1]), Number(m[3]));
  }
  if (out.length === 0)
    for (const m of normal.matchAll(DAY_MONTH)) ordered(m, null, Number(m[1]), Number(m[2] ?? m[3]));
  const tokens = [...normal.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const skipFillers = (i: number, step: 1 | -1) => {
    while (tokens[i] && lex.fillers.has(tokens[i]!.text)) i += step;
    return i;
  };
  const dayAt = (i: number): number | null => {
    const t = tokens[i];
    const m = t ? DAY.exec(t.text) : null;
    if (!m || NOT_A_DAY.test(normal.slice(t!.end, t!.end + 2))) return null;
    return Number(m[1]);
  };
  tokens.forEach((t, i) => {
    const month = lex.months.get(t.text);
    if (month === undefined) return;
    let first = i;
    let last = i;
    const before = skipFillers(i - 1, -1);
    let day = dayAt(before);
    if (day !== null) first = before;
    else {
      const after = skipFillers(i + 1, 1);
      // "mar. 16 nov." is Tuesday the 16th of November: a day with a month after it is that month's.
      const next = tokens[skipFillers(after + 1, 1)];
      if (next && lex.months.has(next.text)) return;
      day = dayAt(after);
      if (day !== null) last = after;
    }
    if (day === null) return;
    const yearToken = tokens[skipFillers(last + 1, 1)];
    const year = yearToken && YEAR.test(yearToken.text) ? Number(yearToken.text) : null;
    if (year !== null) last = skipFillers(last + 1, 1);
    out.push({ start: tokens[first]!.start, end: tokens[last]!.end, year, month, day });
  });
  return out.filter((d) => valid(d.year ?? 2000, d.month, d.day)).sort((a, b) => a.start - b.start);
}

// After a number, what makes it an hour: "19 h", "19 Uhr", "19:00", "7 pm", or a numbered date.
const HOUR_AFTER = /^\s?(?:[:h]|uhr|uur|u\b|[ap]\.?m\b)|^[./-]\d/;
// How far from "next month" its day may stand: "nächsten Monat am 10.", "le 9 du mois prochain".
const NEXT_MONTH_REACH = 3;

/**
 * A day of next month: "next month on the 10th", "nächsten Monat am 10.", "le 9 du mois
 * prochain", "volgende maand op de 12e"; its month and year are those after now's.
 */
function nextMonthDate(normal: string, lex: DateLexicon, now: Date): Found | null {
  const tokens = [...normal.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const hit = lex.nextMonth.find(tokens.map((t) => t.text))[0];
  if (!hit) return null;
  // "le 9 du mois prochain, 19 h", "il 10 del mese prossimo alle 18": the day, not the hour.
  const w = tokens.map((t) => t.text);
  const afterAt = (i: number) =>
    lex.clock.at.find(w.slice(Math.max(0, i - 3), i)).some((h) => h.at + h.length === Math.min(3, i));
  const dayAt = (i: number) => {
    const t = tokens[i];
    const m = t ? DAY.exec(t.text) : null;
    return m && !HOUR_AFTER.test(normal.slice(t!.end, t!.end + 5)) && !afterAt(i) ? Number(m[1]) : null;
  };
  const end = hit.at + hit.length;
  // Nearest first, after before before: "next month on the 10th".
  const near = Array.from({ length: NEXT_MONTH_REACH }, (_, k) => [end + k, hit.at - 1 - k]).flat();
  const at = near.find((i) => i >= 0 && i < tokens.length && dayAt(i) !== null);
  if (at === undefined) return null;
  const month0 = now.getUTCMonth() + 1;
  const year = now.getUTCFullYear() + Math.floor(month0 / 12);
  const month = (month0 % 12) + 1;
  const day = dayAt(at)!;
  if (!valid(year, month, day)) return null;
  return {
    start: tokens[Math.min(at, hit.at)]!.start,
    end: tokens[Math.max(at, end - 1)]!.end,
    year,
    month,
    day,
  };
}

function found(m: RegExpMatchArray, year: number | null, month: number, day: number): Found {
  return { start: m.index!, end: m.index! + m[0].length, year, month, day };
}

function valid(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// How many words may stand between a bounding word and its date: "bis zum 25. Mai", "until Friday 5 March".
const BOUND_REACH = 1;

/**
 * What each date of a text is: a bound of something else ("until 20 May", "bis zum 25. Mai",
 * "jusqu'au 4 janvier", "après le 3 mars"), an end of a span ("du 27 novembre au 24 décembre",
 * "26–29 March", "del 15 al 19 de marzo"), or an aside in brackets ("Koningsdag (27 april)").
 */
function dateRoles(normal: string, dates: readonly Found[], lex: DateLexicon) {
  const tokens = [...normal.matchAll(TOKEN)];
  const w = tokens.map((m) => m[0]);
  const wordAt = (pos: number) => tokens.findIndex((m) => m.index >= pos);
  const bounds = lex.bounds.find(w);
  const joins = (gap: string) => {
    if (/^\s*-\s*$/.test(gap)) return true;
    const g = words(gap);
    return g.length > 0 && lex.bounds.find(g).some((h) => h.at === 0 && h.length === g.length);
  };
  return dates.map((d, k) => {
    const first = wordAt(d.start);
    // Nothing but words between: "Do., 3. Dezember" is a Thursday, not Polish "do" (until).
    const bound = bounds.some((h) => {
      const end = h.at + h.length;
      return (
        end <= first &&
        first - end <= BOUND_REACH &&
        !/[.,;:()]/.test(normal.slice(tokens[end - 1]!.index + tokens[end - 1]![0].length, d.start))
      );
    });
    const next = dates[k + 1];
    const previous = dates[k - 1];
    const span =
      (next !== undefined && joins(normal.slice(d.end, next.start))) ||
      (previous !== undefined && joins(normal.slice(previous.end, d.start))) ||
      /\d\s*-\s*$/.test(normal.slice(Math.max(0, d.start - 8), d.start));
    let depth = 0;
    for (const c of normal.slice(0, d.start)) {
      if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
    }
    return { ...d, bound: bound || span, aside: depth > 0 };
  });
}

/** Whether a text names a calendar date, in either order of day and month, or a day of next month. */
export function namesDate(text: string, lex: DateLexicon): boolean {
  const normal = normalise(text.slice(0, MAX_DATE_TEXT));
  return findDates(normal, lex, 'either').length > 0 || nextMonthDate(normal, lex, new Date(0)) !== null;
}

/** Whether a text says the first meeting's date is not set yet: "to be confirmed", "rien de fixé". */
export function saysUndecided(text: string, lex: DateLexicon): boolean {
  return lex.undecided.find(words(text.slice(0, MAX_DATE_TEXT))).length > 0;
}

/**
 * The launch date a text gives, as ISO, numbers (day before month, or month first where the
 * thread's country writes so) or words in the configured languages ("5 March 2027", "March 5,
 * 2027", "Freitag, 5. März 2027 um 19 Uhr", "5 de março de 2027 às 19h", "5 marca 2027"), or a
 * day of next month ("le 9 du mois prochain"). Only dates whose day and month are written count;
 * a missing year is the next such day from today on. Of several dates, a bound of something else
 * ("until 20 May") and a span ("26–29 March") are none; one outside brackets is taken before
 * one inside; and the first after a word of starting before the first of all ("the 20th is a
 * Sunday, so we would start on 20 January").
 */
export function readDate(text: string, now: Date, lex: DateLexicon, order: DayOrder = 'day-first'): DateReading | null {
  const normal = normalise(text.slice(0, MAX_DATE_TEXT));
  const all = findDates(normal, lex, order);
  const relative = nextMonthDate(normal, lex, now);
  if (relative && !all.some((d) => d.start < relative.end && relative.start < d.end)) all.push(relative);
  all.sort((a, b) => a.start - b.start);
  const kept = dateRoles(normal, all, lex).filter((d) => !d.bound);
  if (kept.length === 0) return null;
  const open = kept.filter((d) => !d.aside);
  const pool = open.length > 0 ? open : kept;
  const w = [...normal.matchAll(TOKEN)];
  const said = w.map((m) => m[0]);
  const beforeWeekday = (i: number) => lex.weekdays.find(said.slice(i + 1, i + 4)).some((h) => h.at === 0);
  const cue = lex.launchWords.at(said, beforeWeekday)[0];
  const cueAt = cue === undefined ? -1 : w[cue]!.index;
  const first = (cueAt >= 0 ? pool.find((d) => d.start >= cueAt) : undefined) ?? pool[0]!;
  const today = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
  let year = first.year ?? now.getUTCFullYear();
  let date = `${year}-${pad(first.month)}-${pad(first.day)}`;
  if (first.year === null && (date < today || !valid(year, first.month, first.day))) {
    // 29 February without a year is the next one there is.
    do year++;
    while (!valid(year, first.month, first.day));
    date = `${year}-${pad(first.month)}-${pad(first.day)}`;
  }
  // The launch's time follows its date, before any other date: "5 March at 19:00".
  const next = all.find((d) => d.start >= first.end);
  const time = readTimes(blankOut(normal, all), lex.clock).find(
    (t) => t.start >= first.end && t.start < (next?.start ?? Infinity),
  );
  return {
    date,
    time: time ? `${pad(time.hour)}:${pad(time.minute)}` : null,
    cued: cueAt >= 0 && first.start >= cueAt,
    aside: open.length === 0,
  };
}

/** The normalised text with the given spans blanked out, every length kept, so positions still hold. */
export function blankOut(normal: string, dates: ReadonlyArray<{ start: number; end: number }>): string {
  let out = '';
  let at = 0;
  for (const d of dates) {
    if (d.start < at) continue;
    out += normal.slice(at, d.start) + ' '.repeat(d.end - d.start);
    at = d.end;
  }
  return out + normal.slice(at);
}

/** Where the calendar dates of a normalised text stand, read in either order of day and month. */
export function dateSpans(normal: string, lex: DateLexicon): Array<{ start: number; end: number }> {
  const spans = findDates(normal, lex, 'either').map(({ start, end }) => ({ start, end }));
  // Which month "next month" is does not matter here, only where its day stands.
  const relative = nextMonthDate(normal, lex, new Date(0));
  if (relative && !spans.some((d) => d.start < relative.end && relative.start < d.end)) spans.push(relative);
  return spans.sort((a, b) => a.start - b.start);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Whole days from now's calendar day (UTC) to the date. */
export function daysUntil(date: string, now: Date): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((target - today) / 86_400_000);
}

export type LaunchDateReason =
  | { code: 'missing' }
  | { code: 'unreadable' }
  | { code: 'past' }
  | { code: 'soon'; days: number; minDays: number }
  | { code: 'ahead'; days: number };

export type LaunchDateCriterion = Criterion<string, LaunchDateReason>;

/** Met for a date `minDaysAhead` or more ahead; a warning sooner; blocked in the past. */
export function launchDateCriterion(
  field: GivenField | undefined,
  read: CalendarDate | null,
  now: Date,
  minDaysAhead: number,
): LaunchDateCriterion {
  if (!field) return { status: 'missing', reason: { code: 'missing' }, posts: [] };
  if (!read) return { status: 'missing', reason: { code: 'unreadable' }, posts: [field.post] };
  const days = daysUntil(read.date, now);
  const base = { posts: [field.post], value: read.date };
  if (days < 0) return { ...base, status: 'blocked', reason: { code: 'past' } };
  if (days < minDaysAhead) return { ...base, status: 'warning', reason: { code: 'soon', days, minDays: minDaysAhead } };
  return { ...base, status: 'met', reason: { code: 'ahead', days } };
}
