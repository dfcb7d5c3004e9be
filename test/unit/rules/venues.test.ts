import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { hasAddress, readVenue } from '../../../src/rules/venue.js';
import { firstPostEvaluation } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());

// Venue lines as people write them in each language: companies, compounds, inflections, possessives.
const ROWS: Array<[string, string, string]> = [
  ['en', 'office', "Our agency's meeting space, 3rd floor (confirmed)"],
  ['en', 'community_space', 'Manchester Central Library, room 2'],
  ['en', 'office', 'The coworking at Ziferblat'],
  ['en', 'office', 'Hosted at the Acme Ltd offices'],
  ['de', 'office', 'In den Räumen der Firma Blau GmbH, Hauptstr. 5'],
  ['de', 'office', 'Bei uns in der Agentur, 2. Stock'],
  ['de', 'office', 'Im Coworking Space "Basislager"'],
  ['de', 'community_space', 'Seminarraum der Hochschule München'],
  ['de', 'office', 'Unser Büro in der Altstadt'],
  ['de', 'community_space', 'Stadtbibliothek, Veranstaltungsraum'],
  ['de', 'office', 'Firmensitz von Acme, Konferenzbereich'],
  ['fr', 'office', 'Dans nos bureaux, 5 rue Victor Hugo'],
  ['fr', 'community_space', 'À la médiathèque municipale'],
  ['fr', 'office', 'Espace de coworking La Cantine'],
  ['fr', 'office', 'Chez Pixel (agence web), salle de réunion'],
  ['es', 'office', 'En las oficinas de Acme, planta 3'],
  ['es', 'office', 'En el coworking Impact Hub'],
  ['es', 'community_space', 'Biblioteca municipal, sala 2'],
  ['es', 'office', 'En nuestra empresa, calle Mayor 1'],
  ['pt', 'office', 'No escritório da Acme, 2º andar'],
  ['pt', 'office', 'No coworking Heden'],
  ['pt', 'community_space', 'Na biblioteca municipal'],
  ['pt', 'office', 'Na sede da nossa empresa'],
  ['it', 'office', 'Nei nostri uffici in via Roma 10'],
  ['it', 'office', 'Presso il coworking Talent Garden'],
  ['it', 'community_space', 'Biblioteca civica, sala conferenze'],
  ['it', 'office', 'Presso la sede della nostra azienda'],
  ['nl', 'office', 'Op ons kantoor aan de Oudegracht'],
  ['nl', 'office', 'In de coworkingruimte van Seats2meet'],
  ['nl', 'community_space', 'Openbare bibliotheek, zaal 1'],
  ['nl', 'office', 'Bij ons op het hoofdkantoor'],
  ['pl', 'office', 'W naszym biurze przy ul. Długiej 5'],
  ['pl', 'office', 'W przestrzeni coworkingowej Cowork Kraków'],
  ['pl', 'community_space', 'W bibliotece miejskiej, sala 3'],
  ['pl', 'office', 'W siedzibie firmy Acme'],
  ['en', 'bar', 'The Crown pub, upstairs room'],
  ['de', 'bar', 'In der Kneipe "Zum Anker"'],
  ['fr', 'bar', 'Au bar Le Comptoir'],
  ['es', 'bar', 'En el bar La Esquina'],
  ['pt', 'bar', 'No bar do Zé'],
  ['it', 'bar', 'Al pub The Shamrock'],
  ['nl', 'bar', 'In café De Zwaan (bruin café)'],
  ['pl', 'bar', 'W pubie Irish Corner'],
  // German and Dutch build compounds whose last part is the kind; a long first part counts too.
  ['de', 'bar', 'Eckkneipe am Markt'],
  ['de', 'community_space', 'Gemeindebibliothek Nord'],
  ['nl', 'office', 'Ons hoofdkantoor in Zwolle'],
  ['de', 'office', 'Coworkingspace Hafen'],
  // A company's legal form names its premises: an office.
  ['de', 'office', 'Bei der Blau GmbH, Hauptstraße 5'],
  ['en', 'office', 'Hosted by Acme Ltd, 12 Oxford Road'],
  ['es', 'office', 'En Acme S.L., calle Mayor 1'],
  ['it', 'office', 'Presso Acme S.r.l., via Roma 10'],
  ['nl', 'office', 'Bij Acme B.V. aan de Oudegracht'],
  ['pl', 'office', 'W Acme sp. z o.o., ul. Długa 5'],
  ['de', 'office', 'In unseren Agenturräumen'],
  // Short words are no part of a compound: Barcelona is no bar, a university no pub.
  ['es', 'office', 'Barcelona Activa coworking'],
  ['en', 'unknown', 'The Barbican Centre foyer'],
  // A meeting room is an office's when nothing else says; the place it is in decides otherwise.
  ['en', 'office', 'Conference room at Brightline Digital'],
  ['de', 'office', 'Besprechungsraum im 3. Stock'],
  ['fr', 'office', 'Salle de réunion, 2e étage'],
  ['es', 'office', 'Sala de reuniones de Acme'],
  ['pt', 'office', 'Sala de reuniões da Acme'],
  ['it', 'office', 'Sala riunioni della Acme'],
  ['nl', 'office', 'Vergaderzaal van Acme'],
  ['pl', 'office', 'Sala konferencyjna w Acme'],
  ['en', 'community_space', 'Meeting room 2, Central Library'],
  ['de', 'office', 'Coworking Space Hafen, Besprechungsraum'],
  // A hotel's kind cannot be told, whatever room in it; a town hall is no hotel.
  ['en', 'unknown', 'Hotel Indigo, meeting room 2'],
  ['de', 'unknown', 'Tagungshotel am See, Seminarraum'],
  ['fr', 'unknown', 'Salle Montcalm de l’Hôtel Le Concorde'],
  ['fr', 'community_space', 'Salle du conseil, hôtel de ville'],
  ['es', 'unknown', 'Hotel Palafox, sala de reuniones'],
  ['pt', 'unknown', 'Sala de eventos do Hotel Atlântico'],
  ['it', 'unknown', "Sala meeting dell'Hotel Roma"],
  ['nl', 'unknown', 'Vergaderzaal in het Van der Valk hotel'],
  ['pl', 'unknown', 'Sala w hotelu Diament'],
  // An elided article is no part of the word: "l'université", "dell'agenzia".
  ['fr', 'community_space', "Dans l'université, salle B12"],
  ['it', 'office', "Sala riunioni dell'agenzia Blu"],
  ['it', 'bar', "All'osteria del porto"],
  // A word's start is no compound: "confirm" holds no firm, "Wirtschaftsinformatik" no inn.
  ['en', 'unknown', 'The Forge (will confirm next week)'],
  ['de', 'community_space', 'Institut für Wirtschaftsinformatik, Seminarraum'],
];

