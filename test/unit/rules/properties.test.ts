import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules, evaluateChecklist } from '../../../src/rules/checklist.js';
import { jana, kai, lukas, marta, sofia, thread, type Person } from '../../support/views.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const facts = {
  now: new Date('2026-11-24T12:00:00Z'),
  forumUrl: 'https://forum.mautic.org',
  meetups: [{ name: 'Mautic Meetup Munich', url: 'https://forum.mautic.org/c/90' }],
  countries: ['Germany'],
  otherProposals: [],
  profiles: {},
};

const people = [jana, lukas, marta, sofia, kai];
const lines = [
  'Count me in!',
  '+1',
  'Not interested',
  'Count me out',
  'Ich bin dabei',
  'Anyone else?',
  'Ci sarò',
  'Region: Berlin',
  'Region: München',
  'Organisers: @jana.schmidt @lukas_b',
  'Organisers: me and @mwerner',
  'Venue: Acme office',
  'Venue: The Crown pub',
  'Launch: 2027-03-05',
  'Launch: 5. März 2027',
  'Monthly: first Friday of each month at 18:00',
  'Monthly: every second Tuesday at 7 pm',
];
const replyArb = fc.record({
  who: fc.constantFrom(...people),
  text: fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')),
  deleted: fc.boolean(),
});
const threadArb = fc.array(replyArb, { minLength: 1, maxLength: 10 });

function viewOf(replies: Array<{ who: Person; text: string; deleted: boolean }>) {
  return thread('Mautic Meetup in Berlin?', [
    [jana, 'Meetup in Berlin?'],
    ...replies.map((r) => [r.who, r.text, { deleted: r.deleted }] as [Person, string, { deleted: boolean }]),
  ]);
}

describe('rules: properties of the checklist', () => {
  it('any order and any duplication of the same posts gives the same checklist', () => {
    fc.assert(
      fc.property(threadArb, fc.array(fc.nat(), { maxLength: 15 }), fc.integer(), (replies, dupes, seed) => {
        const view = viewOf(replies);
        const expected = evaluateChecklist(view, rules, facts);
        const posts = [...view.posts, ...dupes.map((d) => view.posts[d % view.posts.length]!)];
        const shuffled = fc.sample(fc.shuffledSubarray(posts, { minLength: posts.length }), { seed, numRuns: 1 })[0]!;
        const got = evaluateChecklist({ ...view, posts: shuffled }, rules, facts);
        expect(got).to.deep.equal(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('adding a deleted post changes nothing', () => {
    fc.assert(
      fc.property(threadArb, replyArb, (replies, extra) => {
        const before = evaluateChecklist(viewOf(replies), rules, facts);
        const after = evaluateChecklist(viewOf([...replies, { ...extra, deleted: true }]), rules, facts);
        expect(after).to.deep.equal(before);
      }),
      { numRuns: 200 },
    );
  });

  it('a negation never adds anyone to the interested', () => {
    fc.assert(
      fc.property(
        threadArb,
        fc.constantFrom(...people),
        fc.constantFrom('Not interested', 'Nicht interessiert', 'Pas intéressé', 'No me interesa'),
        (replies, who, no) => {
          const before = new Set(evaluateChecklist(viewOf(replies), rules, facts).interested.map((p) => p.username));
          const after = evaluateChecklist(
            viewOf([...replies, { who, text: no, deleted: false }]),
            rules,
            facts,
          ).interested;
          expect(after.filter((p) => !before.has(p.username))).to.deep.equal([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
