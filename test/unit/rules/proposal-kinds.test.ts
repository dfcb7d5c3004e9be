import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { isProposal } from '../../../src/rules/proposal.js';
import { jana, thread } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'];
const taken = (title: string, post: string) =>
  isProposal(thread(title, [[jana, post]]), { rules: rules.config, compiled: rules });

type Row = [language: string, title: string, post: string];

/** Threads that propose a group without the word "meetup" or its translations, each kind in every language. */
const PROPOSALS: Record<string, Row[]> = {
  'making a local group official, founding a user group or a chapter': [
    ['en', 'Mautic in Bath?', 'A few of us would like to set up an official Mautic group for Bath and Wells.'],
    ['en', 'Mautic Lagos', 'Who wants to help me start a Mautic chapter here? Plenty of agencies use it.'],
    ['de', 'Mautic Erfurt', 'Wir möchten eine offizielle Mautic-Gruppe für Thüringen gründen.'],
    ['fr', 'Mautic Nancy', 'Nous aimerions créer un groupe Mautic pour toute la Lorraine.'],
    ['es', 'Mautic Cádiz', 'Queremos montar un grupo oficial de Mautic en la provincia.'],
    ['pt', 'Mautic Évora', 'Queremos criar um grupo Mautic para o Alentejo.'],
    ['it', 'Mautic Udine', 'Vorremmo fondare un gruppo Mautic in Friuli.'],
    ['nl', 'Mautic Zwolle', 'Wij willen een Mautic-groep voor Overijssel oprichten.'],
    ['pl', 'Mautic Rzeszów', 'Chcemy założyć grupę Mautic na Podkarpaciu.'],
  ],
  'a Stammtisch or a user group by its name': [
    ['en', 'Mautic user group for Cork', 'Anyone around?'],
    ['de', 'Mautic-Stammtisch Ulm', 'Wer hätte Lust?'],
    ['fr', "Groupe d'utilisateurs Mautic à Metz", 'Qui serait partant ?'],
    ['es', 'Grupo de usuarios de Mautic en Murcia', '¿Quién se apunta?'],
    ['pt', 'Grupo de utilizadores Mautic no Funchal', 'Quem alinha?'],
    ['it', 'Gruppo utenti Mautic a Trieste', 'Chi ci sta?'],
    ['nl', 'Mautic gebruikersgroep Tilburg', 'Wie doet er mee?'],
    ['pl', 'Grupa użytkowników Mautic w Toruniu', 'Kto chętny?'],
  ],
  'a regular gathering for a place, by its monthly slot': [
    ['en', '', 'How about the library in Hove, every second Tuesday of the month at 6pm?'],
    ['de', '', 'Wir könnten uns jeden ersten Donnerstag im Monat um 19 Uhr in der Bibliothek sehen.'],
    ['fr', '', 'On se verrait à la médiathèque le dernier jeudi du mois à 18h.'],
    ['es', '', 'Podríamos vernos en la biblioteca el primer martes de cada mes a las 19:00.'],
    ['pt', '', 'Podíamos ver-nos na biblioteca na primeira terça-feira de cada mês às 19h.'],
    ['it', '', 'Potremmo vederci in biblioteca il primo martedì del mese alle 19.'],
    ['nl', '', 'We zouden elkaar elke eerste dinsdag van de maand om 19.00 uur in de bibliotheek kunnen zien.'],
    ['pl', '', 'Moglibyśmy widywać się w bibliotece w każdy pierwszy wtorek miesiąca o 19:00.'],
  ],
  'a meetup whose post tells of a one-off event before, or looks for speakers': [
    [
      'en',
      'Mautic Meetup Derby',
      'Last year we ran a one-off workshop; now we want to meet every month. Call for speakers soon!',
    ],
    ['de', 'Mautic-Treffen Kiel', 'Nach einem einmaligen Workshop im Frühjahr wollen wir uns regelmäßig treffen.'],
    [
      'fr',
      'Rencontres Mautic à Brest',
      "Après un atelier unique l'an dernier, on cherche des intervenants pour des rencontres mensuelles.",
    ],
    ['es', 'Encuentros Mautic en León', 'Buscamos ponentes para los encuentros mensuales que queremos empezar.'],
    ['pt', 'Encontros Mautic em Aveiro', 'Procuramos oradores para os encontros mensais que queremos começar.'],
    ['it', 'Incontri Mautic a Lecce', 'Cerchiamo relatori per gli incontri mensili che vogliamo avviare.'],
    ['nl', 'Mautic-bijeenkomsten Breda', 'Na een eenmalige workshop vorig jaar willen we maandelijks bijeenkomen.'],
    ['pl', 'Spotkania Mautic w Opolu', 'Po jednorazowych warsztatach chcemy spotykać się co miesiąc.'],
  ],
};

