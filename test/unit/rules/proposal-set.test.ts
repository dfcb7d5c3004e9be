import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { labelledSets, setPath } from '../../support/interest-set.js';
import { labelledProposals, PROPOSAL_FIELDS, readProposalFields } from '../../support/proposal-set.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());

describe('proposal posts: the tuning set read as its labellers read it', () => {
  const set = labelledProposals('test/fixtures/proposals/tuning.jsonl');

  it('holds posts in all eight languages', () => {
    expect(set.length).to.be.at.least(100);
    expect(new Set(set.map((p) => p.language))).to.include.keys('en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl');
  });

  // Not every post: a few are read otherwise for reasons no kind of language covers yet
  // (a time said as "half past seven").
  for (const field of PROPOSAL_FIELDS)
    it(`reads the ${field} of at least 95 in 100`, () => {
      const wrong = set.filter((p) => !readProposalFields(p, rules)[field]);
      expect(1 - wrong.length / set.length, wrong.map((p) => `line ${p.line}`).join(', ')).to.be.at.least(0.95);
    });
});

describe('proposal posts: the region of every tuning set, titles included', () => {
  const posts = labelledSets()
    .proposals.filter((s) => s.role === 'tuning')
    .flatMap((s) => labelledProposals(setPath(s)).map((p) => ({ ...p, file: s.file })))
    .filter((p) => p.expect.proposal);

  it('reads the region of at least 95 in 100', function () {
    this.timeout(20_000);
    const wrong = posts.filter((p) => !readProposalFields(p, rules).region);
    expect(1 - wrong.length / posts.length, wrong.map((p) => `${p.file}:${p.line}`).join(', ')).to.be.at.least(0.95);
  });
});
