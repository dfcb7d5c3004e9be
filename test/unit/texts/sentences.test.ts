import { expect } from 'chai';
import type { Checklist } from '../../../src/rules/checklist.js';
import type { Proposal } from '../../../src/rules/proposal.js';
import type { CriterionReason } from '../../../src/rules/checklist.js';
import { translator } from '../../../src/texts/catalog.js';
import { criterionDetail, criterionSentence, type CriterionKey } from '../../../src/texts/criteria.js';
import { machineValues } from '../../../src/texts/machine-values.js';
import {
  announcement,
  approvalPrompt,
  categoryDescription,
  nonApproverAnswer,
  promptTitle,
} from '../../../src/texts/messages.js';
import { renderStatusPost } from '../../../src/texts/status-post.js';
import { meetupCalendarFor } from '../../support/calendar.js';
import {
  CATEGORY,
  COMPLETE,
  catalog,
  contextFor,
  goldenTexts,
  proposalOf,
  recordingCatalog,
} from '../../support/texts.js';

/** Every reason a criterion can be not met for, with the value it comes with. */
const CASES: Array<[CriterionKey, CriterionReason, Checklist['schedule']['status'], unknown?]> = [
  ['interest', { code: 'more_needed', count: 0, needed: 2 }, 'missing'],
  ['interest', { code: 'more_needed', count: 1, needed: 1 }, 'missing'],
  ['interest', { code: 'more_needed', count: 3, needed: 22 }, 'missing'],
  ['region', { code: 'missing' }, 'missing'],
  ['region', { code: 'unreadable' }, 'missing', '!!!'],
  ['region', { code: 'country' }, 'blocked', 'Germany'],
  ['region', { code: 'covered', name: 'Mautic Meetup Munich', url: 'https://f/c/munich/90' }, 'blocked', 'München'],
  ['region', { code: 'other_proposal', url: 'https://f/t/hamburg/900' }, 'blocked', 'Hamburg'],
  ['region', { code: 'online_twin', url: 'https://f/t/online/901' }, 'warning', 'Online'],
  ['organisers', { code: 'none_named' }, 'missing'],
  ['organisers', { code: 'too_few', waiting: [] }, 'missing', ['jana.schmidt']],
  ['organisers', { code: 'too_few', waiting: [{ username: 'lukas_b', posted: false }] }, 'missing', ['jana.schmidt']],
  [
    'organisers',
    {
      code: 'too_few',
      waiting: [
        { username: 'lukas_b', posted: true },
        { username: 'mwerner', posted: false },
      ],
    },
    'missing',
    [],
  ],
  ['organisers', { code: 'same_company' }, 'warning', ['jana.schmidt', 'lukas_b']],
  ['venue', { code: 'missing' }, 'missing'],
  ['venue', { code: 'bar' }, 'blocked', 'The Crown pub'],
  ['venue', { code: 'mixed' }, 'missing', 'Acme office, then the pub'],
  ['venue', { code: 'unknown_kind' }, 'missing', 'Torstraße 1'],
  ['venue', { code: 'unconfirmed' }, 'missing', 'Acme office (tbd)'],
  ['launchDate', { code: 'missing' }, 'missing'],
  ['launchDate', { code: 'unreadable' }, 'missing'],
  ['launchDate', { code: 'past' }, 'blocked', '2027-01-05'],
  ['launchDate', { code: 'soon', days: 0, minDays: 28 }, 'warning', '2027-02-08'],
  ['launchDate', { code: 'soon', days: 1, minDays: 28 }, 'warning', '2027-02-09'],
  ['launchDate', { code: 'soon', days: 2, minDays: 28 }, 'warning', '2027-02-10'],
  ['schedule', { code: 'missing' }, 'missing'],
  ['schedule', { code: 'no_day' }, 'missing'],
  ['schedule', { code: 'weekly' }, 'missing'],
  ['schedule', { code: 'no_time', day: { ordinal: -1, weekday: 'WE' } }, 'missing'],
  ['schedule', { code: 'no_time', day: { monthDay: 1 } }, 'missing'],
  [
    'schedule',
    { code: 'monthly', day: { ordinal: 2, weekday: 'TU' }, hour: 19, minute: 0, warning: 'ambiguous' },
    'warning',
  ],
  [
    'schedule',
    { code: 'monthly', day: { ordinal: 5, weekday: 'SU' }, hour: 19, minute: 30, warning: 'some_months' },
    'warning',
  ],
  ['schedule', { code: 'monthly', day: { monthDay: 31 }, hour: 9, minute: 0, warning: 'some_months' }, 'warning'],
  [
    'schedule',
    { code: 'monthly', day: { ordinal: 1, weekday: 'FR' }, hour: 18, minute: 0, warning: 'off_launch' },
    'warning',
  ],
];

