import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import type { VenueKind } from '../../../src/rules/venue.js';
import { firstPostEvaluation } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'];
const venueOf = (post: string) => firstPostEvaluation(post, rules).checklist.venue;

type Row = [language: string, post: string, kind: VenueKind | null];

/** Where the group would meet, said in a first post's prose: each kind of saying it, in every language. */
const KINDS: Record<string, Row[]> = {
  'an office or its meeting room': [
    ['en', 'Our agency can host us in its meeting room on the second floor.', 'office'],
    ['de', 'Unsere Agentur stellt uns ihren Besprechungsraum zur Verfügung.', 'office'],
    ['fr', 'Notre agence nous prête sa salle de réunion le jeudi soir.', 'office'],
    ['es', 'Nuestra empresa nos cede la sala de reuniones los jueves.', 'office'],
    ['pt', 'A nossa empresa cede a sala de reuniões do escritório.', 'office'],
    ['it', 'La nostra azienda ci mette a disposizione la sala riunioni.', 'office'],
    ['nl', 'Ons bedrijf stelt de vergaderzaal ter beschikking.', 'office'],
    ['pl', 'Nasza firma udostępni nam salę konferencyjną.', 'office'],
  ],
  'a coworking space, an office': [
    ['en', 'We can meet at the coworking space on Mill Street, where I rent a desk.', 'office'],
    ['de', 'Wir dürfen den Coworking-Space am Hafen nutzen, dort habe ich einen Schreibtisch.', 'office'],
    ['fr', "On peut se réunir dans l'espace de coworking où je travaille.", 'office'],
    ['es', 'Podemos juntarnos en el coworking donde trabajo, tienen una sala libre.', 'office'],
    ['pt', 'Podemos usar a sala de eventos do coworking onde trabalhamos.', 'office'],
    ['it', 'Possiamo usare la sala eventi del coworking dove lavoro.', 'office'],
    ['nl', 'We kunnen terecht in de coworkingruimte waar ik een plek huur.', 'office'],
    ['pl', 'Możemy spotykać się w coworkingu, w którym mam biurko.', 'office'],
  ],
  'a library, a university or school room, a town hall, a community centre, a hackerspace': [
    ['en', 'The public library has offered us its community room for free.', 'community_space'],
    ['en', 'The university lets us use a lecture hall on Tuesday evenings.', 'community_space'],
    ['en', 'The hackerspace downtown is happy to host us.', 'community_space'],
    ['de', 'Die Stadtbibliothek bietet uns kostenlos einen Gruppenraum an.', 'community_space'],
    ['de', 'Im Rathaus können wir den kleinen Saal nutzen.', 'community_space'],
    ['fr', 'La médiathèque du quartier nous prête une salle gratuitement.', 'community_space'],
    ['fr', 'La mairie met une salle à disposition des associations.', 'community_space'],
    ['es', 'La biblioteca municipal nos presta una sala sin costo.', 'community_space'],
    ['es', 'El ayuntamiento nos deja un aula del centro cívico.', 'community_space'],
    ['pt', 'A biblioteca municipal empresta uma sala sem custo.', 'community_space'],
    ['pt', 'A universidade libera um auditório às quintas.', 'community_space'],
    ['it', 'La biblioteca civica ci concede una sala gratis.', 'community_space'],
    ['it', "L'università ci presta un'aula il mercoledì.", 'community_space'],
    ['nl', 'De bibliotheek geeft ons gratis een zaal.', 'community_space'],
    ['nl', 'In het buurthuis mogen we de grote zaal gebruiken.', 'community_space'],
    ['pl', 'Biblioteka miejska udostępnia nam salę za darmo.', 'community_space'],
    ['pl', 'Dom kultury użyczy nam sali.', 'community_space'],
  ],
  'a café, a brewery, a beer garden, a pub, a restaurant': [
    ['en', 'The Red Lion pub has said we can have the back room.', 'bar'],
    ['en', 'A café near the station has offered us its upstairs room.', 'bar'],
    ['de', 'Der Wirt vom Brauhaus am Markt lässt uns ins Hinterzimmer.', 'bar'],
    ['de', 'Wir treffen uns im Biergarten am See.', 'bar'],
    ['fr', 'Le patron du bar Le Zinc nous laisse l’étage le mardi.', 'bar'],
    ['fr', 'On se verrait à la brasserie de la gare.', 'bar'],
    ['es', 'La cervecería del puerto nos reserva su salón.', 'bar'],
    ['es', 'Nos vemos en el restaurante Los Amigos, al fondo tienen una sala.', 'bar'],
    ['pt', 'O dono da cervejaria deixa-nos usar o espaço dos fundos.', 'bar'],
    ['pt', 'Podemos nos encontrar no café da praça, que tem uma sala reservada.', 'bar'],
    ['it', 'Il titolare del birrificio ci lascia la saletta.', 'bar'],
    ['it', 'Ci vediamo al pub Il Trifoglio, hanno una sala sul retro.', 'bar'],
    ['nl', 'Bij brouwerij De Hop kunnen we terecht in de achterzaal.', 'bar'],
    ['nl', 'We komen samen in het café op de hoek.', 'bar'],
    ['pl', 'Właściciel pubu przy rynku oddaje nam salkę na zapleczu.', 'bar'],
    ['pl', 'Spotykalibyśmy się w browarze na Starówce.', 'bar'],
  ],
  'where the group met before is history, not the venue': [
    ['en', 'We used to meet at the Crown pub. This time the town hall lends us a room.', 'community_space'],
    [
      'de',
      'Früher saßen wir in einer Kneipe. Jetzt stellt uns die Volkshochschule einen Kursraum zur Verfügung.',
      'community_space',
    ],
    [
      'fr',
      "Jusqu'ici on se retrouvait au pub du coin. Désormais, l'université nous prête un amphi.",
      'community_space',
    ],
    [
      'es',
      'Hasta ahora quedábamos en una taberna del centro. Ahora la universidad nos cede un aula.',
      'community_space',
    ],
    ['pt', 'Até agora nos encontrávamos num bar do centro. Agora a biblioteca cede uma sala.', 'community_space'],
    ['it', "Finora ci trovavamo in un'osteria. Ora il municipio ci offre una sala.", 'community_space'],
    ['nl', 'Vroeger zaten we in een kroeg. Nu geeft de hogeschool ons een lokaal.', 'community_space'],
    ['pl', 'Wcześniej spotykaliśmy się w knajpie. Teraz uczelnia udostępni nam salę.', 'community_space'],
  ],
  'where someone works is not the venue when another sentence names one': [
    [
      'en',
      'I work at a small agency in Leeds. The central library has given us a room for the evenings.',
      'community_space',
    ],
    [
      'de',
      'Ich arbeite bei einer Agentur in Mainz. Die Hochschule stellt uns einen Hörsaal zur Verfügung.',
      'community_space',
    ],
    [
      'fr',
      'Je travaille dans une agence à Lille. La bibliothèque municipale nous accueille dans sa salle.',
      'community_space',
    ],
    ['es', 'Trabajo en una agencia de Bilbao. El centro cívico del barrio nos presta una sala.', 'community_space'],
    ['pt', 'Trabalho numa agência em Braga. A câmara municipal empresta-nos uma sala.', 'community_space'],
    ['it', "Lavoro in un'agenzia di Bari. La biblioteca comunale ci presta una sala.", 'community_space'],
    ['nl', 'Ik werk bij een bureau in Zwolle. De bibliotheek stelt een zaal ter beschikking.', 'community_space'],
    ['pl', 'Pracuję w firmie w Łodzi. Biblioteka udostępni nam salę.', 'community_space'],
  ],
  'a hotel, a place whose kind cannot be told': [
    ['en', 'A hotel near the station has offered us a conference room.', 'unknown'],
    ['de', 'Ein Hotel am Bahnhof würde uns einen Tagungsraum überlassen.', 'unknown'],
    ['fr', 'Un hôtel du centre nous offre une salle de séminaire.', 'unknown'],
    ['es', 'Un hotel del centro nos ofrece un salón a buen precio.', 'unknown'],
    ['pt', 'Um hotel perto da estação oferece uma sala de eventos.', 'unknown'],
    ['it', 'Un hotel in centro ci offre una sala conferenze.', 'unknown'],
    ['nl', 'Een hotel bij het station biedt ons een vergaderzaal aan.', 'unknown'],
    ['pl', 'Hotel w centrum zaproponował nam salę.', 'unknown'],
  ],
  'a venue still to be found, one of no kind yet': [
    ['en', "We haven't found a venue yet, we'll find something.", 'unknown'],
    ['de', 'Einen Raum suchen wir noch.', 'unknown'],
    ['fr', 'Pour le lieu, on cherche encore une salle.', 'unknown'],
    ['es', 'Todavía no tenemos sitio, pero encontraremos algo.', 'unknown'],
    ['pt', 'Ainda estamos a ver o espaço.', 'unknown'],
    ['it', 'La sede è ancora da definire.', 'unknown'],
    ['nl', 'Een plek zoeken we nog.', 'unknown'],
    ['pl', 'Miejsca jeszcze szukamy.', 'unknown'],
  ],
  'no venue spoken of at all': [
    ['en', 'Looking forward to meeting everyone!', null],
    ['de', 'Ich freue mich auf euch!', null],
    ['fr', 'Au plaisir de vous voir !', null],
    ['es', '¡Hasta pronto!', null],
    ['pt', 'Até breve!', null],
    ['it', 'A presto!', null],
    ['nl', 'Tot snel!', null],
    ['pl', 'Do zobaczenia!', null],
  ],
};

describe('venue: the sentence of the first post that says where the group would meet, each kind in every language', () => {
  for (const [kind, rows] of Object.entries(KINDS))
    describe(kind, () => {
      it('has sentences in all eight languages', () => {
        const languages = new Set(rows.map(([language]) => language));
        for (const language of LANGUAGES) expect(languages.has(language), `${kind} in ${language}`).to.equal(true);
      });
      for (const [language, post, expected] of rows)
        it(`${language}: ${JSON.stringify(post)} → ${expected}`, () => {
          expect(venueOf(post).kind ?? null).to.equal(expected);
        });
    });

  it('reads an office and a community space as met, a bar as blocked, an unknown kind as missing', () => {
    expect(venueOf('Our agency can host us in its meeting room.').status).to.equal('met');
    expect(venueOf('The public library has offered us a room.').status).to.equal('met');
    expect(venueOf('The Red Lion pub has offered us the back room.').status).to.equal('blocked');
    expect(venueOf('A hotel near the station has offered us a room.').status).to.equal('missing');
    expect(venueOf("We haven't found a venue yet, we'll find something.").status).to.equal('missing');
  });
});