describe('venue kinds: the words people use for offices, community spaces and bars, in every language', () => {
  for (const [language, kind, text] of ROWS)
    it(`${language}: ${JSON.stringify(text)} → ${kind}`, () => {
      expect(readVenue(text, rules.venue).kind).to.equal(kind);
    });
});

describe('venue: the kind of place decides, not a room in it', () => {
  const config = rules.config.venue;
  const first = (list: Record<string, string[]>, language: string) => list[language]![0]!;
  const languages = Object.keys(config.community);
  it('a community space stays one with a company word beside it, in every language ("library … my company")', () => {
    for (const language of languages) {
      const text = `${first(config.community, language)} ${first(config.office, language)}`;
      expect(readVenue(text, rules.venue).kind, `${language}: ${text}`).to.equal('community_space');
    }
  });
  it('a venue line that only says it is still to be found is a venue of no kind yet, still missing, in every language', () => {
    for (const language of languages)
      for (const unsure of config.unconfirmed[language] ?? []) {
        const venue = firstPostEvaluation(`Region: Leipzig\nVenue: ${unsure}`, rules).checklist.venue;
        expect(venue.reason.code, `${language}: ${unsure}`).to.equal('missing');
        expect(venue.kind, `${language}: ${unsure}`).to.equal('unknown');
      }
  });
  it('without a venue line or sentence, there is no venue at all', () => {
    const venue = firstPostEvaluation('Region: Leipzig\nWho is in?', rules).checklist.venue;
    expect(venue.reason.code).to.equal('missing');
    expect(venue.kind).to.equal(undefined);
  });
});

describe('venue: one address pattern, a street and its number or a postcode and a town (issue 33)', () => {
  const rows: Array<[string, string, boolean]> = [
    ['de', 'Bei Acme, Hauptstraße 5a', true],
    ['de', 'Agentur Blau, Lindenallee 12', true],
    ['de', '50667 Köln', true],
    ['nl', 'Kantoor aan de Oudegracht 12', true],
    ['nl', 'Lange Nieuwstraat 5', true],
    ['en', 'Acme Ltd, 12 Oxford Road', true],
    ['en', '221 Baker St', true],
    ['fr', 'Nos bureaux, 5 rue Victor Hugo', true],
    ['fr', '12bis, avenue Foch', true],
    ['es', 'Oficinas de Acme, Calle Mayor 1', true],
    ['es', 'C/ Pujades 100', true],
    ['es', 'Avenida de Mayo 100', true],
    ['pt', 'Rua Augusta, 25', true],
    ['pt', 'Praça da República 8', true],
    ['it', 'Via Roma, 10', true],
    ['it', 'Corso Vittorio Emanuele 12', true],
    ['pl', 'ul. Długa 5', true],
    ['pl', 'al. Jerozolimskie 100', true],
    // A word and a number is no address: a room, a version, a time, a count.
    ['en', 'Meeting room 2', false],
    ['en', 'We use Mautic 5', false],
    ['en', 'Thursday at 7', false],
    ['en', 'Announced via email 2 weeks before', false],
    ['de', 'Raum 105', false],
    ['pt', 'sala 85', false],
  ];
  for (const [language, text, expected] of rows)
    it(`${language}: ${JSON.stringify(text)} → ${expected ? 'an address' : 'none'}`, () =>
      expect(hasAddress(text)).to.equal(expected));

  it('a place line with an address is the venue and its town the region; without one, the region', () => {
    const values = (post: string) => firstPostEvaluation(post, rules).values;
    expect(values('Ort: Büro der Agentur Blau, Hauptstraße 5, 50667 Köln').venue?.value).to.equal(
      'Büro der Agentur Blau, Hauptstraße 5, 50667 Köln',
    );
    expect(values('Ort: Leipzig-Plagwitz').venue).to.equal(undefined);
  });
});
