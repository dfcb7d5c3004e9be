import { expect } from 'chai';
import { inert, renderStatusPost, STATUS_MARKER, statusPostDue } from '../../../src/texts/status-post.js';
import { CATEGORY, COMPLETE, contextFor, INCOMPLETE, proposalOf } from '../../support/texts.js';

describe('the status post', () => {
  it('shows every criterion with its mark and value in words, and what happens next', () => {
    const text = renderStatusPost(proposalOf(COMPLETE, 'awaiting_approval'), contextFor('en'));
    expect(text.startsWith(STATUS_MARKER)).to.equal(true);
    expect(text).to.include('✅ **At least 2 people interested:** 3 people: `jana.schmidt`, `lukas_b` and `mwerner`');
    expect(text).to.include('⚠️ **A date for the first meetup, ideally 4 weeks ahead:** Friday, 5 March 2027');
    expect(text).to.include('first Friday of each month, 18:00 (Central European Time)');
    expect(text).to.include('Next dates: Fri, 5 Mar 2027, 18:00 CET · Fri, 2 Apr 2027, 18:00 CEST');
    expect(text).to.include('the moderators have been asked to approve the meetup');
    expect(text, 'nothing left to fill in: no template').not.to.include('```');
  });

  it('shows the template while details are missing, and invites more people once interest is met', () => {
    const short = renderStatusPost(proposalOf(INCOMPLETE, 'gathering'), contextFor('en'));
    // Filled in with what the thread says; the example where it says nothing yet.
    expect(short).to.include('```text\nRegion: Berlin\nOrganisers: @jana.schmidt @lukas_b\n');
    expect(short).to.include('Monthly: first Friday of each month at 18:00\n```');
    expect(short.match(/count me in/g), 'once: the interest line says how to join').to.have.length(1);
    const met = proposalOf([...INCOMPLETE, ...COMPLETE.slice(1)], 'gathering');
    expect(met.checklist!.interest.status).to.equal('met');
    expect(renderStatusPost(met, contextFor('en')))
      .to.include('Anyone else who would like to join can reply “count me in” or like the first post.')
      .and.include('```text');
  });

  it('is written in the thread’s language, template labels included', () => {
    const text = renderStatusPost(proposalOf(INCOMPLETE, 'gathering'), contextFor('de'));
    expect(text).to.include('**Checkliste für das Meetup**');
    expect(text).to.include('`lukas_b` muss hier noch antworten, um zuzusagen.');
    expect(text).to.include('Stadt: Berlin\nOrganisatoren: @jana.schmidt @lukas_b');
  });

  it('once the meetup is official, shows its category and dates instead of the checklist and the template', () => {
    const text = renderStatusPost({ ...proposalOf(COMPLETE, 'opened'), meetupCategory: CATEGORY }, contextFor('en'));
    expect(text).to.include(`[Mautic Meetup Berlin](${CATEGORY.url})`);
    expect(text).to.include('**Next dates:** Fri, 5 Mar 2027, 18:00 CET');
    expect(text).to.include('[Add the meetups to your calendar](https://companion.example.org/meetups/92.ics)');
    expect(text).not.to.include('```').and.not.include('**Next:**').and.not.include('⬜');
  });

  it('stays bounded whatever people write', () => {
    const many = Array.from({ length: 500 }, (_, i) => `user_${i}`);
    const text = renderStatusPost(
      {
        ...proposalOf([[COMPLETE[0]![0], `Region: ${'x'.repeat(5000)}`]], 'rejected'),
        interested: many,
        approval: { decision: 'rejected', by: 'k', at: '', reason: 'x'.repeat(10_000) },
      },
      contextFor('en'),
    );
    expect(text.length).to.be.below(5000);
    expect(text).to.include('and 480 more');
  });

  it('is due once someone besides the author is interested, and then stays', () => {
    const p = { state: 'gathering' as const, interested: ['jana.schmidt'], statusPostId: null };
    expect(statusPostDue(p, 'first_interest', true)).to.equal(false);
    expect(statusPostDue({ ...p, interested: ['jana.schmidt', 'lukas_b'] }, 'first_interest', true)).to.equal(true);
    expect(statusPostDue({ ...p, statusPostId: 1 }, 'first_interest', true)).to.equal(true);
    expect(statusPostDue(p, 'first_post', true)).to.equal(true);
  });

  it('inert() keeps text on one line inside one code span', () => {
    expect(inert('a `b`\n@c')).to.equal("`a 'b' @c`");
    expect(inert('x'.repeat(500)).length).to.equal(122);
  });
});
