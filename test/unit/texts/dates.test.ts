import { expect } from 'chai';
import { translator } from '../../../src/texts/catalog.js';
import { calendarDay, meetingDate, scheduleInWords } from '../../../src/texts/dates.js';
import { countryOfCategory, countryTimeZone, resolveTimeZone } from '../../../src/texts/time-zone.js';
import { catalog, rules } from '../../support/texts.js';

const at = new Date('2027-03-01T12:00:00Z');
const texts = rules.texts;

describe('dates and schedules in words', () => {
  const firstFriday = { day: { ordinal: 1 as const, weekday: 'FR' as const }, hour: 18, minute: 0 };
  const rows: Array<[string, string]> = [
    ['en', 'first Friday of each month, 18:00 (Central European Time)'],
    ['de', 'erster Freitag im Monat, 18:00 Uhr (Mitteleuropäische Zeit)'],
    ['fr', 'le premier vendredi du mois, 18:00 (heure d’Europe centrale)'],
    ['es', 'primer viernes de cada mes, 18:00 (hora de Europa central)'],
    ['pt', 'primeira sexta-feira do mês, 18:00 (Horário da Europa Central)'],
    ['it', 'primo venerdì del mese, ore 18:00 (Ora dell’Europa centrale)'],
    ['nl', 'eerste vrijdag van de maand, 18:00 uur (Midden-Europese tijd)'],
    ['pl', 'pierwszy piątek miesiąca, godz. 18:00 (czas środkowoeuropejski)'],
  ];
  for (const [language, words] of rows) {
    it(`${language}: ${words}`, () => {
      expect(scheduleInWords(firstFriday, translator(catalog, language), 'Europe/Berlin', at)).to.equal(words);
    });
  }

  it('gives each weekday its gender where the ordinal agrees with it', () => {
    const say = (language: string, weekday: 'WE' | 'SA' | 'SU', ordinal: -1 | 2) =>
      scheduleInWords({ day: { ordinal, weekday }, hour: 19, minute: 30 }, translator(catalog, language), 'UTC', at);
    expect(say('pt', 'SA', 2)).to.match(/^segundo sábado do mês/);
    expect(say('pt', 'WE', 2)).to.match(/^segunda quarta-feira do mês/);
    expect(say('it', 'SU', -1)).to.match(/^ultima domenica del mese/);
    expect(say('pl', 'WE', -1)).to.match(/^ostatnia środa miesiąca/);
    expect(say('es', 'SA', -1)).to.match(/^último sábado de cada mes/);
  });

  it('says a day of the month as each language writes it', () => {
    const say = (language: string, monthDay: number) =>
      scheduleInWords({ day: { monthDay }, hour: 9, minute: 5 }, translator(catalog, language), 'UTC', at);
    expect([1, 2, 3, 11, 22].map((d) => say('en', d).split(' ')[0])).to.deep.equal([
      '1st',
      '2nd',
      '3rd',
      '11th',
      '22nd',
    ]);
    expect(say('fr', 1)).to.match(/^le 1er de chaque mois, 09:05/);
    expect(say('de', 15)).to.match(/^jeden 15\. des Monats, 09:05 Uhr/);
  });

  it('names the zone each date is in: winter and summer time differ', () => {
    expect(meetingDate('2027-03-05T18:00', 'Europe/Berlin', 'de-DE')).to.equal('Fr., 5. März 2027, 18:00 MEZ');
    expect(meetingDate('2027-04-02T18:00', 'Europe/Berlin', 'de-DE')).to.equal('Fr., 2. Apr. 2027, 18:00 MESZ');
    expect(meetingDate('2027-04-02T18:00', 'Europe/Berlin', 'en-GB')).to.equal('Fri, 2 Apr 2027, 18:00 CEST');
    expect(meetingDate('2027-03-12T18:30', 'America/New_York', 'en-GB')).to.equal('Fri, 12 Mar 2027, 18:30 GMT-5');
    expect(meetingDate('2027-03-19T18:30', 'America/New_York', 'en-GB')).to.equal('Fri, 19 Mar 2027, 18:30 GMT-4');
  });

  it('writes a calendar day with its weekday', () => {
    expect(calendarDay('2027-03-05', 'de-DE')).to.equal('Freitag, 5. März 2027');
    expect(calendarDay('2027-03-05', 'pl-PL')).to.equal('piątek, 5 marca 2027');
  });
});

describe('the meetup’s time zone', () => {
  it('finds the country a category is named after, in its own language or in English', () => {
    const rows: Array<[string, string | null]> = [
      ['Germany', 'DE'],
      ['Deutschland', 'DE'],
      ['España', 'ES'],
      ['Brasil', 'BR'],
      ['Polska', 'PL'],
      ['Belgium / Belgique', 'BE'],
      ['Suisse (Switzerland)', 'CH'],
      ['Mautic Meetups', null],
    ];
    for (const [name, code] of rows) expect(countryOfCategory(name), name).to.equal(code);
  });

  it("takes the country's own zone, and the region's city where the country has several", () => {
    expect(countryTimeZone('DE', null)).to.equal('Europe/Berlin');
    expect(countryTimeZone('NL', null)).to.equal('Europe/Amsterdam');
    expect(countryTimeZone('ES', null)).to.equal('Europe/Madrid');
    expect(countryTimeZone('PT', null)).to.equal('Europe/Lisbon');
    expect(countryTimeZone('BR', null)).to.equal('America/Sao_Paulo');
    expect(countryTimeZone('US', 'Los Angeles')).to.equal('America/Los_Angeles');
    expect(countryTimeZone('ES', 'Canary')).to.equal('Atlantic/Canary');
  });

  it('prefers config for the country category, then the country, then the forum default', () => {
    const configured = {
      ...texts,
      defaultTimeZone: 'Europe/London',
      countryCategories: { 'United States': { timeZone: 'America/Chicago' } },
    };
    expect(resolveTimeZone({ countryCategory: 'united states', region: 'Austin' }, configured)).to.deep.equal({
      timeZone: 'America/Chicago',
      source: 'config',
    });
    expect(resolveTimeZone({ countryCategory: 'Deutschland', region: 'Köln' }, configured)).to.deep.equal({
      timeZone: 'Europe/Berlin',
      source: 'country',
    });
    expect(resolveTimeZone({ countryCategory: 'Online meetups', region: null }, configured)).to.deep.equal({
      timeZone: 'Europe/London',
      source: 'default',
    });
    expect(resolveTimeZone({ countryCategory: null, region: 'Berlin' }, texts)).to.deep.equal({
      timeZone: 'UTC',
      source: 'default',
    });
  });
});
