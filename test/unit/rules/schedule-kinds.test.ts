import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { readSchedule, type ScheduleReading } from '../../../src/rules/schedule.js';
import { firstPostEvaluation } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'];

/** A reading as the labels write a slot: "2 WE 19:00", "day 12 -", "weekly", "no day". */
function slot(r: ScheduleReading): string {
  if (r.kind === 'not_monthly') return 'weekly';
  if (r.kind === 'no_day') return 'no day';
  const day = r.kind === 'monthly' ? r.schedule : r.day;
  const time =
    r.kind === 'monthly'
      ? `${String(r.schedule.hour).padStart(2, '0')}:${String(r.schedule.minute).padStart(2, '0')}`
      : '-';
  return `${'monthDay' in day ? `day ${day.monthDay}` : `${day.ordinal} ${day.weekday}`} ${time}`;
}

type Rows = Array<[string, string, string]>;

function table(kind: string, rows: Rows, languages = LANGUAGES, launchTime: string | null = null) {
  describe(kind, () => {
    it(`has a row in each language where the kind exists (${languages.join(' ')})`, () =>
      expect([...new Set(rows.map(([l]) => l))]).to.include.members(languages));
    for (const [language, text, expected] of rows)
      it(`${language}: ${JSON.stringify(text)} → ${expected}`, () =>
        expect(slot(readSchedule(text, rules.schedule, launchTime))).to.equal(expected));
  });
}

describe('schedules: kinds of slot, in every language where the kind exists', () => {
  table('an ordinal belongs to the weekday right after it, not to a meeting before one', [
    ['en', 'First meetup on Wednesday 14 October at 19:00', 'weekly'],
    ['en', 'the fourth get-together, on Monday, is a social', 'weekly'],
    ['de', 'Erstes Treffen Mittwoch 14. Oktober um 19 Uhr', 'weekly'],
    ['fr', 'Premier rendez-vous mercredi 14 octobre à 19h', 'weekly'],
    ['es', 'Primer encuentro → miércoles 14 de octubre, 19 h', 'weekly'],
    ['pt', 'Primeiro encontro na quarta-feira, 14 de outubro, às 19h', 'weekly'],
    ['it', 'Primo incontro mercoledì 14 ottobre alle 19', 'weekly'],
    ['nl', 'Eerste bijeenkomst woensdag 14 oktober om 19 uur', 'weekly'],
    ['pl', 'Pierwsze spotkanie w środę 14 października o 19:00', 'weekly'],
  ]);

  table(
    'Portuguese weekdays that are also ordinals',
    [
      ['pt', 'segunda quarta-feira do mês às 19h', '2 WE 19:00'],
      ['pt', 'quarta segunda-feira de cada mês, 18h30', '4 MO 18:30'],
      ['pt', 'a segunda segunda-feira de cada mês, às 19h', '2 MO 19:00'],
      ['pt', 'última quinta do mês, 19h', '-1 TH 19:00'],
      ['pt', 'toda primeira terça às 18h', '1 TU 18:00'],
      ['pt', '2.ª quinta-feira de cada mês, 17h30', '2 TH 17:30'],
      ['pt', '2.º sábado de cada mês, às 10h', '2 SA 10:00'],
    ],
    ['pt'],
  );

  table('ordinals written as numbers', [
    ['en', 'every 3rd Thursday at 6 pm', '3 TH 18:00'],
    ['de', 'jeden 3. Donnerstag, 18 Uhr', '3 TH 18:00'],
    ['fr', 'tous les 2es lundis du mois à 18h30', '2 MO 18:30'],
    ['es', 'el 2.º jueves de cada mes, 18:00', '2 TH 18:00'],
    ['pt', '4.ª quarta-feira de cada mês, às 19h', '4 WE 19:00'],
    ['it', 'ogni 2° martedì del mese alle 19', '2 TU 19:00'],
    ['nl', 'elke 4de donderdag, 18u30', '4 TH 18:30'],
    ['nl', 'elke 1ste dinsdag van de maand, 19u30', '1 TU 19:30'],
    ['pl', 'w każdy 3. czwartek miesiąca o 17:00', '3 TH 17:00'],
  ]);

  table('a day of the month, though a weekday is named beside it', [
    ['en', 'the 12th of each month at 19:00, or the Monday after if it falls on a weekend', 'day 12 19:00'],
    ['de', 'am 12. jedes Monats um 19 Uhr, fällt er aufs Wochenende, am Montag danach', 'day 12 19:00'],
    ['fr', 'le 12 de chaque mois à 19h, décalé au lundi si ça tombe un week-end', 'day 12 19:00'],
    ['es', 'el día 12 de cada mes a las 19:00; si cae en fin de semana, el lunes', 'day 12 19:00'],
    ['pt', 'todo dia 12, às 19h, ou na segunda seguinte', 'day 12 19:00'],
    ['it', 'il 12 di ogni mese alle 19, se cade nel weekend il lunedì dopo', 'day 12 19:00'],
    ['nl', 'elke maand op de 12e om 19.00 uur, in het weekend de maandag erna', 'day 12 19:00'],
    ['pl', '12. dnia każdego miesiąca o 19:00, a w weekend w poniedziałek', 'day 12 19:00'],
  ]);

  table('a weekday and an ordinal without a time: no time, not the first meeting’s', [
    ['en', 'First meetup on 4 March at 19:00, then every third Thursday', '3 TH -'],
    ['de', 'Erstes Treffen am 4. März um 19 Uhr, danach jeden dritten Donnerstag', '3 TH -'],
    ['fr', 'Premier rendez-vous le 4 mars à 19h, puis chaque troisième jeudi', '3 TH -'],
    ['es', 'Primer encuentro el 4 de marzo a las 19:00, luego el tercer jueves de cada mes', '3 TH -'],
    ['pt', 'Primeiro encontro a 4 de março às 19h, depois na terceira quinta-feira de cada mês', '3 TH -'],
    ['it', 'Primo incontro il 4 marzo alle 19, poi ogni terzo giovedì', '3 TH -'],
    ['nl', 'Eerste keer op 4 maart om 19 uur, daarna elke derde donderdag', '3 TH -'],
    ['pl', 'Pierwsze spotkanie 4 marca o 19:00, potem w każdy trzeci czwartek', '3 TH -'],
  ]);

  table('the time of the regular meeting, not another time in the text', [
    ['en', 'Kickoff on 4 March at 18:00, then the third Thursday at half past six', '3 TH 18:30'],
    ['en', 'the 20th of every month at 7pm, starting Tuesday the 20th of October at 6pm', 'day 20 19:00'],
    ['de', 'Auftakt am 4. März um 18 Uhr, danach jeden dritten Donnerstag um halb acht', '3 TH 19:30'],
    ['fr', 'Lancement le 4 mars à 18h, puis chaque troisième jeudi à 19h30', '3 TH 19:30'],
    ['es', 'Arrancamos el 4 de marzo a las 18:00 y luego el tercer jueves a las siete y media', '3 TH 19:30'],
    ['pt', 'Começamos a 4 de março às 18h e depois na terceira quinta às 19h30', '3 TH 19:30'],
    ['it', 'Si parte il 4 marzo alle 18, poi ogni terzo giovedì alle sette e mezza', '3 TH 19:30'],
    ['nl', 'Aftrap op 4 maart om 18 uur, daarna elke derde donderdag om half acht', '3 TH 19:30'],
    ['pl', 'Start 4 marca o 17:00, potem w każdy trzeci czwartek o wpół do siódmej', '3 TH 18:30'],
    ['en', 'At 7 pm on the first Friday of each month', '1 FR 19:00'],
  ]);

  table(
    'a slot at the same time as the launch takes the launch’s time',
    [
      ['en', 'then the second Tuesday each month at the same time', '2 TU 18:30'],
      ['de', 'danach jeden dritten Donnerstag, immer zur selben Zeit', '3 TH 18:30'],
      ['fr', 'puis chaque premier mercredi du mois, même heure', '1 WE 18:30'],
      ['es', 'y después, el segundo martes de cada mes a esa misma hora', '2 TU 18:30'],
      ['pt', 'depois, toda última quinta do mês, mesmo horário', '-1 TH 18:30'],
      ['it', 'poi ogni terzo martedì del mese, stesso orario', '3 TU 18:30'],
      ['nl', 'en dan iedere tweede dinsdag van de maand op hetzelfde tijdstip', '2 TU 18:30'],
      ['pl', 'potem w czwartą sobotę miesiąca, o tej samej godzinie', '4 SA 18:30'],
    ],
    LANGUAGES,
    '18:30',
  );
});

