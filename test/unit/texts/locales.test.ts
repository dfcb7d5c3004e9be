import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/config/env.js';
import { catalogOf } from '../../../src/config/locales.js';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { translator } from '../../../src/texts/catalog.js';

const LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt'];
const DEFAULT_FILE = join(process.cwd(), 'config/default.json');

/**
 * A community's rules file that extends the default and adds a languages folder holding
 * the given files, loaded as the service loads it.
 */
function withLanguages(files: Record<string, unknown>, rules: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'languages-'));
  mkdirSync(join(dir, 'languages'));
  writeFileSync(join(dir, 'rules.json'), JSON.stringify({ extends: DEFAULT_FILE, languages: 'languages', ...rules }));
  for (const [name, data] of Object.entries(files)) {
    if (name.includes('/')) mkdirSync(join(dir, 'languages', name.split('/')[0]!), { recursive: true });
    writeFileSync(join(dir, 'languages', name), typeof data === 'string' ? data : JSON.stringify(data));
  }
  try {
    return loadRulesConfig(join(dir, 'rules.json'));
  } finally {
    rmSync(dir, { recursive: true });
  }
}

describe('the texts of the language files', () => {
  it('every language of config/languages has texts, and lacks no English key', () => {
    const catalog = catalogOf(loadRulesConfig('config/default.json'));
    expect([...catalog.messages.keys()].sort()).to.deep.equal(LANGUAGES);
    // Lists every key a language lacks: each falls back to English until it is translated.
    expect(catalog.missing).to.deep.equal(Object.fromEntries(LANGUAGES.filter((l) => l !== 'en').map((l) => [l, []])));
  });

  it('a community adds a language by adding one folder, word lists and texts; what it lacks is written in English', () => {
    const rules = withLanguages({
      'sv/reading.json': { interest: { phrases: ['jag är med'] } },
      'sv/messages.json': { meta: { locale: 'sv-SE' }, status: { heading: '**Checklista för träffen**' } },
    });
    expect(rules.interest.phrases.sv).to.deep.equal(['jag är med']);
    const catalog = catalogOf(rules);
    expect(catalog.missing.sv).to.include('status.withdrawn').and.not.include('status.heading');
    const sv = translator(catalog, 'sv');
    expect(sv.t('status.heading')).to.equal('**Checklista för träffen**');
    expect(sv.t('value.online')).to.equal('online');
    expect(sv.locale).to.equal('sv-SE');
  });

  it('a rules file may replace one message of a language', () => {
    const rules = withLanguages({}, { texts: { messages: { de: { status: { heading: '**Unsere Checkliste**' } } } } });
    const de = translator(catalogOf(rules), 'de');
    expect(de.t('status.heading')).to.equal('**Unsere Checkliste**');
    expect(de.t('value.online')).to.equal('online');
  });

  it('a rules file may replace one English message without an argument the other languages use', () => {
    // The German About text uses {online}; the English one replaced here does not, and that is no error.
    const intro = 'The official {community} meetup of {region}.';
    const rules = withLanguages({}, { texts: { messages: { en: { about: { intro } } } } });
    const en = translator(catalogOf(rules), 'en', { community: 'Acme' });
    expect(en.t('about.intro', { region: 'Berlin', online: 'no' })).to.equal('The official Acme meetup of Berlin.');
  });

  it('refuses an argument a message is not passed, naming the file, the key and the arguments it is passed', () => {
    expect(() => withLanguages({}, { texts: { messages: { de: { about: { intro: 'Das Treffen in {stadt}.' } } } } }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(
        /about\.intro in .*rules\.json uses \{stadt\}, which is not passed to it; about\.intro is passed \{community\}, \{meetupsCategory\}, \{online\}, \{portal\}, \{region\}, \{watchedCategory\}\. Fix: use only those$/,
      );
    expect(() => withLanguages({ 'xx/messages.json': { status: { nextDates: 'Dates: {dates} {when}' } } }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/status\.nextDates in .*xx[/\\]messages\.json uses \{when\}/);
  });

  it('no message of any language names Mautic: the community is an argument of every message', () => {
    const catalog = catalogOf(loadRulesConfig('config/default.json'));
    for (const [language, messages] of catalog.messages)
      for (const [key, message] of Object.entries(messages))
        expect(message, `${language} ${key}`).not.to.match(/mautic/i);
  });

  const refused: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'a key English does not have',
      { 'xx/messages.json': { status: { headline: 'x' } } },
      /messages of language xx .*: unknown keys status\.headline/,
    ],
    [
      'a message that is no ICU',
      { 'xx/messages.json': { status: { heading: '{broken' } } },
      /messages of language xx: status\.heading in .*xx[/\\]messages\.json: not an ICU message/,
    ],
    [
      'an argument English does not pass',
      { 'xx/messages.json': { status: { nextDates: 'Dates: {dates} {when}' } } },
      /uses \{when\}/,
    ],
    [
      'a value that is no text',
      { 'xx/messages.json': { status: { heading: 3 } } },
      /xx[/\\]messages\.json: status\.heading/,
    ],
    ['a file that is no JSON', { 'xx/reading.json': '{' }, /reading\.json is not valid JSON/],
    ['a language file of the old layout', { 'xx.json': '{}' }, /a language is a folder/],
  ];
  for (const [what, files, message] of refused) {
    it(`refuses ${what}, naming the file and the key`, () => {
      expect(() => withLanguages(files))
        .to.throw(ConfigError)
        .with.property('message')
        .that.matches(message);
    });
  }

  it('refuses a forum language without texts, naming the setting', () => {
    expect(() => withLanguages({ 'sv/reading.json': {} }, { texts: { defaultLanguage: 'sv' } }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/texts\.defaultLanguage: "sv" has no messages \(languages\/<code>\/messages\.json\)/);
  });

  it('plural messages take each language’s forms: Polish has three', () => {
    const catalog = catalogOf(loadRulesConfig('config/default.json'));
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
