import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/config/env.js';
import { loadLocales } from '../../../src/config/locales.js';
import { translator } from '../../../src/texts/catalog.js';

const LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt'];

/** A folder with English and the given files, for one test. */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  writeFileSync(join(dir, 'en.json'), readFileSync('config/locales/en.json'));
  for (const [name, data] of Object.entries(files))
    writeFileSync(join(dir, name), typeof data === 'string' ? data : JSON.stringify(data));
  return dir;
}

describe('locale files', () => {
  it('are found in config/locales, one per language, and lack no English key', () => {
    const catalog = loadLocales('config/locales');
    expect([...catalog.messages.keys()].sort()).to.deep.equal(LANGUAGES);
    // Lists every key a language lacks: each falls back to English until it is translated.
    expect(catalog.missing).to.deep.equal(Object.fromEntries(LANGUAGES.filter((l) => l !== 'en').map((l) => [l, []])));
  });

  it('a community adds a language by adding one file; what it lacks is written in English', () => {
    const dir = folder({ 'sv.json': { meta: { locale: 'sv-SE' }, status: { heading: '**Checklista för träffen**' } } });
    try {
      const catalog = loadLocales(dir);
      expect(catalog.missing.sv).to.include('status.withdrawn').and.not.include('status.heading');
      const sv = translator(catalog, 'sv');
      expect(sv.t('status.heading')).to.equal('**Checklista för träffen**');
      expect(sv.t('value.online')).to.equal('online');
      expect(sv.locale).to.equal('sv-SE');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  const refused: Array<[string, Record<string, unknown>, string]> = [
    ['a key English does not have', { 'xx.json': { status: { headline: 'x' } } }, 'unknown keys status.headline'],
    [
      'a message that is no ICU',
      { 'xx.json': { status: { heading: '{broken' } } },
      'status.heading: not an ICU message',
    ],
    [
      'an argument English does not pass',
      { 'xx.json': { status: { nextDates: 'Dates: {dates} {when}' } } },
      'uses {when}',
    ],
    ['a value that is no text', { 'xx.json': { status: { heading: 3 } } }, 'status.heading'],
    ['a file that is no JSON', { 'xx.json': '{' }, 'not readable JSON'],
    ['a file not named for a language', { 'German.json': {} }, 'name it <language>.json'],
  ];
  for (const [what, files, message] of refused) {
    it(`refuses ${what}, naming it`, () => {
      const dir = folder(files);
      try {
        expect(() => loadLocales(dir))
          .to.throw(ConfigError)
          .with.property('message')
          .that.includes(message);
      } finally {
        rmSync(dir, { recursive: true });
      }
    });
  }

  it('plural messages take each language’s forms: Polish has three', () => {
    const catalog = loadLocales('config/locales');
    const pl = translator(catalog, 'pl');
    const more = (n: number) => pl.t('list.more', { count: n });
    expect([1, 2, 5, 22, 25].map(more)).to.deep.equal([
      '1 inna osoba',
      '2 inne osoby',
      '5 innych osób',
      '22 inne osoby',
      '25 innych osób',
    ]);
    const en = translator(catalog, 'en');
    expect(
      [0, 1, 2].map((n) => en.t('reason.interest.moreNeeded', { count: n, needed: 2 - n || 1, countMeIn: 'x' })),
    ).to.satisfy(
      (texts: string[]) =>
        texts[0]!.startsWith('Nobody') && texts[1]!.startsWith('One person') && texts[2]!.startsWith('2 people'),
    );
  });
});
