import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { templateLines } from '../../../src/rules/template.js';
import { firstPostEvaluation } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const regionOf = (title: string, post: string) =>
  firstPostEvaluation(post, rules, { title }).checklist.region.value ?? null;

describe('region: a place named in the first post, when no line and no title names one', () => {
  const rows: Array<[string, string, string | null]> = [
    ['en', "Hi all, I'd like to start a Mautic meetup in Leipzig. Who's in?", 'Leipzig'],
    ['en', 'Proposing a user group in Santiago de Compostela for next spring.', 'Santiago de Compostela'],
    ['de', 'Hallo, ich möchte ein Mautic-Treffen in Frankfurt am Main organisieren.', 'Frankfurt am Main'],
    ['de', 'Wir planen einen Stammtisch in Bad Homburg.', 'Bad Homburg'],
    ['fr', 'Bonjour, je propose des rencontres à Lyon tous les mois.', 'Lyon'],
    ['es', 'Hola, propongo un encuentro en Valencia.', 'Valencia'],
    ['pt', 'Olá! Quero organizar um encontro em Porto Alegre.', 'Porto Alegre'],
    ['it', 'Ciao, vorrei organizzare un incontro a Torino.', 'Torino'],
    ['nl', 'Hoi, ik wil een bijeenkomst in Utrecht organiseren.', 'Utrecht'],
    ['pl', 'Cześć, chcę zorganizować spotkanie w Krakowie.', 'Kraków'],
    ['de', 'Ich arbeite bei einer Agentur in Leipzig und möchte ein Mautic-Treffen starten.', 'Leipzig'],
    ['nl', 'Wij zijn een bureau uit Utrecht en willen graag een meetup starten.', 'Utrecht'],
    ['pl', 'Jesteśmy agencją z Poznania i chcemy zorganizować spotkania.', 'Poznań'],
    ['it', 'Lavoro a Milano e vorrei avviare un gruppo locale.', 'Milano'],
    ['de', 'Vorschlag: Mautic-Treffen Köln, einmal im Monat.', 'Köln'],
    ['en', 'I work in Marketing and would like to start a meetup.', null],
    ['en', 'A meetup in the spring would be nice.', null],
    ['de', 'Treffen in unserem Büro?', null],
  ];
  for (const [language, post, expected] of rows)
    it(`${language}: ${JSON.stringify(post)} → ${expected}`, () => expect(regionOf('', post)).to.equal(expected));

  it('a region line wins over prose', () => {
    expect(regionOf('', 'A meetup in Leipzig?\nRegion: Dresden')).to.equal('Dresden');
  });
});

describe('template: two labels joined say what the more definite one says', () => {
  const rows: Array<[string, string]> = [
    ['Ort/Region: Köln', 'region'],
    ['Stadt / Ort: Köln', 'region'],
    ['Datum & Uhrzeit: 5. März 2027, 19 Uhr', 'launch'],
    ['Lieu / Salle : Coworking La Ruche', 'venue'],
  ];
  for (const [line, field] of rows)
    it(`${JSON.stringify(line)} → ${field}`, () => {
      expect(Object.keys(templateLines(line, rules.labels, 300))).to.deep.equal([field]);
    });
});

describe('template: a line in every shape people write it', () => {
  const rows: Array<[string, string, string]> = [
    ['## Region\nLeipzig', 'region', 'Leipzig'],
    ['**Ort**\n\nBüro der Agentur Blau', 'venue', 'Büro der Agentur Blau'],
    ['Venue:\nAcme office, Main St 1', 'venue', 'Acme office, Main St 1'],
    ['| Stad | Utrecht |\n| Locatie | Kantoor Acme |', 'venue', 'Kantoor Acme'],
    ['| Campo | Valor |\n|---|---|\n| Cidade | Porto |', 'region', 'Porto'],
    ['Città – Torino', 'region', 'Torino'],
    ['1. Miasto - Kraków', 'region', 'Kraków'],
    ['- Data: 5 marca 2027', 'launch', '5 marca 2027'],
    ['### Termin\njeden ersten Donnerstag im Monat, 19 Uhr', 'schedule', 'jeden ersten Donnerstag im Monat, 19 Uhr'],
  ];
  for (const [post, field, value] of rows)
    it(`${JSON.stringify(post)} → ${field}`, () => {
      expect(templateLines(post, rules.labels, 300)[field as 'region']).to.equal(value);
    });
  it('a label alone takes no other label as its value', () => {
    expect(templateLines('## Region\n## Venue\nAcme office', rules.labels, 300)).to.deep.equal({
      venue: 'Acme office',
    });
  });
});

