import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { firstPostEvaluation } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const region = (title: string, post = 'Hallo!') => firstPostEvaluation(post, rules, { title }).checklist.region;

type Row = [language: string, title: string, expected: string];

const table = (rows: readonly Row[]) => {
  for (const [language, title, expected] of rows)
    it(`${language}: ${JSON.stringify(title)} → ${expected}`, () => expect(region(title).value).to.equal(expected));
};

describe('region kinds: a title names its place among other words', () => {
  table([
    ['en', 'Starting a Mautic meetup in Norwich, Norfolk', 'Norwich'],
    ['en', 'Swindon Mautic meetup – proposal', 'Swindon'],
    ['en', "Kendal Mautic users - let's meet up", 'Kendal'],
    ['de', 'Mautic-Gruppe Mannheim gründen?', 'Mannheim'],
    ['de', 'Vorschlag: offizielle Mautic-Runde für Heidelberg', 'Heidelberg'],
    ['de', 'Mautic-Stammtisch Wernigerode – Vorschlag', 'Wernigerode'],
    ['fr', "Création d'un groupe Mautic à Orléans", 'Orléans'],
    ['fr', 'Officialiser le groupe Mautic Poitiers', 'Poitiers'],
    ['fr', 'Groupe Mautic Cholet – proposition', 'Cholet'],
    ['es', 'Propuesta: grupo oficial de Mautic en Salamanca', 'Salamanca'],
    ['es', '¿Montamos el grupo Mautic Cádiz?', 'Cádiz'],
    ['es', 'Grupo Mautic Ponferrada – propuesta', 'Ponferrada'],
    ['pt', 'Proposta: grupo oficial de Mautic em Sorocaba', 'Sorocaba'],
    ['pt', 'Criar o grupo Mautic Londrina', 'Londrina'],
    ['pt', 'Grupo Mautic Viana do Castelo – alguém topa?', 'Viana do Castelo'],
    ['it', 'Proposta: gruppo ufficiale Mautic Ancona', 'Ancona'],
    ['it', 'Nasce il gruppo Mautic Livorno?', 'Livorno'],
    ['it', 'Gruppo Mautic Cremona – richiesta', 'Cremona'],
    ['nl', 'Voorstel: Mautic-groep Tilburg opstarten', 'Tilburg'],
    ['nl', 'Interesse in een Mautic-meetup in Enschede?', 'Enschede'],
    ['nl', 'Mautic Harderwijk – wie doet mee?', 'Harderwijk'],
    ['pl', 'Oficjalna grupa Mautic Sosnowiec – kto chętny?', 'Sosnowiec'],
    ['pl', 'Propozycja: grupa Mautic Legnica', 'Legnica'],
    ['pl', 'Mautic Kętrzyn – zakładamy grupę', 'Kętrzyn'],
  ]);

  it('names of one place in two languages: the first', () => {
    expect(region('Mautic Biel / Bienne').value).to.equal('Biel');
  });
  it('two towns joined as one region', () => {
    expect(region('Mautic Meetup Bristol & Bath').value).to.equal('Bristol & Bath');
  });
  it('a title without a place names none', () => {
    expect(region('Who would come along to a Mautic meetup?').status).to.equal('missing');
  });
});

describe('region kinds: a place in another case is named in the nominative', () => {
  table([
    ['pl', 'Mautic w Rzeszowie', 'Rzeszów'],
    ['pl', 'Spotkania Mautic w Toruniu', 'Toruń'],
    ['pl', 'Mautic w Siedlcach', 'Siedlce'],
    ['pl', 'Mautic w Elblągu', 'Elbląg'],
    ['pl', 'Mautic we Włocławku', 'Włocławek'],
    ['pl', 'Grupa Mautic w Gdyni', 'Gdynia'],
    ['pl', 'Mautic w Bydgoszczy', 'Bydgoszcz'],
    ['pl', 'Mautic w Zielonej Górze', 'Zielona Góra'],
    ['pl', 'Mautic w Nowym Sączu', 'Nowy Sącz'],
    // Not a known town: the case's likeliest nominative.
    ['pl', 'Mautic w Kętrzynie', 'Kętrzyn'],
    ['pl', 'Mautic na Kaszubach', 'Kaszuby'],
    ['pl', 'Mautic na Pomorzu', 'Pomorze'],
    ['pl', 'Mautic na Warmii', 'Warmia'],
    // An adjective of the town: known towns only.
    ['pl', 'Poznańska grupa Mautic', 'Poznań'],
    ['de', 'Kölner Mautic-Stammtisch', 'Köln'],
    ['de', 'Münchner Mautic-Runde', 'München'],
    ['nl', 'Amsterdamse Mautic-borrel', 'Amsterdam'],
  ]);

  const prose: Array<[string, string, string]> = [
    ['pl', 'Cześć! Chcemy zorganizować spotkania Mautic w Szczecinie.', 'Szczecin'],
    ['pl', 'Jesteśmy z Torunia i chcemy zacząć spotkania.', 'Toruń'],
    ['pl', 'Chętnie zorganizuję spotkanie w Trojmiescie (bez polskich znaków).', 'Trojmiasto'],
  ];
  for (const [language, post, expected] of prose)
    it(`${language} in prose: ${JSON.stringify(post)} → ${expected}`, () =>
      expect(region('', post).value).to.equal(expected));
});

