import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { interestLexicon, postStance } from '../../../src/rules/interest.js';
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