describe('place lines: a venue or an address is the venue, and its town the region', () => {
  const rows: Array<[string, Record<string, string>]> = [
    ['Ort: Köln', { region: 'Köln' }],
    [
      'Ort: Büro der Agentur Blau, Hauptstraße 5, 50667 Köln',
      { venue: 'Büro der Agentur Blau, Hauptstraße 5, 50667 Köln', region: 'Köln' },
    ],
    ['Ort: Coworking Basislager, Leipzig', { venue: 'Coworking Basislager, Leipzig', region: 'Leipzig' }],
    [
      'Plaats: Kantoor Acme, Oudegracht 10, 3511 AB Utrecht',
      { venue: 'Kantoor Acme, Oudegracht 10, 3511 AB Utrecht', region: 'Utrecht' },
    ],
    [
      'Location: Acme office, 12 Oxford Road, Manchester',
      { venue: 'Acme office, 12 Oxford Road, Manchester', region: 'Manchester' },
    ],
    ['Stadt: München\nOrt: Leopoldstraße 12', { region: 'München', venue: 'Leopoldstraße 12' }],
  ];
  for (const [post, expected] of rows)
    it(`${JSON.stringify(post)}`, () => expect(templateLines(post, rules.labels, 300)).to.deep.equal(expected));

  it('a region line that holds an address names its town', () => {
    expect(regionOf('', 'Region: Acme GmbH, Hauptstraße 5, 50667 Köln')).to.equal('Köln');
    expect(regionOf('', 'Region: Rhein-Main (Frankfurt, Mainz)')).to.equal('Rhein-Main');
    expect(regionOf('', 'Miasto: biuro Acme, ul. Długa 5, 00-950 Warszawa')).to.equal('Warszawa');
  });
});

describe('launch and schedule named in the prose of the first post, when no line labels them', () => {
  const read = (post: string) => {
    const c = firstPostEvaluation(post, rules).checklist;
    return { launch: c.launchDate.value ?? null, schedule: c.schedule.value?.rrule ?? null };
  };
  const rows: Array<[string, string | null, string | null]> = [
    [
      'Das erste Treffen wäre am Donnerstag, 4. März 2027. Danach jeden ersten Donnerstag im Monat um 19 Uhr.',
      '2027-03-04',
      'FREQ=MONTHLY;BYDAY=1TH;BYHOUR=19;BYMINUTE=0',
    ],
    [
      'On se verrait la première fois le 2 avril 2027 à 18h, puis le premier vendredi du mois à 18h30.',
      '2027-04-02',
      'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=30',
    ],
    ['Pierwsze spotkanie planujemy na 4 marca 2027.', '2027-03-04', null],
    ['We met on 5 March 2026 last year, it was fun.', null, null],
    ['Launch: 2027-05-06\nWe would like to start on 4 March 2027.', '2027-05-06', null],
  ];
  for (const [post, launch, schedule] of rows)
    it(JSON.stringify(post), () => expect(read(post)).to.deep.equal({ launch, schedule }));
});

describe('venue in prose: an address where the group meets names a venue, its kind yet to be said', () => {
  const kindOf = (post: string) => firstPostEvaluation(post, rules).checklist.venue.kind ?? null;
  const rows: Array<[string, string | null]> = [
    ['Region: Köln\nWir treffen uns bei Acme, Hauptstraße 5.', 'unknown'],
    ['Region: Leeds\nWe meet at 12 Oxford Road.', 'unknown'],
    ['Region: Köln\nWir treffen uns in unserem Büro, Hauptstraße 5.', 'office'],
    ['Region: Köln\nIch wohne seit 2019 in Köln.', null],
  ];
  for (const [post, kind] of rows) it(JSON.stringify(post), () => expect(kindOf(post)).to.equal(kind));
});

describe('region: a known town beside the words of the category name ("Mautic Meetup {region}")', () => {
  // Towns of each language, in their own spelling; the name's words come from the rules file.
  const towns = ['Zürich', 'Lille', 'Bogotá', 'Buenos Aires', 'Firenze', 'Poznań', 'Groningen', 'Sheffield'];
  const [before, after] = rules.config.category.nameTemplate.split('{region}').map((s) => s.trim());
  for (const town of towns) {
    it(`${town}: after the name ("Proposal: ${before} ${town}") and before it ("${town} ${before} - proposal")`, () => {
      expect(regionOf('', `Proposal: ${before} ${town}\n\nWe would like to meet once a month.`)).to.equal(town);
      expect(regionOf('', `${town} ${before}${after ? ` ${after}` : ''} - proposal\n\nWho would join?`)).to.equal(town);
    });
  }
  it('not a word that is no known town: "Proposal: Mautic Friends"', () => {
    expect(regionOf('', `Proposal: ${before} Friends\n\nWe would like to meet once a month.`)).to.equal(null);
  });
});
