import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { readSchedule } from '../../../src/rules/schedule.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());

// Monthly slots as people write them: plural weekdays and ordinals, numbered ordinals (1º, 2ª, 1e),
// short Portuguese weekdays, elided articles, a bare hour after a word that tells the time.
const ROWS: Array<[string, number, string, number, number, string]> = [
  ['en', 1, 'TH', 19, 0, 'every first Thursday, 7pm'],
  ['en', 1, 'TH', 18, 30, '1st Thursday monthly, 6.30pm'],
  ['en', -1, 'FR', 18, 0, 'last Friday of every month from 6pm'],
  ['en', 2, 'TU', 19, 0, 'Second Tuesday of the month, 19:00-21:00'],
  ['de', 1, 'TH', 19, 0, 'jeden 1. Donnerstag im Monat ab 19 Uhr'],
  ['de', 1, 'TH', 19, 0, 'immer am ersten Donnerstag, 19 Uhr'],
  ['de', 1, 'TH', 18, 30, 'monatlich, erster Donnerstag, 18:30'],
  ['de', -1, 'FR', 18, 0, 'am letzten Freitag jedes Monats um 18 Uhr'],
  ['de', 3, 'WE', 19, 0, 'jeden dritten Mittwoch, 19.00 Uhr'],
  ['fr', 1, 'TH', 19, 0, 'le 1er jeudi de chaque mois à 19h'],
  ['fr', 1, 'TH', 19, 0, 'tous les premiers jeudis du mois à 19h'],
  ['fr', 2, 'TU', 18, 30, 'chaque 2e mardi du mois, 18h30'],
  ['fr', -1, 'FR', 18, 0, 'le dernier vendredi du mois à 18 h'],
  ['es', 1, 'TH', 19, 0, 'el primer jueves de cada mes, 19h'],
  ['es', 1, 'TH', 19, 0, '1º jueves de cada mes a las 19:00'],
  ['es', -1, 'FR', 18, 30, 'último viernes del mes a las 18:30'],
  ['es', 2, 'TU', 19, 0, 'los segundos martes de cada mes a las 19 h'],
  ['pt', 1, 'TH', 19, 0, 'primeira quinta-feira do mês às 19h'],
  ['pt', 1, 'TH', 19, 0, 'toda primeira quinta do mês, 19h'],
  ['pt', -1, 'FR', 18, 30, 'última sexta-feira de cada mês às 18h30'],
  ['pt', 2, 'TU', 19, 0, '2ª terça-feira do mês às 19:00'],
  ['it', 1, 'TH', 19, 0, 'ogni primo giovedì del mese alle 19'],
  ['it', 1, 'TH', 18, 30, 'il primo giovedì del mese, ore 18:30'],
  ['it', -1, 'FR', 18, 0, "l'ultimo venerdì del mese alle 18"],
  ['it', 2, 'TU', 19, 0, 'secondo martedì di ogni mese, 19:00'],
  ['nl', 1, 'TH', 19, 0, 'elke eerste donderdag van de maand om 19.00 uur'],
  ['nl', 1, 'TH', 19, 0, 'iedere 1e donderdag van de maand, 19 uur'],
  ['nl', -1, 'FR', 18, 0, 'laatste vrijdag van de maand om 18:00'],
  ['nl', 2, 'TU', 19, 30, 'tweede dinsdag van de maand, 19.30'],
  ['pl', 1, 'TH', 18, 0, 'w każdy pierwszy czwartek miesiąca o 18:00'],
  ['pl', 1, 'TH', 18, 0, 'pierwszy czwartek miesiąca, godz. 18'],
  ['pl', -1, 'FR', 18, 30, 'ostatni piątek miesiąca o 18:30'],
  ['pl', 2, 'TU', 19, 0, 'w drugi wtorek miesiąca, o godzinie 19'],
];

describe('schedules: monthly slots as written in each language', () => {
  for (const [language, ordinal, weekday, hour, minute, text] of ROWS)
    it(`${language}: ${JSON.stringify(text)}`, () => {
      const r = readSchedule(text, rules.schedule);
      expect(
        r.kind === 'monthly' && 'ordinal' in r.schedule
          ? [r.schedule.ordinal, r.schedule.weekday, r.schedule.hour, r.schedule.minute]
          : r.kind,
      ).to.deep.equal([ordinal, weekday, hour, minute]);
    });
  it('reads the weekday that has an ordinal: Portuguese "quinta sexta-feira" is the fifth Friday', () => {
    const r = readSchedule('quinta sexta-feira do mês às 19h', rules.schedule);
    expect(
      r.kind === 'monthly' && 'ordinal' in r.schedule ? [r.schedule.ordinal, r.schedule.weekday] : r.kind,
    ).to.deep.equal([5, 'FR']);
  });
});

describe('schedules: an ordinal belongs to the weekday it stands beside', () => {
  const languages = loadRulesConfig('config/default.json').launchDate.locales;
  const config = rules.config.schedule;
  it('not to a weekday across a label or a comma ("First meeting: Thursday 28 January, 20:00"), in every language', () => {
    const wrong: string[] = [];
    for (const first of config.ordinals['1'] ?? [])
      for (const thursday of config.weekdays.TH ?? []) {
        const text = `${first} meetup: ${thursday} 28, 20:00`;
        if (readSchedule(text, rules.schedule).kind === 'monthly') wrong.push(text);
      }
    expect(languages.length).to.be.at.least(8);
    expect(wrong).to.deep.equal([]);
  });
  it('to the weekday right after it, when an earlier one stands further from another ("first meetup on Thursday 4 March, then the third Thursday at 19:00")', () => {
    const wrong: string[] = [];
    for (const first of config.ordinals['1'] ?? [])
      for (const third of config.ordinals['3'] ?? [])
        for (const thursday of config.weekdays.TH ?? []) {
          const text = `${first} meetup on ${thursday} 4, then ${third} ${thursday} 19:00`;
          const reading = readSchedule(text, rules.schedule);
          if (reading.kind !== 'monthly' || !('ordinal' in reading.schedule) || reading.schedule.ordinal !== 3)
            wrong.push(text);
        }
    expect(wrong).to.deep.equal([]);
  });
});

describe('schedules: a slot said to be at the same time as the launch', () => {
  const config = loadRulesConfig('config/default.json').schedule;
  it('has no time of its own without a launch, in every language', () => {
    expect(config.sameTimeWords.length).to.be.at.least(8);
    const wrong = config.sameTimeWords
      .map((same) => `${config.ordinals['1']![0]} ${config.weekdays.TH![0]}, ${same}`)
      .filter((text) => readSchedule(text, rules.schedule).kind !== 'no_time');
    expect(wrong).to.deep.equal([]);
  });
});
