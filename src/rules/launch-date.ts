import * as chrono from 'chrono-node';
import type { RulesConfig } from '../config/rules-config.js';

export interface CalendarDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, when the text gives a time. */
  time: string | null;
}

type Locale = RulesConfig['launchDate']['locales'][number];

// Day before month for numeric dates ("05/03/2027" is 5 March): the forum's communities write it that way.
const PARSERS: Record<Exclude<Locale, 'pl'>, chrono.Chrono> = {
  en: chrono.en.GB,
  de: chrono.de.casual,
  fr: chrono.fr.casual,
  es: chrono.es.casual,
  pt: chrono.pt.casual,
  it: chrono.it.casual,
  nl: chrono.nl.casual,
};

// chrono has no Polish: its month names (nominative and genitive) become English ones.
const POLISH_MONTHS: Array<[string, string]> = [
  ['stycznia', 'January'],
  ['styczeń', 'January'],
  ['styczen', 'January'],
  ['lutego', 'February'],
  ['luty', 'February'],
  ['marca', 'March'],
  ['marzec', 'March'],
  ['kwietnia', 'April'],
  ['kwiecień', 'April'],
  ['kwiecien', 'April'],
  ['maja', 'May'],
  ['maj', 'May'],
  ['czerwca', 'June'],
  ['czerwiec', 'June'],
  ['lipca', 'July'],
  ['lipiec', 'July'],
  ['sierpnia', 'August'],
  ['sierpień', 'August'],
  ['sierpien', 'August'],
  ['września', 'September'],
  ['wrzesnia', 'September'],
  ['wrzesień', 'September'],
  ['października', 'October'],
  ['pazdziernika', 'October'],
  ['październik', 'October'],
  ['listopada', 'November'],
  ['listopad', 'November'],
  ['grudnia', 'December'],
  ['grudzień', 'December'],
  ['grudzien', 'December'],
];

function polishToEnglish(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w) => POLISH_MONTHS.find(([pl]) => pl === w.toLowerCase().replace(/[.,]$/, ''))?.[1] ?? w)
    .join('')
    .replace(/\broku\b|\br\.(?=\s|$)/gi, '');
}

// Dates are short: reading more than this would only feed the parser noise.
const MAX_DATE_TEXT = 200;

/**
 * The first calendar date in a text, read as ISO or in natural language in the
 * configured languages ("5 March 2027", "5. März 2027", "le 5 mars 2027"). Only dates
 * whose day and month are written count; a missing year is the next such day after now.
 */
export function readDate(text: string, now: Date, locales: readonly Locale[]): CalendarDate | null {
  const input = text.slice(0, MAX_DATE_TEXT);
  for (const locale of locales) {
    const start = writtenDates(input, locale, now).dates[0]?.start;
    if (!start) continue;
    const time = start.isCertain('hour') ? `${pad(start.get('hour')!)}:${pad(start.get('minute') ?? 0)}` : null;
    return { date: `${start.get('year')!}-${pad(start.get('month')!)}-${pad(start.get('day')!)}`, time };
  }
  return null;
}

/**
 * The dates one language's parser finds whose day and month are both written, and the
 * text it read them in: Polish month names are put in English first.
 */
function writtenDates(text: string, locale: Locale, now: Date): { source: string; dates: chrono.ParsedResult[] } {
  const source = locale === 'pl' ? polishToEnglish(text) : text;
  const parser = locale === 'pl' ? PARSERS.en : PARSERS[locale];
  const dates = parser
    .parse(source, { instant: now, timezone: 0 }, { forwardDate: true })
    .filter((r) => r.start.isCertain('day') && r.start.isCertain('month'));
  return { source, dates };
}

/**
 * The text with every calendar date blanked out (a day and a month both written, as
 * readDate takes them), so that "every month from 5 March" is not read as the 5th of
 * each month. Polish month names come back in English: only numbers and words for
 * "month" are read from what this returns.
 */
export function withoutDates(text: string, locales: readonly Locale[]): string {
  let source = text;
  for (const locale of locales) {
    // Any fixed instant: only where the dates stand is used, not which year they fall in.
    const found = writtenDates(source, locale, new Date(0));
    // Blanks keep every length, so the positions of the later dates still hold.
    source = found.dates.reduce(
      (s, d) => s.slice(0, d.index) + ' '.repeat(d.text.length) + s.slice(d.index + d.text.length),
      found.source,
    );
  }
  return source;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Whole days from now's calendar day (UTC) to the date. */
export function daysUntil(date: string, now: Date): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((target - today) / 86_400_000);
}
