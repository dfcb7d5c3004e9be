import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadRulesConfig, parseEnv, parseRulesConfig } from '../../src/config/index.js';
import { checkRole } from '../../src/service.js';

const base = {
  DISCOURSE_URL: 'https://forum.mautic.org/',
  DISCOURSE_API_KEY: 'k'.repeat(64),
  DISCOURSE_WEBHOOK_SECRET: 'a-secret-of-twelve',
};

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('applies the defaults of docs/spec/interface.md', () => {
    const env = parseEnv(base);
    expect(env.DISCOURSE_URL).to.equal('https://forum.mautic.org');
    expect(env.DISCOURSE_API_USERNAME).to.equal('system');
    expect(env.PORT).to.equal(3000);
    expect(env.DATA_DIR).to.equal('./data');
    expect(env.DRY_RUN).to.equal(false);
    expect(env.CONFIG_FILE).to.equal('config/default.json');
    expect(env.LOG_LEVEL).to.equal('info');
    expect(env.REDIS_URL).to.equal(undefined);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a missing forum URL', { ...base, DISCOURSE_URL: '' }, /^DISCOURSE_URL: required: the base URL of the forum/],
    [
      'a forum URL that is not http(s)',
      { ...base, DISCOURSE_URL: 'ftp://forum' },
      /^DISCOURSE_URL: expected an http\(s\) URL/,
    ],
    [
      'a missing API key',
      { DISCOURSE_URL: base.DISCOURSE_URL, DISCOURSE_WEBHOOK_SECRET: 'x'.repeat(12) },
      /^DISCOURSE_API_KEY: required/,
    ],
    [
      'a missing webhook secret',
      { DISCOURSE_URL: base.DISCOURSE_URL, DISCOURSE_API_KEY: 'k' },
      /^DISCOURSE_WEBHOOK_SECRET: required/,
    ],
    ['a port that is not a number', { ...base, PORT: 'eighty' }, /^PORT: expected a TCP port number/],
    [
      'a Redis URL of another scheme',
      { ...base, REDIS_URL: 'http://localhost:6379' },
      /^REDIS_URL: expected a redis:\/\//,
    ],
    [
      'a MongoDB URI of another scheme',
      { ...base, MONGODB_URI: 'postgres://x' },
      /^MONGODB_URI: expected a mongodb:\/\//,
    ],
    ['an unknown log level', { ...base, LOG_LEVEL: 'loud' }, /^LOG_LEVEL: expected one of/],
    [
      'a webhook secret the forum would refuse',
      { ...base, DISCOURSE_WEBHOOK_SECRET: 'eleven-char' },
      /^DISCOURSE_WEBHOOK_SECRET: the forum refuses secrets shorter than 12 characters/,
    ],
    [
      'a previous secret the forum would have refused',
      { ...base, DISCOURSE_WEBHOOK_SECRET_PREVIOUS: 'short' },
      /^DISCOURSE_WEBHOOK_SECRET_PREVIOUS: the forum refuses secrets shorter than 12 characters/,
    ],
    [
      'a public URL that is no URL',
      { ...base, PUBLIC_URL: 'companion.example.org' },
      /^PUBLIC_URL: expected an http\(s\) URL/,
    ],
    [
      'a public URL of another scheme',
      { ...base, PUBLIC_URL: 'ws://companion.example.org' },
      /^PUBLIC_URL: expected an http\(s\) URL/,
    ],
    ['a DRY_RUN that is not a boolean', { ...base, DRY_RUN: 'maybe' }, /^DRY_RUN: /],
  ];
  for (const [what, env, message] of bad) {
    it(`stops on ${what} with one line naming the variable`, () => {
      const text = errorOf(() => parseEnv(env));
      expect(text).to.match(message);
      expect(text).not.to.include('\n');
    });
  }

  it('names every broken variable in the same single line', () => {
    const text = errorOf(() => parseEnv({}));
    expect(text).to.include('DISCOURSE_URL').and.include('DISCOURSE_API_KEY').and.include('DISCOURSE_WEBHOOK_SECRET');
    expect(text).not.to.include('\n');
  });

  it('never echoes a secret value in its message', () => {
    const text = errorOf(() => parseEnv({ ...base, DISCOURSE_API_KEY: 'super-secret-key', PORT: 'x' }));
    expect(text).not.to.include('super-secret-key');
  });

  it('refuses a split web or worker process without MongoDB and Redis', () => {
    const env = parseEnv(base);
    expect(() => checkRole('all', env)).not.to.throw();
    expect(errorOf(() => checkRole('web', env))).to.match(/^MONGODB_URI: required to run the web process on its own/);
    expect(errorOf(() => checkRole('worker', { ...env, MONGODB_URI: 'mongodb://x' }))).to.match(/^REDIS_URL: required/);
    expect(() => checkRole('worker', { ...env, MONGODB_URI: 'mongodb://x', REDIS_URL: 'redis://x' })).not.to.throw();
  });

  describe('the rules file', () => {
    it('loads config/default.json with the watched and meetups categories of the guideline', () => {
      const rules = loadRulesConfig('config/default.json');
      expect(rules.forum.watchedCategory).to.equal('International - By Country');
      expect(rules.forum.meetupsCategory).to.equal('Mautic Meetups');
      expect(rules.interest.minPeople).to.equal(2);
      expect(rules.launchDate.minDaysAhead).to.equal(28);
      expect(Object.keys(rules.proposal.keywords)).to.include.members(['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl']);
    });

    it('fills every default for a partial file from another community', () => {
      const rules = parseRulesConfig({ forum: { watchedCategory: 12 } });
      expect(rules.forum.watchedCategory).to.equal(12);
      expect(rules.forum.meetupsCategory).to.equal('Mautic Meetups');
      expect(rules.interest.countFirstPostLikes).to.equal(true);
    });

    it("reads another community's file that extends the default: objects merge, lists replace", () => {
      const rules = loadRulesConfig('config/examples/another-community.json');
      const base = loadRulesConfig('config/default.json');
      expect(rules.forum).to.deep.include({
        watchedCategory: 'Local Groups',
        meetupsCategory: 'Chapters',
        approverGroups: ['community-team'],
        requestsPerMinute: 40,
      });
      expect(rules.forum.ignoredUsernames, 'unnamed keys come from the default').to.deep.equal(
        base.forum.ignoredUsernames,
      );
      expect(rules.proposal.keywords, 'a named list replaces the default one; other languages stay').to.deep.equal({
        ...base.proposal.keywords,
        en: ['meetup', 'chapter', 'user group', 'local group'],
        de: ['treffen', 'stammtisch', 'ortsgruppe'],
      });
      expect(rules.interest.phrases).to.deep.equal(base.interest.phrases);
      expect(rules.community).to.deep.equal({
        name: 'Kestrel',
        portal: { name: 'Kestrel Member Hub', url: 'https://members.kestrel.example' },
      });
      expect(rules.category.nameTemplate, "the community's name in the template").to.equal('Kestrel {region} Chapter');
      expect(rules.reconcile).to.deep.equal({ ...base.reconcile, intervalMinutes: 10 });
    });

    it('the community is one setting: its name goes into the category templates, and Mautic is its default', () => {
      const mautic = loadRulesConfig('config/default.json');
      expect(mautic.community.name).to.equal('Mautic');
      expect(mautic.category.nameTemplate).to.equal('Mautic Meetup {region}');
      const rules = parseRulesConfig({ community: { name: 'Acme', portal: null } });
      expect(rules.category).to.deep.include({
        nameTemplate: 'Acme Meetup {region}',
        onlineNameTemplate: 'Acme Meetup Online ({region})',
      });
      expect(rules.community.portal).to.equal(null);
    });

    it('"extends" takes a bare name from the shipped config/ wherever the file is, and a path relative to the file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
      // A copy of the example, anywhere: "default.json" is the shipped one.
      writeFileSync(join(dir, 'ours.json'), readFileSync('config/examples/another-community.json'));
      expect(loadRulesConfig(join(dir, 'ours.json')).forum.watchedCategory).to.equal('Local Groups');
      mkdirSync(join(dir, 'shared'));
      writeFileSync(
        join(dir, 'shared', 'base.json'),
        JSON.stringify({ extends: 'default.json', interest: { minPeople: 3 } }),
      );
      writeFileSync(join(dir, 'site.json'), JSON.stringify({ extends: './shared/base.json', reconcile: { pages: 2 } }));
      const site = loadRulesConfig(join(dir, 'site.json'));
      expect([site.interest.minPeople, site.reconcile.pages, site.forum.meetupsCategory]).to.deep.equal([
        3,
        2,
        'Mautic Meetups',
      ]);
    });

    it('refuses a file that extends itself, naming the loop', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
      writeFileSync(join(dir, 'a.json'), JSON.stringify({ extends: './b.json' }));
      writeFileSync(join(dir, 'b.json'), JSON.stringify({ extends: './a.json' }));
      expect(errorOf(() => loadRulesConfig(join(dir, 'a.json')))).to.match(
        /^CONFIG_FILE: .*b\.json extends itself through .*a\.json$/,
      );
    });

    it('adds a language from its folder in a languages folder, beside those of the default', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
      const defaultFile = join(process.cwd(), 'config/default.json');
      writeFileSync(join(dir, 'rules.json'), JSON.stringify({ extends: defaultFile, languages: 'languages' }));
      mkdirSync(join(dir, 'languages'));
      mkdirSync(join(dir, 'languages', 'sv'));
      writeFileSync(
        join(dir, 'languages', 'sv', 'reading.json'),
        JSON.stringify({
          interest: { phrases: ['jag är med'], negators: ['inte'] },
          template: { labels: { region: ['stad'] } },
          schedule: { weekdays: { FR: ['fredag'] } },
        }),
      );
      const rules = loadRulesConfig(join(dir, 'rules.json'));
      const base = loadRulesConfig('config/default.json');
      expect(rules.interest.phrases).to.deep.equal({ ...base.interest.phrases, sv: ['jag är med'] });
      expect(rules.interest.negators.sv).to.deep.equal(['inte']);
      expect(rules.template.labels.region).to.include('stad').and.include('regio');
      expect(rules.schedule.weekdays.FR).to.include('fredag').and.include('vendredi');
    });

    it('refuses a language file with a misspelt list, naming the file and the key', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
      writeFileSync(join(dir, 'rules.json'), JSON.stringify({ languages: 'languages' }));
      mkdirSync(join(dir, 'languages'));
      mkdirSync(join(dir, 'languages', 'sv'));
      writeFileSync(join(dir, 'languages', 'sv', 'reading.json'), JSON.stringify({ interest: { phrase: ['ja'] } }));
      expect(errorOf(() => loadRulesConfig(join(dir, 'rules.json')))).to.match(
        /^CONFIG_FILE: language file .*sv[/\\]reading\.json: interest\.phrase: no such setting$/,
      );
    });

    it('refuses a rules file with a misspelt setting, naming each, instead of using the default unsaid', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
      const defaultFile = join(process.cwd(), 'config/default.json');
      writeFileSync(
        join(dir, 'rules.json'),
        JSON.stringify({ extends: defaultFile, forum: { watchCategory: 'Local Groups' }, statusPosts: {} }),
      );
      expect(errorOf(() => loadRulesConfig(join(dir, 'rules.json')))).to.match(
        /^CONFIG_FILE .*rules\.json: forum\.watchCategory: no such setting; statusPosts: no such setting$/,
      );
    });

    it('refuses two words in a list read word by word, naming the entry', () => {
      // Read word by word, "sin embargo" would make "sin" a contrast word, and end every negation's reach at "sin".
      expect(errorOf(() => parseRulesConfig({ interest: { contrast: { es: ['pero', 'sin embargo'] } } }))).to.match(
        /interest\.contrast\.es\.1: "sin embargo" must be one word/,
      );
      expect(errorOf(() => parseRulesConfig({ interest: { speakers: { fr: ['peut-être'] } } }))).to.match(
        /interest\.speakers\.fr\.0: "peut-être" must be one word/,
      );
    });

    it('names the field of a malformed value', () => {
      expect(errorOf(() => parseRulesConfig({ interest: { minPeople: 'two' } }))).to.match(/interest\.minPeople/);
    });

    it('says which file is unreadable or not JSON', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
      expect(errorOf(() => loadRulesConfig(join(dir, 'missing.json')))).to.match(
        /^CONFIG_FILE: cannot read .*missing\.json \(ENOENT\)/,
      );
      writeFileSync(
        join(dir, 'broken.json'),
        '{\n  "forum": {\n    "watchedCategory": 55\n    "meetupsCategory": 7\n  }\n}',
      );
      expect(errorOf(() => loadRulesConfig(join(dir, 'broken.json')))).to.match(
        /^CONFIG_FILE: .*broken\.json is not valid JSON: a comma is missing at line 4, column 5\. Fix: correct it there/,
      );
      // Node's own message quotes the text, line breaks and all; this one is a single line.
      writeFileSync(join(dir, 'quoted.json'), '{\n  "forum": {\n    "watchedCategory": Local Groups\n  }\n}');
      const quoted = errorOf(() => loadRulesConfig(join(dir, 'quoted.json')));
      expect(quoted).to.match(
        /is not valid JSON: this is no JSON value \(a text needs double quotes\) at line 3, column 24\./,
      );
      expect(quoted).not.to.include('\n');
    });
  });
});
