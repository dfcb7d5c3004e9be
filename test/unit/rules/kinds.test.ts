import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { interestLexicon, postStance } from '../../../src/rules/reply-rules.js';
import { grammarCases, KIND_CASES } from '../../support/kind-cases.js';

const config = loadRulesConfig('config/default.json');
const lex = interestLexicon(config.interest);
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'];

describe('interest: kinds of language, in every language where the kind exists', () => {
  const kinds = [...new Set(KIND_CASES.map((c) => c.kind))];
  for (const kind of kinds) {
    describe(kind, () => {
      it('has sentences in all eight languages', () => {
        const languages = new Set(KIND_CASES.filter((c) => c.kind === kind).map((c) => c.language));
        for (const language of LANGUAGES) expect(languages.has(language), `${kind} in ${language}`).to.equal(true);
      });
      for (const c of KIND_CASES.filter((x) => x.kind === kind)) {
        it(`${c.language}: ${JSON.stringify(c.text)} → ${c.expected}`, () => {
          const got = postStance(c.text, lex);
          if (c.expected === 'not interest') expect(got).not.to.equal('interest');
          else expect(got).to.equal(c.expected);
        });
      }
    });
  }
});

describe('interest: every form the paradigms build, in a sentence, negated, and asked', () => {
  const cases = grammarCases(config);
  it('covers imperatives, count-on forms and "me too" forms in every language', () => {
    for (const kind of ['imperative', 'countOn', 'meToo'] as const)
      for (const language of LANGUAGES)
        expect(
          cases.some((c) => c.kind === kind && c.language === language),
          `${kind} in ${language}`,
        ).to.equal(true);
  });
  it('reads each form as interest, and the negated or asked one not', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      if (postStance(c.yes, lex) !== 'interest') wrong.push(`${c.language} ${c.kind}: ${JSON.stringify(c.yes)}`);
      if (postStance(c.no, lex) === 'interest') wrong.push(`${c.language} ${c.kind}: ${JSON.stringify(c.no)}`);
    }
    expect(wrong).to.deep.equal([]);
  });
});

describe('interest: withdrawals and other senses the paradigms pair, built from each language file', () => {
  const grammar = config.interest.grammar;
  it('reads every verb of stepping back with each of its complements as a withdrawal ("take my name off", "Zusage zurückziehen")', () => {
    const wrong: string[] = [];
    let seen = 0;
    for (const [language, g] of Object.entries(grammar))
      for (const pair of g.refusalPairs ?? [])
        for (const verb of pair.verbs)
          for (const object of pair.objects) {
            const text = `${verb} ${object.replace(/ \$$/, '')}.`;
            seen++;
            if (postStance(text, lex) !== 'withdrawal') wrong.push(`${language}: ${JSON.stringify(text)}`);
          }
    expect(seen).to.be.above(100);
    expect(wrong).to.deep.equal([]);
  });

  it('reads a first-person attendance verb followed by a preposition of origin as where the writer is from, not as coming', () => {
    const wrong: string[] = [];
    const languages = Object.entries(grammar).filter(([, g]) => g.origins);
    expect(languages.map(([l]) => l)).to.include.members(['en', 'de', 'fr', 'es', 'it', 'nl']);
    for (const [language, g] of languages) {
      const speaker = config.interest.speakers[language]![0]!;
      for (const verb of g.origins!.verbs)
        for (const from of g.origins!.particles) {
          // With the writer as subject, the verb alone says they come; with the origin, it does not.
          const text = `${speaker} ${verb} ${from} Dresden.`;
          if (postStance(text, lex) === 'interest') wrong.push(`${language}: ${JSON.stringify(text)}`);
          const coming = `${speaker} ${verb}.`;
          if (postStance(coming, lex) !== 'interest')
            wrong.push(`${language}: ${JSON.stringify(coming)} is not read as coming`);
        }
    }
    expect(wrong).to.deep.equal([]);
  });
});
