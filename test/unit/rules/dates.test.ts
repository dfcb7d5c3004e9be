import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { readDate } from '../../../src/rules/launch-date.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const NOW = new Date('2026-11-24T12:00:00Z');

/** The Intl locales that write each configured language, and how a time is said after a date in it. */
const LANGUAGES: Record<string, { tags: string[]; times: string[] }> = {
  en: { tags: ['en-GB', 'en-IN'], times: ['at 7 pm', 'at 19:00', ', 18:30'] },
  de: { tags: ['de', 'de-AT'], times: ['um 19 Uhr', 'um 18:30', 'ab 19.00 Uhr'] },
  fr: { tags: ['fr'], times: ['à 18h', 'à 18h30', 'de 19h à 21h'] },
  es: { tags: ['es'], times: ['a las 19:00', 'a las 19h', 'de 18 a 20 h'] },
  pt: { tags: ['pt', 'pt-PT'], times: ['às 19h', 'às 18:30', 'das 19h às 21h'] },
  it: { tags: ['it'], times: ['alle 19', 'alle ore 18:30', 'dalle 19 alle 21'] },
  nl: { tags: ['nl'], times: ['om 18:30', 'om 19 uur', 'van 19.00 tot 21.00'] },
  pl: { tags: ['pl'], times: ['o 19:00', 'godz. 18:30', 'od 18 do 20'] },
};

type Format = { name: string; options: Intl.DateTimeFormatOptions; yearless?: boolean };

const FORMATS: Format[] = [
  { name: 'full', options: { dateStyle: 'full' } },
  { name: 'long', options: { dateStyle: 'long' } },
  { name: 'medium', options: { dateStyle: 'medium' } },
  { name: 'short', options: { dateStyle: 'short' } },
  { name: 'full with time', options: { dateStyle: 'full', timeStyle: 'short' } },
  { name: 'long with time', options: { dateStyle: 'long', timeStyle: 'short' } },
  { name: 'medium with time', options: { dateStyle: 'medium', timeStyle: 'short' } },
  { name: 'short with time', options: { dateStyle: 'short', timeStyle: 'short' } },
  { name: 'numeric', options: { day: 'numeric', month: 'numeric', year: 'numeric' } },
  { name: 'two digits', options: { day: '2-digit', month: '2-digit', year: '2-digit' } },
  {
    name: 'weekday, day, short month, year',
    options: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  },
  { name: 'day and month', options: { day: 'numeric', month: 'long' }, yearless: true },
  { name: 'weekday, day and month', options: { weekday: 'long', day: 'numeric', month: 'long' }, yearless: true },
  { name: 'weekday, day, short month', options: { weekday: 'short', day: 'numeric', month: 'short' }, yearless: true },
];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const write = (d: Date, tag: string, f: Format) =>
  new Intl.DateTimeFormat(tag, { ...f.options, timeZone: 'UTC' }).format(d);

/** One launch date as one language writes it: a CLDR format, and perhaps a time said after it. */
const written = (d: Date, language: string, tag: string, f: Format, time: string | null) =>
  time === null ? write(d, tag, f) : `${write(d, tag, f)} ${time}`;

describe('launch dates: every form the eight languages write reads back as its date', () => {
  const DAY = 86_400_000;
  // Future dates; a date written without its year is read as the next one, so those stay within a year.
  const future = fc.integer({ min: 1, max: 9 * 366 }).map((n) => new Date(NOW.getTime() + n * DAY));
  const withinAYear = fc.integer({ min: 1, max: 364 }).map((n) => new Date(NOW.getTime() + n * DAY));

  for (const [language, { tags, times }] of Object.entries(LANGUAGES)) {
    it(`${language}: round trip over random future dates, every format, with and without a time`, () => {
      const cases = tags.flatMap((tag) => FORMATS.flatMap((f) => [null, ...times].map((time) => ({ tag, f, time }))));
      fc.assert(
        fc.property(fc.constantFrom(...cases), future, withinAYear, ({ tag, f, time }, far, near) => {
          const d = f.yearless ? near : far;
          const text = written(d, language, tag, f, time);
          const read = readDate(text, NOW, rules.dates)?.date ?? null;
          if (read !== iso(d)) throw new Error(`${tag} ${f.name}: ${JSON.stringify(text)} read as ${read}`);
        }),
        { numRuns: 600 },
      );
    });
  }

  it('also reads a month named before its day, as English writes it in America', () => {
    for (const options of FORMATS.filter((f) => f.name.startsWith('full') || f.name.startsWith('long')))
      for (const d of [new Date('2027-03-05T00:00:00Z'), new Date('2028-12-31T00:00:00Z')])
        expect(readDate(write(d, 'en-US', options), NOW, rules.dates)?.date).to.equal(iso(d));
  });

  const table: Array<[string, string, string | null]> = [
    ['fr', '2 avril 2027 à 18h', '2027-04-02'],
    ['pt', '2 de abril de 2027, às 18h', '2027-04-02'],
    ['pt', 'sexta-feira, 2 de abril de 2027 às 19h', '2027-04-02'],
    ['de', 'Fr., 5. März 2027, 19 Uhr', '2027-03-05'],
    ['de', 'am 5.3. um 19 Uhr', '2027-03-05'],
    ['en', 'Friday the 5th of March 2027, 7pm', '2027-03-05'],
    ['en', 'March 5th', '2027-03-05'],
    ['en', 'Sept 3, 2027', '2027-09-03'],
    ['es', 'el 1 de septiembre de 2027 a las 19h', '2027-09-01'],
    ['it', 'il 1º aprile 2027 alle 19', '2027-04-01'],
    ['nl', 'donderdag 4 maart 2027 om 18.30 uur', '2027-03-04'],
    ['pl', 'czwartek, 4 marca 2027 r., godz. 18:00', '2027-03-04'],
    ['pl', '4 mar 2027', '2027-03-04'],
    ['en', '2027/03/05', '2027-03-05'],
    ['en', '31 February 2027', null],
    ['en', 'at 18:00 tomorrow', null],
    ['fr', 'à 18h', null],
    ['pt', 'às 18h30', null],
  ];
  for (const [language, text, expected] of table)
    it(`${language}: ${JSON.stringify(text)} → ${expected}`, () => {
      expect(readDate(text, NOW, rules.dates)?.date ?? null).to.equal(expected);
    });
});
