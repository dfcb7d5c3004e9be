import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { readTimes } from '../../../src/rules/time-of-day.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const first = (text: string) => {
  const t = readTimes(text, rules.dates.clock)[0];
  return t === undefined ? null : `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
};

// The first time of day a text names, by kind, in every language where the kind exists.
const KINDS: Record<string, Array<[string, string, string | null]>> = {
  'a span starts when it starts': [
    ['en', 'we run from 7 to 9 pm', '19:00'],
    ['en', 'usually 6-8 pm', '18:00'],
    ['en', '6:30 to 8:30 pm', '18:30'],
    ['de', 'von 19 bis 21 Uhr', '19:00'],
    ['de', 'jeweils 18–20 Uhr', '18:00'],
    ['fr', 'de 18h à 20h', '18:00'],
    ['es', 'de 19 a 21 h', '19:00'],
    ['es', 'de 6 a 8 de la tarde', '18:00'],
    ['pt', 'das 18h às 20h', '18:00'],
    ['it', 'dalle 18 alle 20', '18:00'],
    ['nl', 'van 19 tot 21 uur', '19:00'],
    ['pl', 'od 17 do 19', '17:00'],
  ],
  'a morning or an afternoon said after the hour': [
    ['en', 'doors at 10 am', '10:00'],
    ['en', 'at 11 a.m. sharp', '11:00'],
    ['de', 'um 9 Uhr morgens', '09:00'],
    ['fr', 'à 9 h du matin', '09:00'],
    ['es', 'a las 10 a. m.', '10:00'],
    ['es', 'a las 6:30 p. m.', '18:30'],
    ['pt', 'às 9h da manhã', '09:00'],
    ['it', 'alle 10 di mattina', '10:00'],
    ['nl', "om 9 uur 's ochtends", '09:00'],
    ['nl', "rond 8 uur 's avonds", '20:00'],
    ['pl', 'o 9 rano', '09:00'],
  ],
  'an evening hour written without its meridiem': [
    ['en', 'we kick off at 6', '18:00'],
    ['en', "from 5:30 onwards, 7 o'clock at the latest", '17:30'],
    ['de', 'ab 6:30 am Abend', '18:30'],
    ['fr', 'vers 6h30', '18:30'],
    ['es', 'a las 7', '19:00'],
    ['pt', 'às 7', '19:00'],
    ['it', 'alle 7', '19:00'],
    ['nl', 'om 7 uur', '19:00'],
    ['pl', 'o 7', '19:00'],
    ['en', 'breakfast at 07:30', '07:30'],
  ],
  'a half hour in words': [
    ['en', 'at half past five', '17:30'],
    ['en', 'half six at the office', '18:30'],
    ['de', 'um halb sieben', '18:30'],
    ['de', 'um halb 8', '19:30'],
    ['es', 'a las siete y media de la tarde', '19:30'],
    ['pt', 'às sete e meia', '19:30'],
    ['it', 'alle sette e mezza di sera', '19:30'],
    ['nl', 'om half acht', '19:30'],
    ['nl', 'om half 8', '19:30'],
    ['pl', 'o wpół do siódmej', '18:30'],
  ],
  'an hour in words': [
    ['en', "at six o'clock", '18:00'],
    ['de', 'um vier Uhr', '16:00'],
    ['es', 'a las seis de la tarde', '18:00'],
    ['pt', 'às seis da tarde', '18:00'],
    ['it', 'alle sei di sera', '18:00'],
    ['nl', "om vier uur 's middags", '16:00'],
    ['pl', 'o siódmej, jak zwykle', '19:00'],
    ['fr', 'à midi', '12:00'],
  ],
  'a clock time in each language’s own form': [
    ['en', 'at 18:45', '18:45'],
    ['de', '19.30 Uhr', '19:30'],
    ['fr', '19h30', '19:30'],
    ['fr', '18 h 30', '18:30'],
    ['es', '19 hs', '19:00'],
    ['pt', 'às 19h', '19:00'],
    ['it', 'ore 18.45', '18:45'],
    ['nl', '19u', '19:00'],
    ['nl', '18u30', '18:30'],
    ['pl', 'godz. 19', '19:00'],
  ],
  'no time: a number that is no hour': [
    ['en', 'about 20 people, 3-hour drive', null],
    ['de', 'ca. 12 € pro Person', null],
    ['fr', 'une salle de 25 places', null],
    ['es', 'salón para 40 personas', null],
    ['pt', 'todo dia 15, às 19h', '19:00'],
    ['it', 'a 10 minuti dalla stazione', null],
    ['nl', 'kost €3 per uur', null],
    ['pl', 'sala na 20 osób', null],
  ],
};

describe('time of day: one reader for the launch and the schedule', () => {
  for (const [kind, rows] of Object.entries(KINDS))
    describe(kind, () => {
      for (const [language, text, expected] of rows)
        it(`${language}: ${JSON.stringify(text)} → ${expected}`, () => expect(first(text)).to.equal(expected));
    });

  it('has every kind that exists in a language written in it', () => {
    const languages = (kind: string) => new Set(KINDS[kind]!.map(([l]) => l));
    for (const kind of ['a span starts when it starts', 'a morning or an afternoon said after the hour'])
      expect([...languages(kind)]).to.include.members(['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl']);
    // French says a half hour in figures ("18h30"): its half hours are the clock times.
    expect([...languages('a half hour in words')]).to.include.members(['en', 'de', 'es', 'pt', 'it', 'nl', 'pl']);
  });

  it('gives each time where it stands, in the order written', () => {
    const times = readTimes('first meetup at 18:00, then monthly at 19:30', rules.dates.clock);
    expect(times.map((t) => [t.hour, t.minute, t.start])).to.deep.equal([
      [18, 0, 16],
      [19, 30, 39],
    ]);
  });
});