/** What a met criterion says it found: the detail of the JSON API and the command line. */
const MET: typeof CASES = [
  ['interest', { code: 'enough', count: 2 }, 'met'],
  ['interest', { code: 'enough', count: 31 }, 'met'],
  ['region', { code: 'clear' }, 'met', 'Berlin'],
  ['region', { code: 'online' }, 'met', 'Online'],
  ['organisers', { code: 'confirmed' }, 'met', ['jana.schmidt', 'lukas_b']],
  ['venue', { code: 'confirmed', kind: 'office' }, 'met', 'Acme office'],
  ['venue', { code: 'confirmed', kind: 'community_space' }, 'met', 'Stadtbibliothek'],
  ['venue', { code: 'online' }, 'met', 'online'],
  ['launchDate', { code: 'ahead', days: 1 }, 'met', '2027-02-09'],
  ['launchDate', { code: 'ahead', days: 40 }, 'met', '2027-03-20'],
  [
    'schedule',
    { code: 'monthly', day: { ordinal: 1, weekday: 'FR' }, hour: 18, minute: 0, warning: null },
    'met',
    { rrule: 'FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0', next: ['2027-03-05T18:00', '2027-04-02T18:00'] },
  ],
];

function withCriterion(p: Proposal, [key, reason, status, value]: (typeof CASES)[number]): Proposal {
  const c = { ...p.checklist![key], status, reason, value } as never;
  return { ...p, checklist: { ...p.checklist!, [key]: c } };
}

describe('why a criterion is not met, in words', () => {
  const base = proposalOf(COMPLETE, 'gathering');
  for (const language of [...catalog.messages.keys()].sort()) {
    it(`${language}: every reason gets a sentence with no machine value`, () => {
      const tr = translator(catalog, language);
      const ctx = contextFor(language);
      for (const item of CASES) {
        const sentence = criterionSentence(item[0], withCriterion(base, item), tr, ctx);
        const what = `${item[0]} ${JSON.stringify(item[1])}`;
        expect(sentence, what).to.be.a('string').with.length.above(10);
        expect(machineValues(sentence!), what).to.deep.equal([]);
        expect(sentence, what).not.to.match(/\{|\}/);
      }
    });
  }

  for (const language of [...catalog.messages.keys()].sort()) {
    it(`${language}: every status, met or not, has its detail from the messages, with no machine value`, () => {
      const tr = translator(catalog, language);
      const ctx = contextFor(language);
      for (const item of [...CASES, ...MET]) {
        const detail = criterionDetail(item[0], withCriterion(base, item), tr, ctx);
        const what = `${item[0]} ${JSON.stringify(item[1])}`;
        expect(detail, what).to.be.a('string').with.length.above(10);
        expect(machineValues(detail), what).to.deep.equal([]);
        expect(detail, what).not.to.match(/\{|\}/);
      }
    });
  }

  it('says in English what a met criterion found', () => {
    const tr = translator(catalog, 'en');
    const ctx = contextFor('en');
    const detail = (i: number) => criterionDetail(MET[i]![0], withCriterion(base, MET[i]!), tr, ctx);
    expect(detail(0)).to.equal('2 people have said they would join.');
    expect(detail(5)).to.equal('A confirmed office.');
    expect(detail(6)).to.equal('A confirmed community space.');
    expect(detail(8)).to.equal('The first meetup is tomorrow.');
    expect(detail(10)).to.match(/^Read as first Friday of each month, 18:00 \(.+\); next: .*5.* · .*2.*\.$/);
  });

  it('a waiting organiser is mentioned only when they posted in the thread', () => {
    const tr = translator(catalog, 'en');
    const sentence = criterionSentence('organisers', withCriterion(base, CASES[12]!), tr, contextFor('en'));
    expect(sentence).to.equal('@lukas_b and `mwerner` still need to reply here to confirm.');
  });

  it('the organisers reason names who must still confirm, from the checklist', () => {
    expect(
      proposalOf([[COMPLETE[0]![0], 'Organisers: @jana.schmidt @lukas_b']], 'gathering').checklist!.organisers,
    ).to.deep.include({
      status: 'missing',
      reason: { code: 'too_few', waiting: [{ username: 'lukas_b', posted: false }] },
    });
  });
});

describe('every message of the English file is used by some text', () => {
  it('no message is left over', () => {
    const { catalog: recording, used } = recordingCatalog();
    for (const language of [...catalog.messages.keys()]) goldenTexts(language, recording);
    const ctx = contextFor('en', {}, recording);
    const p = proposalOf(COMPLETE, 'awaiting_approval');
    const tr = translator(recording, 'en');
    for (const item of [...CASES, ...MET]) criterionDetail(item[0], withCriterion(p, item), tr, ctx);
    promptTitle(p, 2, ctx);
    approvalPrompt({ ...p, title: '' }, 1, ctx);
    const noOrganisers = withCriterion(p, ['organisers', { code: 'confirmed' }, 'met', []]);
    announcement(noOrganisers, CATEGORY, ctx);
    categoryDescription({ ...p, online: true }, ctx);
    renderStatusPost({ ...p, state: 'rejected', approval: null }, ctx);
    renderStatusPost({ ...p, state: 'gathering' }, ctx);
    for (const state of ['gathering', 'opened'] as const) nonApproverAnswer('k', 'u', state, ctx, 'message');
    const monthDay = withCriterion(p, CASES[32]!);
    renderStatusPost({ ...monthDay, interested: Array.from({ length: 25 }, (_, i) => `user_${i}`) }, ctx);
    meetupCalendarFor(
      { ...p, checklist: { ...p.checklist!, launchDate: { ...p.checklist!.launchDate, value: '2027-03-04' } } },
      ctx,
    );
    const unused = Object.keys(catalog.messages.get('en')!).filter((k) => !used.has(k) && k !== 'meta.locale');
    expect(unused).to.deep.equal([]);
  });
});
