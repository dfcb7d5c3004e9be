import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  entriesOnlyIn,
  evaluationOnlyEntries,
  languageEntries,
  nearDuplicates,
  setTexts,
} from '../support/evaluation-check.js';
import { labelledReplies, labelledSets, setPath } from '../support/interest-set.js';
import { labelledProposals } from '../support/proposal-set.js';

const sets = labelledSets();
const evaluation = [...sets.replies, ...sets.proposals].filter((s) => s.role === 'evaluation');

describe('the evaluation sets: still unseen (test/fixtures/sets.json, npm run check:evaluation)', () => {
  it('are the files recorded in docs/benchmarks.md, byte for byte', () => {
    const doc = readFileSync('docs/benchmarks.md', 'utf8');
    for (const s of evaluation) {
      const digest = createHash('sha256')
        .update(readFileSync(setPath(s)))
        .digest('hex');
      expect(doc, s.file)
        .to.include(`\`${setPath(s)}\``)
        .and.to.include(`\`${digest}\``);
    }
  });

  it('no entry of config/ matches evaluation rows and no hand-labelled tuning row: none was added for them', function () {
    this.timeout(120_000);
    // Only a count: which entries they are says something of the evaluation rows (npm run check:evaluation lists them).
    expect(evaluationOnlyEntries().length, 'entries of config/ that only evaluation rows use').to.equal(0);
  });

  it('no evaluation row has a near-duplicate in the tuning data (character trigrams, Jaccard 0.8 or more)', function () {
    this.timeout(60_000);
    expect(nearDuplicates(setTexts('evaluation'), setTexts('tuning')).length).to.equal(0);
  });

  it('hold at least 40 replies in each of the eight languages and Indian English', () => {
    for (const s of sets.replies.filter((x) => x.role === 'evaluation')) {
      const rows = labelledReplies(setPath(s));
      for (const language of ['en', 'en-IN', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'])
        expect(rows.filter((r) => r.language === language).length, `${s.file} ${language}`).to.be.at.least(40);
    }
  });

  it('hold at least 20 proposal posts in each of the eight languages', () => {
    for (const s of sets.proposals.filter((x) => x.role === 'evaluation')) {
      const rows = labelledProposals(setPath(s));
      for (const language of ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'])
        expect(rows.filter((r) => r.language === language).length, `${s.file} ${language}`).to.be.at.least(20);
    }
  });
});

describe('the checks of the evaluation sets can fail', () => {
  it('finds an entry that only an evaluation text uses, and not one a tuning text uses too', () => {
    const entries = languageEntries();
    const only = entriesOnlyIn(['Wir treffen uns in der Stadtbibliothek.'], ['Count me in!'], entries);
    expect(only.map((e) => e.entry)).to.include('stadtbibliothek');
    const shared = entriesOnlyIn(
      ['Wir treffen uns in der Stadtbibliothek.'],
      ['Die Stadtbibliothek hat Platz.'],
      entries,
    );
    expect(shared.map((e) => e.entry)).not.to.include('stadtbibliothek');
  });

  it('finds an entry that is a word\'s beginning ("commenc*") by the words that start so', () => {
    const entries = languageEntries();
    const only = entriesOnlyIn(['On commencerait le 5 mars.'], ['Count me in!'], entries);
    expect(only.map((e) => e.entry)).to.include('commenc*');
    const shared = entriesOnlyIn(['On commencerait le 5 mars.'], ['Ça commence bien.'], entries);
    expect(shared.map((e) => e.entry)).not.to.include('commenc*');
  });

  it('finds a near-duplicate however it is cased, accented, punctuated or spaced, and not a different reply', () => {
    const tuning = ['Ich bin dabei, klingt super!', 'Where is the venue?'];
    expect(nearDuplicates(['ich bin DABEI klingt súper'], tuning)).to.have.length(1);
    expect(nearDuplicates(['Bin leider nicht dabei, viel Spaß'], tuning)).to.have.length(0);
    // An emoji alone is its own reply: another emoji is no near-duplicate of it.
    expect(nearDuplicates(['🙋🏽‍♀️'], ['🙋'])).to.have.length(1);
    expect(nearDuplicates(['🙋'], ['👍'])).to.have.length(0);
  });
});
