import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules, dayOrder, evaluateChecklist } from '../../../src/rules/checklist.js';
import { dayOrderOf, readDate, type DayOrder } from '../../../src/rules/launch-date.js';
import { templateLines } from '../../../src/rules/template.js';
import { firstPostEvaluation, jana, thread } from '../../support/views.js';

const config = loadRulesConfig('config/default.json');
const rules = compileRules(config, 'system', generatedData());
const NOW = new Date('2026-11-24T12:00:00Z');
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'];
const date = (text: string, order: DayOrder = 'day-first') => readDate(text, NOW, rules.dates, order)?.date ?? null;

/** Rows of one kind: language, text, the launch date (or its time) read from it. */
type Rows = Array<[string, string, string | null]>;

function table(kind: string, rows: Rows, read: (text: string) => string | null, languages = LANGUAGES) {
  describe(kind, () => {
    it(`has a row in each language where the kind exists (${languages.join(' ')})`, () =>
      expect([...new Set(rows.map(([l]) => l))]).to.include.members(languages));
    for (const [language, text, expected] of rows)
      it(`${language}: ${JSON.stringify(text)} → ${expected}`, () => expect(read(text)).to.equal(expected));
  });
}

describe('launch dates: a numbered date in a country that writes the month first', () => {
  it('reads the order from the country category, as CLDR writes its dates', () => {
    const locales = config.launchDate.locales;
    expect(dayOrderOf('US', locales)).to.equal('month-first');
    for (const code of ['GB', 'IE', 'IN', 'AU', 'CA', 'DE', 'FR', 'ES', 'MX', 'BR', 'PT', 'IT', 'NL', 'BE', 'PL'])
      expect(dayOrderOf(code, locales), code).to.equal('day-first');
    expect(dayOrderOf(null, locales)).to.equal('day-first');
  });

  it('knows the country by its name in any configured language', () => {
    for (const name of ['United States', 'Vereinigte Staaten', 'Estados Unidos', 'Stany Zjednoczone'])
      expect(dayOrder(name, rules), name).to.equal('month-first');
    for (const name of ['United Kingdom', 'Deutschland', 'Canada', 'Nowhere Land'])
      expect(dayOrder(name, rules), name).to.equal('day-first');
  });

  const rows: Array<[string, string, string | null, string | null]> = [
    ['en', 'First one: Tuesday 1/12, 6pm', '2027-01-12', '2026-12-01'],
    ['en', 'Launch: 5/20/2027 at 6 PM', '2027-05-20', null],
    ['en', 'kickoff Wed 12/2/2026 @ 7 pm', '2026-12-02', '2026-02-12'],
    ['es', 'Primera reunión: martes 3/30/2027', '2027-03-30', null],
    ['en', 'March 5, 2027 reads the same either way', '2027-03-05', '2027-03-05'],
  ];
  for (const [language, text, monthFirst, dayFirst] of rows)
    it(`${language}: ${JSON.stringify(text)} → ${monthFirst} month first, ${dayFirst} day first`, () => {
      expect(date(text, 'month-first')).to.equal(monthFirst);
      expect(date(text, 'day-first')).to.equal(dayFirst);
    });

  it('reads a first post of a thread in the United States category month first', () => {
    const post =
      'Proposed Mautic meetup in Denver.\nFirst meetup: Tuesday 1/12, 6 pm\nThen the second Tuesday of each month.';
    const read = (country: string | null) =>
      evaluateChecklist(thread('', [[jana, post]]), rules, {
        now: NOW,
        country,
        forumUrl: 'https://f',
        meetups: [],
        countries: [],
        otherProposals: [],
        profiles: {},
      }).checklist.launchDate.value ?? null;
    expect(read('United States')).to.equal('2027-01-12');
    expect(read('Germany')).to.equal('2026-12-01');
  });
});