describe('schedules in the prose of a first post', () => {
  const scheduleOf = (post: string) => {
    const reason = firstPostEvaluation(post, rules).checklist.schedule.reason;
    if (reason.code === 'monthly' || reason.code === 'no_time') {
      const d = reason.day;
      const time =
        reason.code === 'monthly'
          ? `${String(reason.hour).padStart(2, '0')}:${String(reason.minute).padStart(2, '0')}`
          : '-';
      return `${'monthDay' in d ? `day ${d.monthDay}` : `${d.ordinal} ${d.weekday}`} ${time}`;
    }
    return reason.code;
  };
  const rows: Rows = [
    ['en', 'We would meet on the last Tuesday of each month. Time to be agreed here.', '-1 TU -'],
    [
      'en',
      'Monthly, on the 10th. The room is free from 6:30 p. m. on the 10th of every month, 6:30 p. m.',
      'day 10 18:30',
    ],
    ['de', 'Wir treffen uns am letzten Dienstag im Monat. Die Uhrzeit stimmen wir hier ab.', '-1 TU -'],
    ['fr', 'On se verrait le dernier mardi du mois. L’heure reste à voir.', '-1 TU -'],
    ['es', 'Nos juntaríamos el último martes de cada mes. La hora la vemos aquí.', '-1 TU -'],
    ['es', 'Después: tercer miércoles de cada mes, 6 p. m.', '3 WE 18:00'],
    ['pt', 'Encontros na última terça-feira de cada mês. O horário combinamos aqui.', '-1 TU -'],
    ['it', "Ci vedremmo l'ultimo martedì del mese. L'orario lo decidiamo qui.", '-1 TU -'],
    ['nl', 'We komen samen op de laatste dinsdag van de maand. Het tijdstip spreken we nog af.', '-1 TU -'],
    ['pl', 'Spotkania w ostatni wtorek miesiąca, godz. 19. Zapraszamy!', '-1 TU 19:00'],
  ];
  for (const [language, post, expected] of rows)
    it(`${language}: ${JSON.stringify(post)} → ${expected}`, () => expect(scheduleOf(post)).to.equal(expected));
});
