import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules, evaluateChecklist } from '../../../src/rules/checklist.js';
import { regionKey } from '../../../src/rules/region.js';
import { cityLines, OUTPUT, placesFile } from '../../../scripts/places.js';
import { jana, thread } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const region = (line: string, meetups: string[]) =>
  evaluateChecklist(thread('Mautic Meetup?', [[jana, line]]), rules, {
    now: new Date('2026-11-24T12:00:00Z'),
    forumUrl: 'https://f',
    meetups: meetups.map((name, i) => ({ name, url: `https://f/c/${i}` })),
    countries: [],
    otherProposals: [],
    profiles: {},
  }).checklist.region;

describe('places: a town named in another language is the same town', () => {
  it('the names file is what npm run places makes of the installed GeoNames data', function () {
    this.timeout(60_000);
    expect(readFileSync(OUTPUT, 'utf8') === placesFile(cityLines()), `run npm run places`).to.equal(true);
  });

  const same: Array<[string, string]> = [
    ['München', 'Mautic Meetup Munich'],
    ['Muenchen', 'Mautic Meetup Munich'],
    ['Monaco di Baviera', 'Mautic Meetup München'],
    ['Köln', 'Mautic Meetup Cologne'],
    ['Cologne', 'Mautic Meetup Köln'],
    ['Wien', 'Mautic Meetup Vienna'],
    ['Vienne', 'Mautic Meetup Wien'],
    ['Lisboa', 'Mautic Meetup Lisbon'],
    ['Lissabon', 'Mautic Meetup Lisboa'],
    ['Warszawa', 'Mautic Meetup Warsaw'],
    ['Varsovia', 'Mautic Meetup Warszawa'],
    ['Praha', 'Mautic Meetup Prague'],
    ['Bruxelles', 'Mautic Meetup Brussels'],
    ['Brussel', 'Mautic Meetup Bruxelles'],
    ['Den Haag', 'Mautic Meetup The Hague'],
    ['Genève', 'Mautic Meetup Geneva'],
    ['Louvain', 'Mautic Meetup Leuven'],
    ['Milano', 'Mautic Meetup Milan'],
    ['Mailand', 'Mautic Meetup Milano'],
    ['Kraków', 'Mautic Meetup Cracow'],
    ['Nürnberg', 'Mautic Meetup Nuremberg'],
    ['Sevilla', 'Mautic Meetup Seville'],
    ['Antwerpen', 'Mautic Meetup Anvers'],
  ];
  for (const [proposed, existing] of same)
    it(`"Region: ${proposed}" is covered by an existing "${existing}"`, () => {
      const r = region(`Region: ${proposed}`, [existing]);
      expect(r.status).to.equal('blocked');
      expect(r.reason.code).to.equal('covered');
    });

  const different: Array<[string, string]> = [
    ['Leipzig', 'Mautic Meetup Berlin'],
    ['Frankfurt (Oder)', 'Mautic Meetup Stuttgart'],
    ['Porto', 'Mautic Meetup Lisbon'],
    ['Rotterdam', 'Mautic Meetup Den Haag'],
    ['Luxembourg', 'Mautic Meetup Brussels'],
  ];
  for (const [proposed, existing] of different)
    it(`"Region: ${proposed}" is not covered by "${existing}"`, () => {
      expect(region(`Region: ${proposed}`, [existing]).status).to.equal('met');
    });

  it('keeps the words after a town: "München Nord" is covered by Munich', () => {
    expect(regionKey('München Nord', rules.region)).to.equal(regionKey('Munich Nord', rules.region));
    expect(region('Region: München Nord', ['Mautic Meetup Munich']).status).to.equal('blocked');
  });
});

describe('places: a whole country is no region, in every language', () => {
  const countries = ['Deutschland', 'Allemagne', 'Alemania', 'Alemanha', 'Germania', 'Duitsland', 'Niemcy', 'Germany'];
  const more = [
    'España',
    'Spanien',
    'Hiszpania',
    'Países Bajos',
    'Nederland',
    'Polska',
    'Pologne',
    'Portugal',
    'Brasil',
  ];
  for (const name of [...countries, ...more])
    it(`"Region: ${name}" is blocked as a country`, () => {
      expect(region(`Region: ${name}`, []).reason.code).to.equal('country');
    });
  it('a city state is a town: "Region: Luxembourg" and "Singapore" are not blocked as countries', () => {
    expect(region('Region: Luxembourg', []).status).to.equal('met');
    expect(region('Region: Singapore', []).status).to.equal('met');
  });
});