table(
  'launch dates: of several dates, the one tied to the first meeting',
  [
    ['en', 'Easter is early this year (28 March), so we start on 13 April', '2027-04-13'],
    ['en', "I'm away until 10 March, first meetup 13 April", '2027-04-13'],
    ['de', 'Nach Ostern (28. März) geht es los: erstes Treffen am 13. April', '2027-04-13'],
    ['de', 'Bis zum 10. März bin ich im Urlaub, Start am 13. April', '2027-04-13'],
    ['fr', 'Le 20 mars tombe un samedi, donc on commencerait le mardi 13 avril', '2027-04-13'],
    ['es', 'Semana Santa (del 28 de marzo al 4 de abril) pasa, y empezamos el 13 de abril', '2027-04-13'],
    ['pt', 'Em março há feriado no dia 19 de março, então começamos na terça, 13 de abril', '2027-04-13'],
    ['it', 'Fino al 28 marzo siamo in ferie; il primo incontro sarà martedì 13 aprile', '2027-04-13'],
    ['nl', 'Tot en met 28 maart zijn we weg, de eerste keer wordt dinsdag 13 april', '2027-04-13'],
    ['pl', 'Przed 28 marca nie damy rady, pierwsze spotkanie we wtorek 13 kwietnia', '2027-04-13'],
  ],
  (text) => date(text),
);

table(
  'launch dates: "first" before a weekday names the monthly slot, not the first meeting',
  [
    ['en', '5 March, then every first Thursday except 2 April', '2027-03-05'],
    ['de', 'am 5. März, danach jeden ersten Donnerstag außer am 1. April', '2027-03-05'],
    ['fr', 'le 5 mars, puis chaque premier jeudi sauf le 1er avril', '2027-03-05'],
    ['es', 'el 5 de marzo, luego cada primer jueves salvo el 1 de abril', '2027-03-05'],
    ['pt', '5 de março, depois toda primeira quinta-feira exceto 1 de abril', '2027-03-05'],
    ['it', 'il 5 marzo, poi ogni primo giovedì tranne il 1° aprile', '2027-03-05'],
    ['nl', '5 maart, daarna elke eerste donderdag behalve 1 april', '2027-03-05'],
    ['pl', '5 marca, potem każdy pierwszy czwartek oprócz 1 kwietnia', '2027-03-05'],
  ],
  (text) => date(text),
);

table(
  'launch dates: a date that bounds something else, or a span of days, is no launch',
  [
    ['en', 'the room is booked until 10 March', null],
    ['en', 'the fair runs 26–29 March', null],
    ['de', 'bis zum 10. März ist der Raum belegt', null],
    ['fr', 'la salle est prise du 27 novembre au 24 décembre', null],
    ['es', 'las fiestas van del 15 al 19 de marzo', null],
    ['pt', 'estou fora até 10 de março', null],
    ['it', 'la sala è chiusa fino al 10 marzo', null],
    ['nl', 'carnaval duurt van 6 tot en met 9 februari', null],
    ['pl', 'po 10 marca wracam z urlopu', null],
  ],
  (text) => date(text),
);

table(
  'launch dates: a day of next month',
  [
    ['en', 'First meetup: next month on the 10th, 6 pm', '2026-12-10'],
    ['de', 'Erstes Treffen: nächsten Monat am 10. (ein Donnerstag), 19 Uhr', '2026-12-10'],
    ['fr', 'Lancement : le 10 du mois prochain, 12h', '2026-12-10'],
    ['es', 'Primer encuentro: el 10 del próximo mes a las 19:00', '2026-12-10'],
    ['pt', 'Primeiro encontro: dia 10 do próximo mês, às 19h', '2026-12-10'],
    ['it', 'Primo incontro: il 10 del mese prossimo alle 18', '2026-12-10'],
    ['nl', 'Eerste keer: volgende maand op de 10e, 19.30 uur', '2026-12-10'],
    ['pl', 'Pierwsze spotkanie: 10 przyszłego miesiąca o 18:00', '2026-12-10'],
  ],
  (text) => date(text),
);

table(
  'launch dates: the time said after the date, however it is written',
  [
    ['en', 'Tuesday 9 February from half past five', '17:30'],
    ['en', '4 March 2027, from 7 to 9 pm', '19:00'],
    ['de', 'Donnerstag, 3. Juni, um halb sieben abends', '18:30'],
    ['fr', 'jeudi 3 juin, 19h30', '19:30'],
    ['es', 'viernes 4 de junio a las siete y media de la tarde', '19:30'],
    ['pt', 'quinta-feira, 3 de junho, das 18h às 20h', '18:00'],
    ['it', 'giovedì 3 giugno, ore 18.45', '18:45'],
    ['nl', 'donderdag 3 juni, 19u', '19:00'],
    ['pl', 'czwartek 3 czerwca, o wpół do siódmej', '18:30'],
  ],
  (text) => readDate(text, NOW, rules.dates)?.time ?? null,
);

