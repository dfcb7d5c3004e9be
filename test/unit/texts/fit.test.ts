import { expect } from 'chai';
import fc from 'fast-check';
import type { Meetup } from '../../../src/rules/meetup.js';
import { digestItems } from '../../../src/rules/programme.js';
import type { Proposal } from '../../../src/rules/proposal.js';
import { digestText } from '../../../src/texts/digest.js';
import { overviewText } from '../../../src/texts/overview.js';
import { contextFor, INCOMPLETE, proposalOf, rules, wienMeetup, NOW } from '../../support/texts.js';

const FORUM = 'https://forum.example.org';

function meetups(n: number): Meetup[] {
  return Array.from({ length: n }, (_, i) =>
    wienMeetup({
      categoryId: 1000 + i,
      name: `Mautic Meetup Place ${i}`,
      url: `${FORUM}/c/mautic-meetups/place-${i}/${1000 + i}`,
      state: i % 5 === 0 ? 'dormant' : 'active',
    }),
  );
}

function proposals(n: number, stalledEvery: number): Proposal[] {
  const base = proposalOf(INCOMPLETE, 'gathering');
  return Array.from({ length: n }, (_, i) => ({
    ...base,
    topicId: 50_000 + i,
    title: `Mautic meetup proposal number ${i}`,
    url: `${FORUM}/t/proposal-${i}/${50_000 + i}`,
    state: i % stalledEvery === 0 ? ('stalled' as const) : ('gathering' as const),
    lastActivityAt: '2026-01-01T00:00:00Z',
  }));
}

const withMax = (maxPostLength: number) => {
  const ctx = contextFor('en');
  return { ...ctx, rules: { ...ctx.rules, forum: { ...ctx.rules.forum, maxPostLength } } };
};

/** Items named in a text by their links, and items it counts as left out. */
function accounted(text: string): { listed: number; counted: number } {
  const listed = (text.match(/^- \[/gm) ?? []).length;
  const counted = [...text.matchAll(/…and (one|\d+) more/g)].reduce(
    (sum, m) => sum + (m[1] === 'one' ? 1 : Number(m[1])),
    0,
  );
  return { listed, counted };
}

describe('long lists made to fit one post', () => {
  it('the overview of a large programme stays within the forum’s post length and accounts for every item', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 2000, max: 40_000 }),
        (m, p, stalledEvery, max) => {
          const text = overviewText(meetups(m), proposals(p, stalledEvery), withMax(max));
          expect(text.length).to.be.at.most(max);
          const { listed, counted } = accounted(text);
          expect(listed + counted, 'each meetup and proposal is listed or counted').to.equal(m + p);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps every detail while the whole overview fits, and drops details before items', () => {
    const small = overviewText(meetups(3), proposals(3, 2), withMax(32_000));
    expect(small).to.include('organisers not known');
    expect(small).not.to.include('more,');
    const large = overviewText(meetups(300), proposals(5, 2), withMax(32_000));
    expect(large, 'compact lines: no organisers').not.to.include('organisers not known');
    expect(large).to.include('[Mautic Meetup Place 299]');
    expect(large, 'marks stay').to.include(
      '[Mautic Meetup Place 5](https://forum.example.org/c/mautic-meetups/place-5/1005) · ⏸️ dormant',
    );
  });

  it('gives every list its share when they cannot all fit: short lists whole, long ones cut alike', () => {
    const text = overviewText(meetups(12), proposals(400, 3), withMax(6000));
    const [, meetupPart, openPart, stalledPart] = text.split(/^## /m);
    const listed = (part: string | undefined) => (part?.match(/^- \[/gm) ?? []).length;
    expect(listed(meetupPart), 'the short list of meetups whole').to.equal(12);
    expect(meetupPart).not.to.include('…and');
    expect(listed(openPart)).to.be.greaterThan(12);
    expect(listed(openPart), 'both long lists cut at the same length').to.equal(listed(stalledPart));
    expect(openPart).to.match(/…and \d+ more, left out because the forum refuses longer posts/);
    expect(listed(openPart) + listed(stalledPart) + accounted(text).counted).to.equal(400);
  });

  it('the digest lists what asks the moderators to act first, keeps each kind within the post length and counts the others', () => {
    const dormant = meetups(20).map((m) => ({ ...m, state: 'dormant' as const }));
    const awaiting = proposals(3, 1).map((p) => ({
      ...p,
      topicId: p.topicId + 10_000,
      state: 'awaiting_approval' as const,
      awaitingSince: '2026-01-01T00:00:00Z',
    }));
    const items = digestItems([...proposals(497, 1), ...awaiting], dormant, NOW, rules.lifecycle);
    expect(items.map((i) => i.kind).slice(0, 4)).to.deep.equal(['awaiting', 'awaiting', 'awaiting', 'dormant']);
    expect(items).to.have.length(520);
    const text = digestText(1, items, withMax(4000));
    expect(text.length).to.be.at.most(4000);
    const { listed, counted } = accounted(text);
    expect(listed).to.be.greaterThan(10);
    expect(listed + counted).to.equal(520);
    expect(text.match(/awaiting approval/g), 'every proposal awaiting approval').to.have.length(3);
    expect(text, 'the closing line is kept').to.include('at most once every');
  });
});