/** The category's other threads: a Mautic question, a job offer, a one-off event, a call for speakers. */
const OTHERS: Record<string, Row[]> = {
  'a Mautic question': [
    ['en', 'Webhook not firing after upgrade', 'Has anyone seen this? Our form webhook stopped after 5.2.'],
    [
      'de',
      'Frage: Segmente aktualisieren sich nicht',
      'Der Cron läuft alle 10 Minuten, trotzdem nichts. Hat jemand eine Idee?',
    ],
    ['fr', 'Question : import CSV bloqué', "L'import s'arrête à 50 %. Quelqu'un a rencontré ce problème ?"],
    ['es', 'Duda: formularios y RGPD', 'No encuentro la opción de consentimiento. ¿Alguien lo ha resuelto?'],
    ['pt', 'Dúvida: e-mails não saem', 'Não encontro o erro nos logs. Alguém já passou por isto?'],
    ['it', 'Domanda: tracking dei click', 'I click non vengono registrati. Qualcuno ha una soluzione?'],
    ['nl', 'Vraag: dubbele contacten', 'Na de import zien we dubbele contacten. Iemand een idee?'],
    ['pl', 'Pytanie: kampanie nie startują', 'Cron działa, ale kampanie stoją. Ktoś miał podobnie?'],
  ],
  'a job offer': [
    [
      'en',
      'Hiring: Mautic consultant (Leeds)',
      'Full time, hybrid. We also host the local Mautic meetup now and then.',
    ],
    [
      'de',
      'Stellenangebot: Mautic-Entwickler (Köln)',
      'Vollzeit, Homeoffice möglich. Wir gehen auch gern zum Mautic-Treffen.',
    ],
    [
      'fr',
      "Offre d'emploi : consultant Mautic (Nantes)",
      'CDI, télétravail partiel. On participe aussi aux rencontres Mautic.',
    ],
    [
      'es',
      'Oferta de empleo: especialista Mautic (Sevilla)',
      'Jornada completa. También vamos a los encuentros de Mautic.',
    ],
    ['pt', 'Vaga de emprego: especialista Mautic (Porto)', 'Tempo inteiro. Também vamos aos encontros Mautic.'],
    ['it', 'Offerta di lavoro: consulente Mautic (Torino)', 'Tempo pieno. Partecipiamo anche agli incontri Mautic.'],
    ['nl', 'Vacature: Mautic-specialist (Utrecht)', 'Fulltime. We gaan ook naar de Mautic-bijeenkomsten.'],
    ['pl', 'Oferta pracy: specjalista Mautic (Gdańsk)', 'Pełny etat. Chodzimy też na spotkania Mautic.'],
  ],
  'a one-off event': [
    ['en', 'One-off Mautic workshop in York', 'A day of hands-on training, then we meet up for drinks.'],
    ['de', 'Einmaliger Mautic-Workshop in Bremen', 'Ein Tag Praxis, danach Treffen in der Kneipe.'],
    [
      'fr',
      'Atelier Mautic unique à Rennes – événement unique',
      'Une journée de pratique, puis une rencontre autour d’un verre.',
    ],
    ['es', 'Taller de Mautic en Vigo – evento único', 'Un día de práctica y después un encuentro informal.'],
    ['pt', 'Workshop Mautic em Faro – evento único', 'Um dia de prática e depois um encontro informal.'],
    ['it', 'Workshop Mautic a Pisa – evento unico', 'Una giornata di pratica e poi un incontro informale.'],
    ['nl', 'Eenmalige Mautic-workshop in Gent', 'Een dag oefenen, daarna een informele bijeenkomst.'],
    ['pl', 'Jednorazowe warsztaty Mautic w Lublinie', 'Dzień praktyki, a potem nieformalne spotkanie.'],
  ],
  'a call for speakers for a group that meets already': [
    [
      'en',
      'Call for speakers: Mautic Leeds, March',
      'Our meetup (second Tuesday of the month at the library) needs two talks.',
    ],
    [
      'de',
      'Referent gesucht: Mautic-Treffen Bonn',
      'Für unser Treffen am ersten Donnerstag im Monat suchen wir einen Vortrag.',
    ],
    [
      'fr',
      'Recherche intervenant – Mautic Lille',
      'Pour notre rencontre du premier mardi du mois, on cherche un retour d’expérience.',
    ],
    [
      'es',
      'Buscamos ponentes – Mautic Valencia',
      'Para el encuentro del primer jueves de cada mes buscamos una charla.',
    ],
    [
      'pt',
      'Procura-se orador – Mautic Braga',
      'Para o encontro da primeira quinta-feira de cada mês procuramos uma palestra.',
    ],
    ['it', 'Cerchiamo speaker – Mautic Verona', "Per l'incontro del primo giovedì del mese cerchiamo un talk."],
    [
      'nl',
      'Spreker gezocht – Mautic Arnhem',
      'Voor de bijeenkomst van elke eerste dinsdag van de maand zoeken we een talk.',
    ],
    ['pl', 'Szukamy prelegentów – Mautic Poznań', 'Na spotkanie w pierwszy wtorek miesiąca szukamy prelekcji.'],
  ],
};

describe('which threads are proposals: each kind in every language', () => {
  for (const [groups, expected] of [
    [PROPOSALS, true],
    [OTHERS, false],
  ] as const)
    for (const [kind, rows] of Object.entries(groups))
      describe(kind, () => {
        it('has threads in all eight languages', () => {
          const languages = new Set(rows.map(([language]) => language));
          for (const language of LANGUAGES) expect(languages.has(language), `${kind} in ${language}`).to.equal(true);
        });
        for (const [language, title, post] of rows)
          it(`${language}: ${JSON.stringify(title)} / ${JSON.stringify(post)} → ${expected ? 'a proposal' : 'none'}`, () =>
            expect(taken(title, post)).to.equal(expected));
      });

  it('the meetup tag makes any thread a proposal, even one whose title says it is a job offer', () => {
    const view = thread('Hiring: Mautic consultant', [[jana, 'Full time.']], { tags: ['meetup'] });
    expect(isProposal(view, { rules: rules.config, compiled: rules })).to.equal(true);
  });
});