describe('region kinds: a region that is no town, after a preposition or alone', () => {
  table([
    ['en', 'Mautic users in the Lake District?', 'Lake District'],
    ['en', 'Mautic Meetup for the Bay Area', 'Bay Area'],
    ['de', 'Mautic im Allgäu', 'Allgäu'],
    ['de', 'Mautic-Gruppe Rhein-Neckar', 'Rhein-Neckar'],
    ['fr', 'Des utilisateurs de Mautic en Alsace ?', 'Alsace'],
    ['fr', 'Groupe Mautic Pays Basque (Bayonne)', 'Pays Basque'],
    ['es', 'Grupo Mautic en la Costa Brava', 'Costa Brava'],
    ['es', 'Mautic Cantabria – ¿nos juntamos?', 'Cantabria'],
    ['pt', 'Grupo local no Alentejo?', 'Alentejo'],
    ['pt', 'Grupo Mautic Vale do Paraíba', 'Vale do Paraíba'],
    ['it', 'Qualcuno per un gruppo Mautic nelle Langhe?', 'Langhe'],
    ['it', 'Gruppo Mautic Maremma', 'Maremma'],
    ['nl', 'Mautic in de Betuwe', 'Betuwe'],
    ['nl', 'Mautic Zeeland – wie doet mee?', 'Zeeland'],
    ['pl', 'Mautic Kujawy – kto chętny?', 'Kujawy'],
  ]);

  it('a month after a preposition is no place', () => {
    expect(region('Mautic-Treffen im März?').status).to.equal('missing');
  });
});

describe('region kinds: a whole country is no region', () => {
  const rows: Array<[string, string]> = [
    ['en', 'Mautic Meetup Ireland'],
    ['en', 'A Dutch Mautic user group?'],
    ['de', 'Mautic-Stammtisch Österreich'],
    ['fr', 'Un groupe Mautic pour la Belgique ?'],
    ['es', 'Grupo Mautic España'],
    ['pt', 'Grupo Mautic Portugal'],
    ['it', 'Gruppo Mautic Italia'],
    ['nl', 'Mautic-groep Nederland'],
    ['pl', 'Grupa Mautic Polska'],
  ];
  for (const [language, title] of rows)
    it(`${language}: ${JSON.stringify(title)} → a country`, () => {
      const r = region(title);
      expect(r.status).to.equal('blocked');
      expect(r.reason).to.deep.equal({ code: 'country' });
    });
});

