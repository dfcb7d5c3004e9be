import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules, evaluateChecklist } from '../../../src/rules/checklist.js';
import { postStance } from '../../../src/rules/interest.js';
import { readDate } from '../../../src/rules/launch-date.js';
import { readCommand } from '../../../src/rules/lifecycle.js';
import { companyOf, namedOrganisers } from '../../../src/rules/organisers.js';
import { isOnline, regionFromTitle, regionKey } from '../../../src/rules/region.js';
import { readSchedule } from '../../../src/rules/schedule.js';
import { inert, renderStatusPost } from '../../../src/texts/status-post.js';
import { templateLines } from '../../../src/rules/template.js';
import { clauses, ownWords } from '../../../src/rules/text.js';
import { readVenue, venueSentence } from '../../../src/rules/venue.js';
import { jana, thread } from '../../support/views.js';

const config = loadRulesConfig('config/default.json');
const rules = compileRules(config, 'system');
const SIZE = 100_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

// Shapes that make backtracking matchers or naive nested scans go quadratic or worse.
const HOSTILE: Array<[string, string]> = [
  ['one letter', fill('a')],
  ['spaces', fill(' ')],
  ['letters and apostrophes', fill("a'")],
  ['open quotes, one close at the end', `${fill('[quote')}[/quote]`],
  ['close quotes', fill('[/quote]')],
  ['colons', fill(':')],
  ['at signs', fill('@')],
  ['mentions', fill('@a ')],
  ['digits', fill('1')],
  ['times', fill('1:1')],
  ['parentheses', fill('(')],
  ['backticks', fill('`')],
  ['fences', fill('```\n')],
  ['separators', fill(' and ,')],
  ['interest phrases', fill("count me in i'm in ")],
  ['negators', fill('not ')],
  ['labels', fill('Region: ')],
  ['newlines', fill('\n')],
  ['plus ones', fill('+1')],
  ['combining accents', fill('e\u0301')],
];

const MATCHERS: Array<[string, (s: string) => unknown]> = [
  ['postStance', (s) => postStance(s, rules.interest)],
  ['ownWords', ownWords],
  ['clauses', clauses],
  ['templateLines', (s) => templateLines(s, rules.labels, 300)],
  ['regionKey', (s) => regionKey(s, rules.region)],
  ['isOnline', (s) => isOnline(s, rules.region)],
  ['regionFromTitle', (s) => regionFromTitle(s, rules.region)],
  ['namedOrganisers', (s) => namedOrganisers(s, { userId: 1, username: 'a' }, [], rules.selfWords)],
  ['companyOf', (s) => companyOf({ company: s, website: s }, rules.personalDomains)],
  ['readVenue', (s) => readVenue(s, rules.venue)],
  ['venueSentence', (s) => venueSentence(s, rules.venue, 300)],
  ['readDate', (s) => readDate(s, new Date('2026-11-24T00:00:00Z'), config.launchDate.locales)],
  ['readSchedule', (s) => readSchedule(s, rules.schedule)],
  ['readCommand', (s) => readCommand(s, config.approval.commands)],
  ['inert', inert],
];

describe('rules: hostile input stays linear', function () {
  // Every matcher gets every 100 kB shape; a super-linear one would take minutes, not this.
  this.timeout(15_000);

  for (const [name, match] of MATCHERS) {
    it(`${name} reads every pathological 100 kB string`, () => {
      for (const [, text] of HOSTILE) match(text);
      expect(HOSTILE.every(([, t]) => t.length >= SIZE)).to.equal(true);
    });
  }

  it('a whole thread of hostile posts gives a bounded checklist and status post', () => {
    const view = thread(
      fill('Meetup '),
      HOSTILE.map(([, text]) => [jana, text] as [typeof jana, string]),
    );
    const e = evaluateChecklist(view, rules, {
      now: new Date(),
      forumUrl: 'https://f',
      meetups: [],
      countries: [],
      otherProposals: [],
      profiles: {},
    });
    const post = renderStatusPost({
      state: 'gathering',
      checklist: e.checklist,
      interested: e.interested.map((p) => p.username),
      rejectionReason: null,
    });
    expect(post.length).to.be.below(5000);
  });
});