table(
  'launch dates: a clock time or a count is no date',
  [
    ['en', 'doors at 10:30, 8-10 people', null],
    ['de', 'Beginn jeweils um 10:30', null],
    ['fr', 'rendez-vous à 10:30', null],
    ['es', 'a las 12:30, unas 8-10 personas', null],
    ['pt', 'às 10:30', null],
    ['it', 'alle 12:30', null],
    ['nl', 'om 10.30 uur', null],
    ['pl', 'o 10:30', null],
  ],
  (text) => date(text),
);

describe('launch dates in the prose of a first post', () => {
  const launchOf = (post: string) => firstPostEvaluation(post, rules, { now: NOW }).checklist.launchDate.value ?? null;

  table(
    'a sentence that says the date is not set yet names none',
    [
      [
        'en',
        'We meet on the first Tuesday of the month. No date yet for the first one, I am back on 11 January.',
        null,
      ],
      [
        'de',
        'Wir treffen uns am ersten Dienstag im Monat. Das erste Datum steht noch nicht fest, ich bin am 11. Januar zurück.',
        null,
      ],
      ['fr', 'On se voit le premier mardi du mois. Rien de fixé pour le lancement, je rentre le 11 janvier.', null],
      ['es', 'Nos vemos el primer martes de cada mes. Todavía no hay fecha para empezar, vuelvo el 11 de enero.', null],
      ['pt', 'Encontros na primeira terça-feira do mês. Ainda sem data para o primeiro, volto a 11 de janeiro.', null],
      ['it', "Ci vediamo il primo martedì del mese. Data d'inizio da definire, rientro l'11 gennaio.", null],
      [
        'nl',
        'We zien elkaar de eerste dinsdag van de maand. De startdatum is nog te bepalen, ik ben 11 januari terug.',
        null,
      ],
      ['pl', 'Spotkania w pierwszy wtorek miesiąca. Data startu do ustalenia, wracam 11 stycznia.', null],
    ],
    launchOf,
  );

  table(
    'a date only in brackets is an aside; the first meeting’s date is after a word of starting',
    [
      [
        'en',
        'After the holidays (6 January) it gets quieter.\nOur first meetup would be on Tuesday 9 February.',
        '2027-02-09',
      ],
      [
        'de',
        'Nach Dreikönig (6. Januar) wird es ruhiger.\nDas erste Treffen wäre am Dienstag, 9. Februar.',
        '2027-02-09',
      ],
      [
        'fr',
        "Après l'Épiphanie (6 janvier), c'est plus calme.\nLa première rencontre serait le mardi 9 février.",
        '2027-02-09',
      ],
      [
        'es',
        'Pasados los Reyes (6 de enero) hay más calma.\nLa primera reunión sería el martes 9 de febrero.',
        '2027-02-09',
      ],
      [
        'pt',
        'Depois dos Reis (6 de janeiro) fica mais calmo.\nO primeiro encontro seria na terça, 9 de fevereiro.',
        '2027-02-09',
      ],
      [
        'it',
        "Dopo l'Epifania (6 gennaio) è più tranquillo.\nIl primo incontro sarebbe martedì 9 febbraio.",
        '2027-02-09',
      ],
      ['nl', 'Na Driekoningen (6 januari) wordt het rustiger.\nDe eerste keer wordt dinsdag 9 februari.', '2027-02-09'],
      ['pl', 'Po Trzech Królach (6 stycznia) jest spokojniej.\nPierwsze spotkanie we wtorek 9 lutego.', '2027-02-09'],
      ['en', 'The office is shut on 15 December for the party. We would start on 12 January.', '2027-01-12'],
    ],
    launchOf,
  );
});

describe('template: a "when" line is the launch or the schedule without any clock', () => {
  const rows: Array<[string, string[]]> = [
    ['When: next month on the 10th, 7 pm', ['launch']],
    ['Wann: nächsten Monat am 10., 19 Uhr', ['launch']],
    ['Quando: 11/10/2027 às 19h', ['launch']],
    ['When: first Thursday of the month at 19:00', ['schedule']],
    ['Wanneer: woensdag 3 maart om 18u30, daarna elke eerste woensdag', ['launch', 'schedule']],
  ];
  for (const [line, fields] of rows)
    it(`${JSON.stringify(line)} → ${fields.join(' and ')}`, () =>
      expect(Object.keys(templateLines(line, rules.labels, 300)).sort()).to.deep.equal(fields));
});