describe('region kinds: where someone lives or works is not the region when the group is for another town', () => {
  const rows: Array<[string, string, string]> = [
    ['en', 'We live in Gateshead, but the meetup would be in Sunderland.', 'Sunderland'],
    ['en', 'I work near Leeds, and the group would meet in Harrogate.', 'Harrogate'],
    ['de', 'Ich wohne in Offenbach, aber das Treffen soll in Darmstadt stattfinden.', 'Darmstadt'],
    ['fr', "J'habite à Villeurbanne, mais les rencontres auraient lieu à Grenoble.", 'Grenoble'],
    ['es', 'Vivo en Getafe, pero los encuentros serían en Toledo.', 'Toledo'],
    ['pt', 'Moro em Guarulhos, mas os encontros seriam em Campinas.', 'Campinas'],
    ['it', 'Abito a Monza, ma gli incontri sarebbero a Bergamo.', 'Bergamo'],
    ['nl', 'Ik woon in Zaandam, maar de bijeenkomsten zouden in Haarlem zijn.', 'Haarlem'],
    ['pl', 'Mieszkam w Gliwicach, ale spotkania byłyby w Katowicach.', 'Katowice'],
    // The only town named: where the writer works is the group's too.
    ['de', 'Ich arbeite in Wuppertal und möchte hier eine Gruppe gründen.', 'Wuppertal'],
  ];
  for (const [language, post, expected] of rows)
    it(`${language}: ${JSON.stringify(post)} → ${expected}`, () => expect(region('', post).value).to.equal(expected));

  const nearest: Array<[string, string, string]> = [
    ['en', 'Mautic Meetup Kilkenny (nearest city: Waterford)', 'Kilkenny'],
    ['de', 'Mautic-Stammtisch Gummersbach (nächste größere Stadt: Köln)', 'Gummersbach'],
    ['fr', 'Groupe Mautic Vannes (grande ville la plus proche : Rennes)', 'Vannes'],
    ['es', 'Grupo Mautic Ourense (ciudad más cercana: Vigo)', 'Ourense'],
    ['pt', 'Grupo Mautic Aveiro (cidade grande mais próxima: Porto)', 'Aveiro'],
    ['it', 'Gruppo Mautic Lecco (città più vicina: Milano)', 'Lecco'],
    ['nl', 'Mautic Deventer (dichtstbijzijnde grote stad: Zwolle)', 'Deventer'],
    ['pl', 'Mautic Tarnów (najbliższe duże miasto: Kraków)', 'Tarnów'],
  ];
  for (const [language, title, expected] of nearest)
    it(`${language}, the nearest big city aside: ${JSON.stringify(title)} → ${expected}`, () =>
      expect(region(title).value).to.equal(expected));
});

describe('region kinds: the region the group is for wins over the town of its venue’s address', () => {
  const rows: Array<[string, string, string, string]> = [
    ['de', 'Mautic Ruhrgebiet', 'Ort: Büro der Agentur Nord, Hauptstraße 5, 44787 Bochum', 'Ruhrgebiet'],
    ['en', 'Mautic Meetup West Midlands', 'Location: Acme office, 12 Broad Street, Birmingham', 'West Midlands'],
    ['fr', 'Groupe Mautic Côte Basque', "Lieu : bureaux de l'agence Sud, 12 rue du Port, 64100 Bayonne", 'Côte Basque'],
  ];
  for (const [language, title, post, expected] of rows)
    it(`${language}: ${JSON.stringify(title)} with ${JSON.stringify(post)} → ${expected}`, () =>
      expect(region(title, post).value).to.equal(expected));
  it('the address names the region when the title names none', () => {
    expect(region('Mautic Meetup?', 'Ort: Büro der Agentur Nord, Hauptstraße 5, 44787 Bochum').value).to.equal(
      'Bochum',
    );
  });
});

describe('region kinds: a region line names its town, not the words about it', () => {
  const rows: Array<[string, string, string]> = [
    ['en', 'Region: Leeds and surrounding area', 'Leeds'],
    ['de', 'Stadt: Köln und Umgebung', 'Köln'],
    ['fr', 'Ville : Nantes et sa métropole', 'Nantes'],
    ['es', 'Ciudad: Sevilla y alrededores', 'Sevilla'],
    ['pt', 'Cidade: Lisboa e arredores', 'Lisboa'],
    ['it', 'Città: Bologna e dintorni', 'Bologna'],
    ['nl', 'Stad: Utrecht en omgeving', 'Utrecht'],
    ['pl', 'Miasto: Kraków i okolice', 'Kraków'],
    // Another town after it: the line names both.
    ['de', 'Stadt: Köln und Bonn', 'Köln und Bonn'],
  ];
  for (const [language, post, expected] of rows)
    it(`${language}: ${JSON.stringify(post)} → ${expected}`, () =>
      expect(region('Mautic Meetup', post).value).to.equal(expected));

  const places: Array<[string, string, string]> = [
    ['de', 'Ort: das Hafenhaus (noch offen)', 'Passau'],
    ['fr', 'Où : encore à définir', 'Pau'],
    ['it', 'Dove: ancora da definire', 'Treviso'],
  ];
  for (const [language, post, town] of places)
    it(`${language}: a place line that names no town, "${post}", leaves the title's ${town}`, () =>
      expect(region(`Mautic ${town}`, post).value).to.equal(town));
});
