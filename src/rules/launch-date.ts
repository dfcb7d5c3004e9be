import type { RulesConfig } from '../config/rules-config.js';
import { normalise, words } from '../words/text.js';
import type { Criterion, GivenField } from './criterion.js';
import { readTimes, type ClockLexicon } from './time-of-day.js';

export interface CalendarDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, when the text gives a time. */
  time: string | null;
}

type Locale = RulesConfig['launchDate']['locales'][number];

/**
 * How the configured languages write a calendar date: their month names, long, short and
 * declined ("5 marca"), as the Unicode CLDR data in Node's Intl has them, and the little words
 * that may stand between day, month and year ("5 de marzo de 2027", "the 5th of March").
 */
export interface DateLexicon {
  months: Map<string, number>;
  fillers: Set<string>;
  /** How a time of day is written: the launch's time follows its date. */
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

export function dateLexicon(locales: readonly Locale[], fillers: Iterable<string>, clock: ClockLexicon): DateLexicon {
  const months = new Map<string, number>();
  const ambiguous = new Set<string>();
  const add = (name: string, month: number) => {
    const w = words(name);
    if (w.length !== 1) return;
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
  return { months, fillers: new Set([...fillers].flatMap((f) => words(f))), clock };
}

// Dates are short: reading more than this would only feed the reader noise.
const MAX_DATE_TEXT = 200;

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
// Day before month, as the forum's communities write it: 05/03/2027, 5.3.2027, 05-03-27.
const DAY_FIRST = /(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[./-]\d)/g;
// A day and month alone: "5/03", or German "5.3." with both dots (one dot is a time: "18.30").
const DAY_MONTH = /(?<![\d./:-])(\d{1,2})(?:\/(\d{1,2})|\.(\d{1,2})\.)(?![\d/.:])/g;
const TOKEN = /[\p{L}\p{N}]+/gu;
// A day of the month as people write it: "5", "5th", "1er", "1º" ("1o" once normalised).
const DAY = /^(\d{1,2})(?:st|nd|rd|th|er|re|e|eme|o|a)?$/;
const YEAR = /^(?:19|20)\d\d$/;

/** The calendar dates a text names, each with where it stands in the normalised text. */
function findDates(normal: string, lex: DateLexicon): Found[] {
  const out: Found[] = [];
  for (const m of normal.matchAll(ISO)) out.push(found(m, Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of normal.matchAll(YEAR_FIRST)) out.push(found(m, Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of normal.matchAll(DAY_FIRST)) {
    const y = Number(m[4]);
    out.push(found(m, m[4]!.length === 2 ? 2000 + y : y, Number(m[3]), Number(m[1])));
  }
  if (out.length === 0)
    for (const m of normal.matchAll(DAY_MONTH)) out.push(found(m, null, Number(m[2] ?? m[3]), Number(m[1])));
  const tokens = [...normal.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const skipFillers = (i: number, step: 1 | -1) => {
    while (tokens[i] && lex.fillers.has(tokens[i]!.text)) i += step;
    return i;
  };
  const dayAt = (i: number): number | null => {
    const t = tokens[i];
    const m = t ? DAY.exec(t.text) : null;
    // "18:30", "18h", "18.30" are times, not days.
    if (!m || /^[:h]|^\.\d/.test(normal.slice(t!.end, t!.end + 2))) return null;
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

function found(m: RegExpMatchArray, year: number | null, month: number, day: number): Found {
  return { start: m.index!, end: m.index! + m[0].length, year, month, day };
}

function valid(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The first calendar date in a text, as ISO, numbers (day before month) or words in the
 * configured languages ("5 March 2027", "March 5, 2027", "Freitag, 5. März 2027 um 19 Uhr",
 * "5 de março de 2027 às 19h", "5 marca 2027"). Only dates whose day and month are written
 * count; a missing year is the next such day from today on.
 */
export function readDate(text: string, now: Date, lex: DateLexicon): CalendarDate | null {
  const normal = normalise(text.slice(0, MAX_DATE_TEXT));
  const first = findDates(normal, lex)[0];
  if (!first) return null;
  const today = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
  let year = first.year ?? now.getUTCFullYear();
  let date = `${year}-${pad(first.month)}-${pad(first.day)}`;
  if (first.year === null && (date < today || !valid(year, first.month, first.day))) {
    // 29 February without a year is the next one there is.
    do year++;
    while (!valid(year, first.month, first.day));
    date = `${year}-${pad(first.month)}-${pad(first.day)}`;
  }
  // The launch's time follows its date: "5 March at 19:00", "Tuesday 9 February from half past five".
  const time = readTimes(withoutDates(text.slice(0, MAX_DATE_TEXT), lex), lex.clock).find((t) => t.start >= first.end);
  return { date, time: time ? `${pad(time.hour)}:${pad(time.minute)}` : null };
}

/**
 * The text, normalised, with every calendar date blanked out (a day and a month both written,
 * as readDate takes them), so that "every month from 5 March" is not read as the 5th of each
 * month. Blanks keep every length, so positions still hold.
 */
export function withoutDates(text: string, lex: DateLexicon): string {
  const normal = normalise(text);
  let out = '';
  let at = 0;
  for (const d of findDates(normal, lex)) {
    if (d.start < at) continue;
    out += normal.slice(at, d.start) + ' '.repeat(d.end - d.start);
    at = d.end;
  }
  return out + normal.slice(at);
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
